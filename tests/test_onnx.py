"""The ONNX Runtime backend gives the torch model's probabilities (fp32) and labels (int8, mostly)."""

from __future__ import annotations

import json
import sys

import numpy as np
import pytest

pytest.importorskip("onnxruntime")

from stancekit import ModelLoadError  # noqa: E402
from stancekit.exporters.onnx import OnnxStanceDetector, export_onnx  # noqa: E402

TEXTS = ["We must pass this bill now.", "This bill is a disaster for workers.", "The vote is on Tuesday.",
         "A much longer statement about the bill, its costs, and the people it will help or hurt. " * 3]


def test_fp32_export_matches_torch(tmp_path, smoke_detector):
    fast = OnnxStanceDetector.from_pretrained(export_onnx(smoke_detector, tmp_path / "fp32", quantize=False))
    np.testing.assert_allclose(fast.predict_proba(TEXTS, target="The bill"),
                               smoke_detector.predict_proba(TEXTS, target="The bill"), atol=1e-4)
    assert fast.calibration == smoke_detector.calibration and fast.max_length == smoke_detector.max_length


def test_int8_export_runs_and_stays_close(tmp_path, smoke_detector):
    fast = OnnxStanceDetector.from_pretrained(export_onnx(smoke_detector, tmp_path / "int8", quantize=True))
    assert (tmp_path / "int8" / "model.onnx").stat().st_size < 0.5 * 4 * 22_000_000  # int8 weights
    probabilities = fast.predict_proba(TEXTS, target="The bill")
    assert probabilities.shape == (4, 3) and np.allclose(probabilities.sum(1), 1, atol=1e-5)
    assert np.abs(probabilities - smoke_detector.predict_proba(TEXTS, target="The bill")).max() < 0.1


@pytest.mark.parametrize("per_channel", [True, False])
def test_int8_weight_scales_per_channel_or_per_matrix(tmp_path, smoke_detector, per_channel):
    onnx = pytest.importorskip("onnx")
    export_onnx(smoke_detector, tmp_path / "int8", quantize=True, per_channel=per_channel)
    graph = onnx.load(str(tmp_path / "int8" / "model.onnx")).graph
    weight_scales = [init for init in graph.initializer if init.name.endswith("_scale")]
    sizes = {int(np.prod(init.dims)) for init in weight_scales}
    assert weight_scales and (max(sizes) > 1) == per_channel


def test_folder_without_onnx_model(tmp_path):
    with pytest.raises(ModelLoadError, match="no model.onnx"):
        OnnxStanceDetector.from_pretrained(tmp_path)


def test_cli_export_then_predict_with_the_onnx_folder(tmp_path, smoke_model_dir, cli):
    quotes = tmp_path / "quotes.jsonl"
    quotes.write_text("".join(json.dumps({"text": t}) + "\n" for t in TEXTS))
    code, _, err = cli(["export", "-m", smoke_model_dir, "-o", tmp_path / "fast"])
    assert code == 0 and "fp32 ONNX model written" in err and (tmp_path / "fast" / "model.onnx").is_file()
    assert not list(tmp_path.glob(".fast*"))  # no staging folder left behind
    rows = {}
    for model in (smoke_model_dir, tmp_path / "fast"):
        code, out, _ = cli(["predict", quotes, "-t", "The bill", "-m", model])
        assert code == 0
        rows[model] = [json.loads(line) for line in out.splitlines()]
    torch_rows, onnx_rows = rows.values()
    assert [r["label"] for r in onnx_rows] == [r["label"] for r in torch_rows]
    for a, b in zip(onnx_rows, torch_rows):
        assert all(abs(a["scores"][k] - b["scores"][k]) < 1e-3 for k in a["scores"])


def test_cli_export_int8_and_refuses_an_existing_folder(tmp_path, smoke_model_dir, cli):
    code, _, err = cli(["export", "-m", smoke_model_dir, "-o", tmp_path / "int8", "--int8"])
    assert code == 0 and "int8 ONNX model written" in err
    assert (tmp_path / "int8" / "model.onnx").stat().st_size < 0.5 * 4 * 22_000_000
    code, _, err = cli(["export", "-m", smoke_model_dir, "-o", tmp_path / "int8"])
    assert code == 2 and err.strip() == f"stancekit: error: {tmp_path / 'int8'}: already exists; choose a new folder"
    code, _, err = cli(["export", "-m", tmp_path / "int8", "-o", tmp_path / "again"])
    assert code == 2 and "int8: is already an ONNX model" in err and not (tmp_path / "again").exists()


def test_cli_without_onnx_runtime_says_what_to_install(tmp_path, smoke_model_dir, cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # as if the onnx extra were not installed
    code, _, err = cli(["export", "-m", smoke_model_dir, "-o", tmp_path / "fast"])
    assert code == 2 and not (tmp_path / "fast").exists()
    assert err.strip() == (f"stancekit: error: {smoke_model_dir}: needs ONNX Runtime (onnxruntime is not "
                           'installed): pip install "stancekit[onnx]"')
