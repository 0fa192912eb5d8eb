"""ONNX Runtime inference, optionally int8 (``pip install "stancekit[onnx]"``).

    >>> from stancekit.exporters.onnx import OnnxStanceDetector, export_onnx
    >>> export_onnx(StanceDetector.from_pretrained("default"), "default_onnx")
    >>> fast = OnnxStanceDetector.from_pretrained("default_onnx")
    >>> fast.predict(["..."], target="...")          # same API and calibration as StanceDetector

The exported folder holds ``model.onnx`` beside the usual config and tokenizer files, so the
labels and the calibration travel with it. Dynamic int8 quantization (``quantize=True``) is about
3 times faster on CPU. It quantizes each weight matrix per output channel, which costs the
shipped default 2 to 12 points of macro-F1 on the test sets (one scale per matrix,
``per_channel=False``, cost 7 to 35; ``python scripts/bench_int8_accuracy.py``,
results/int8_accuracy.json): measure it on your data before you use it. The command line does
the same: ``stancekit export [--int8] -o FOLDER``, then ``stancekit predict ... --model FOLDER``.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import torch
from transformers import AutoConfig, AutoTokenizer

from ..errors import ModelLoadError
from ..model import StanceDetector

ONNX_FILE = "model.onnx"
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def export_onnx(detector: StanceDetector, path: str | os.PathLike, quantize: bool = False,
                per_channel: bool = True) -> Path:
    """Write ``detector`` as an ONNX model (dynamic batch and length), int8-quantized if asked
    (faster, but it costs accuracy: see the module's docstring); ``per_channel`` gives each
    output channel of a quantized weight its own scale instead of one per matrix."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    detector.model.config.save_pretrained(path)
    detector.tokenizer.save_pretrained(path)
    sample = detector.encode(["a target"], ["a statement"])
    names = [name for name in _INPUTS if name in sample]
    tensors = tuple(torch.tensor(sample[name]) for name in names)
    fp32 = path / ("model_fp32.onnx" if quantize else ONNX_FILE)
    axes = {name: {0: "batch", 1: "length"} for name in names} | {"logits": {0: "batch"}}
    torch.onnx.export(detector.model.float().eval(), tensors, str(fp32), input_names=names,
                      output_names=["logits"], dynamic_axes=axes, opset_version=17, dynamo=False)
    if quantize:
        quantize_dynamic(str(fp32), str(path / ONNX_FILE), weight_type=QuantType.QInt8, per_channel=per_channel)
        fp32.unlink()
    return path


class _ConfigOnly:
    """Stands in for the torch model where only its config is needed (labels, calibration)."""

    def __init__(self, config):
        self.config = config

    def eval(self) -> "_ConfigOnly":
        return self


class OnnxStanceDetector(StanceDetector):
    """A :class:`StanceDetector` whose forward pass runs in ONNX Runtime."""

    def __init__(self, session, config, tokenizer):
        super().__init__(_ConfigOnly(config), tokenizer)
        self.session = session
        self._input_names = [i.name for i in session.get_inputs()]

    @classmethod
    def from_pretrained(cls, name_or_path: str | os.PathLike) -> "OnnxStanceDetector":
        import onnxruntime

        path = Path(name_or_path)
        if not (path / ONNX_FILE).is_file():
            raise ModelLoadError(f"{path}: no {ONNX_FILE} (export one with stancekit.exporters.onnx.export_onnx)")
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = torch.get_num_threads()
        session = onnxruntime.InferenceSession(str(path / ONNX_FILE), options, providers=["CPUExecutionProvider"])
        return cls(session, AutoConfig.from_pretrained(path), AutoTokenizer.from_pretrained(path))

    def _forward(self, batch: dict) -> np.ndarray:
        feeds = {name: batch[name].numpy().astype(np.int64) for name in self._input_names}
        return self.session.run(["logits"], feeds)[0]
