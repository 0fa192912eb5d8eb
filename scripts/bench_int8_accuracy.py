"""Accuracy change of the int8 ONNX Runtime path against the fp32 model.

    python scripts/bench_int8_accuracy.py [--model default] [--split test|validation] [--limit N]

Exports the model to ONNX with dynamic int8 quantization (stancekit.exporters.onnx), once with a
scale per output channel of each weight (the export's default) and once with one scale per
matrix, scores fp32 and both int8 models on the benchmark splits exactly as scripts/benchmark.py
does (or on the dev splits with ``--split validation``, where quantization choices are made),
and writes the headline metrics and their differences (int8 - fp32) to a JSON file
(default results/int8_accuracy.json; results/int8_accuracy_dev.json for dev).
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

INT8_VARIANTS = {"onnx_int8": True, "onnx_int8_per_matrix": False}  # row name -> per_channel


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="default")
    parser.add_argument("--data-dir")
    parser.add_argument("--split", choices=["test", "validation"], default="test",
                        help="the benchmark test splits, or the dev splits (default: test)")
    parser.add_argument("--limit", type=int, help="at most N rows per split (a seeded sample)")
    parser.add_argument("--output", help="JSON file (default: results/int8_accuracy.json, "
                                         "results/int8_accuracy_dev.json with --split validation)")
    args = parser.parse_args(argv)
    output = Path(args.output or ROOT / "results" / (
        "int8_accuracy.json" if args.split == "test" else "int8_accuracy_dev.json"))
    tests = load_test_sets(args.data_dir, args.limit, args.split)
    detector = StanceDetector.from_pretrained(args.model)
    with tempfile.TemporaryDirectory() as tmp:
        rows = {"fp32": run_model(args.model, tests, Path(tmp), plot=False)["row"]}
        for name, per_channel in INT8_VARIANTS.items():
            exported = export_onnx(detector, Path(tmp) / name, quantize=True, per_channel=per_channel)
            rows[name] = run_model(str(exported), tests, Path(tmp), plot=False)["row"]
    delta = {name: {key: round(rows[name][key] - rows["fp32"][key], 4) for key in rows["fp32"]}
             for name in INT8_VARIANTS}
    report = {"command": reproducing_command(parser, args), "model": args.model, "split": args.split,
              "rows": rows, "int8_minus_fp32": delta}
    output.write_text(json.dumps(report, indent=2) + "\n")
    for key in rows["fp32"]:
        changes = "  ".join(f"{name} {rows[name][key]:.3f} ({delta[name][key]:+.3f})" for name in INT8_VARIANTS)
        print(f"{key:16s} fp32 {rows['fp32'][key]:.3f}  {changes}")


if __name__ == "__main__":
    main()
