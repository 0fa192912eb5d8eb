"""scripts/benchmark.py --quick runs end to end on real data and writes its results files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_writes_json_and_table(tmp_path, smoke_model_dir):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "benchmark.py"), "--quick",
                             "--models", str(smoke_model_dir), "--results-dir", str(tmp_path)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "benchmark_quick.json").read_text())
    assert set(report["baselines"]) == {"majority", "tfidf_svm", "tfidf_logreg", "frozen_minilm_logreg",
                                        "tfidf_svm_in_domain"}
    row = report["models"][str(smoke_model_dir)]["row"]
    assert set(row) == {"semeval", "vast", "vast_zero_shot", "vast_few_shot", "perspectrum", "argq",
                        "emergent", "fnc1"}
    assert all(0.0 <= value <= 1.0 for value in row.values())
    calibration = report["models"][str(smoke_model_dir)]["calibration"]["semeval"]
    assert 0.0 <= calibration["ece_calibrated"] <= 1.0
    table = (tmp_path / "benchmark_quick.md").read_text()
    assert "quoted, not re-run" in table and "TGA-Net" in table and "| majority (baseline) |" in table
