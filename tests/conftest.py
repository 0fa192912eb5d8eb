"""Shared fixtures: the real corpora folder and a real (tiny) model trained once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("STANCEKIT_DATA_DIR", str(ROOT.parent / "shared" / "data"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    path = Path(os.environ["STANCEKIT_DATA_DIR"])
    if not path.is_dir():
        pytest.fail(f"stance corpora not found at {path}; set STANCEKIT_DATA_DIR")
    return path


@pytest.fixture(scope="session")
def smoke_model_dir(tmp_path_factory, data_dir) -> Path:
    """Train configs/smoke.yaml (MiniLM on 96 real SemEval tweets) once; return the saved folder."""
    from stancekit.train import TrainConfig, train

    out = tmp_path_factory.mktemp("smoke_model")
    train(TrainConfig.from_yaml(ROOT / "configs" / "smoke.yaml"), out)
    return out


@pytest.fixture(scope="session")
def smoke_detector(smoke_model_dir):
    from stancekit import StanceDetector

    return StanceDetector.from_pretrained(smoke_model_dir)


@pytest.fixture()
def cli(capsys):
    """The stancekit command line, run in-process: ``cli([...]) -> (exit code, stdout, stderr)``."""
    from stancekit.cli import main

    def run(args) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
