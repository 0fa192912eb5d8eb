"""Scale-out: the Ray Data adapter on a local 2-CPU Ray, and 2-process DDP training with torchrun."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ["We must pass this bill now.", "This bill is a disaster for workers.", "The vote is on Tuesday.",
         "I have always backed cleaner air.", "No.", "Taxes like this hurt families and small shops."]


def test_ray_adapter_matches_predict(smoke_model_dir, smoke_detector):
    ray = pytest.importorskip("ray")
    from stancekit.distributed import predict_ray_dataset

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    try:
        rows = [{"id": i, "text": t, "target": "Carbon tax" if i % 2 else ""} for i, t in enumerate(TEXTS)]
        out = predict_ray_dataset(ray.data.from_items(rows), model=str(smoke_model_dir), target="Clean air act",
                                  concurrency=2, batch_size=2).take_all()
    finally:
        ray.shutdown()
    out = sorted(out, key=lambda r: r["id"])
    targets = ["Carbon tax" if i % 2 else "Clean air act" for i in range(len(TEXTS))]
    expected = smoke_detector.predict_proba(TEXTS, targets=targets)
    got = np.array([[r["score_support"], r["score_oppose"], r["score_neutral"]] for r in out])
    np.testing.assert_allclose(got, expected, atol=1e-5)
    assert [r["label"] for r in out] == [p.label for p in smoke_detector.predict(TEXTS, targets=targets)]


def test_torchrun_two_process_training(tmp_path, data_dir):
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_port", "29517",
         "-m", "stancekit", "train", "--config", str(ROOT / "configs" / "smoke.yaml"),
         "--output", str(tmp_path / "ddp")],
        capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads((tmp_path / "ddp" / "train_summary.json").read_text())
    assert summary["train_rows"] == 96
    assert (tmp_path / "ddp" / "model.safetensors").exists()
