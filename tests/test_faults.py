"""Faults: a training run killed mid-epoch, a full disk, a base model with other labels."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import yaml

from stancekit import ModelLoadError, StanceDetector
from stancekit.train import TrainConfig, train

ROOT = Path(__file__).resolve().parent.parent
PROBE = ["She is the only candidate I trust.", "Not voting for her, ever.", "Debate tonight at 9."]


def test_killed_mid_epoch_resumes_to_the_same_model(tmp_path, data_dir):
    config = {"corpora": [{"name": "semeval", "max_train_rows": 96, "max_eval_rows": 16}], "max_length": 32,
              "epochs": 1, "batch_size": 8, "save_steps": 3, "seed": 5, "calibrate": False}
    path = tmp_path / "kill.yaml"
    path.write_text(yaml.safe_dump(config))
    out = tmp_path / "killed"
    process = subprocess.Popen([sys.executable, "-m", "stancekit", "train", "-c", str(path), "-o", str(out)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 240
    while not (out / "checkpoints" / "checkpoint-3" / "trainer_state.json").exists() and time.time() < deadline:
        time.sleep(0.2)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not (out / "model.safetensors").exists(), "run finished before it could be killed"
    resumed = train(TrainConfig.from_yaml(path), out, resume=True)
    uninterrupted = train(TrainConfig.from_yaml(path), tmp_path / "whole")
    np.testing.assert_allclose(resumed.predict_proba(PROBE, target="Hillary Clinton"),
                               uninterrupted.predict_proba(PROBE, target="Hillary Clinton"), atol=1e-4)


def test_resume_without_checkpoint_is_a_clear_error(tmp_path):
    code = subprocess.run([sys.executable, "-m", "stancekit", "train", "-c", str(ROOT / "configs" / "smoke.yaml"),
                           "-o", str(tmp_path / "fresh"), "--resume"], capture_output=True, text=True)
    assert code.returncode == 2 and "no checkpoint found" in code.stderr and "Traceback" not in code.stderr


def test_full_disk_gives_one_line_and_no_partial_file(tmp_path, smoke_model_dir):
    quotes = tmp_path / "many.jsonl"
    quotes.write_text("".join(json.dumps({"text": f"statement number {i}"}) + "\n" for i in range(300)))
    out = tmp_path / "out.jsonl"
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"  # files over 4 KB cannot be written
        "from stancekit.cli import main\n"
        f"sys.exit(main(['predict', {str(quotes)!r}, '-t', 'x', '-m', {str(smoke_model_dir)!r}, '-o', {str(out)!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("stancekit: error: ") and result.stderr.count("\n") == 1
    assert "File too large" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many.jsonl"]


def test_base_model_with_other_labels_is_refused_before_training(tmp_path, smoke_detector):
    smoke_detector.model.config.id2label = {0: "pro", 1: "con", 2: "none"}
    try:
        smoke_detector.save_pretrained(tmp_path)
    finally:
        smoke_detector.model.config.id2label = {0: "support", 1: "oppose", 2: "neutral"}
    with pytest.raises(ModelLoadError, match=r"classifies \['pro', 'con', 'none'\]"):
        StanceDetector.from_base(str(tmp_path))
    with pytest.raises(ModelLoadError, match="are not"):
        StanceDetector.from_pretrained(tmp_path)
