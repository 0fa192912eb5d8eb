"""Accuracy change of the int8 ONNX Runtime path against the fp32 model, on the full test sets.

    python scripts/bench_int8_accuracy.py [--model default]

Exports the model to ONNX with dynamic int8 quantization (stancekit.exporters.onnx), scores both
on the benchmark test splits exactly as scripts/benchmark.py does, and writes
results/int8_accuracy.json with the headline metrics and their differences (int8 - fp32).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from _command import reproducing_command  # noqa: E402

from benchmark import load_test_sets, run_model  # noqa: E402

from stancekit import StanceDetector  # noqa: E402
from stancekit.exporters.onnx import export_onnx  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="default")
    parser.add_argument("--data-dir")
    parser.add_argument("--output", default=str(ROOT / "results" / "int8_accuracy.json"))
    args = parser.parse_args(argv)
    tests = load_test_sets(args.data_dir, None)
    with tempfile.TemporaryDirectory() as tmp:
        int8 = export_onnx(StanceDetector.from_pretrained(args.model), Path(tmp) / "int8", quantize=True)
        rows = {"fp32": run_model(args.model, tests, Path(tmp), plot=False)["row"],
                "onnx_int8": run_model(str(int8), tests, Path(tmp), plot=False)["row"]}
    delta = {key: round(rows["onnx_int8"][key] - rows["fp32"][key], 4) for key in rows["fp32"]}
    report = {"command": reproducing_command(parser, args), "model": args.model, "rows": rows,
              "int8_minus_fp32": delta}
    Path(args.output).write_text(json.dumps(report, indent=2) + "\n")
    for key, value in delta.items():
        print(f"{key:16s} fp32 {rows['fp32'][key]:.3f}  int8 {rows['onnx_int8'][key]:.3f}  change {value:+.3f}")


if __name__ == "__main__":
    main()
