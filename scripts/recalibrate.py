"""Refit a trained model's calibration on its own dev split, in place; the weights stay as they are.

    python scripts/recalibrate.py --method length_temperature            # the packaged default
    python scripts/recalibrate.py --model runs/my_run --method temperature_bias

Rebuilds the dev split from the model's ``train_summary.json`` (the config it was trained
with), fits ``--method`` with every dev corpus weighing the same (as ``stancekit train``
does), and rewrites the calibration in ``config.json``, the summary and, where there is one,
the model card. ``temperature`` and ``length_temperature`` divide each pair's logits by a
positive number, so they leave every predicted label as it was. Choose the method on dev with
``scripts/calibration_study.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _command import reproducing_command  # noqa: E402
from export_default import calibration_sentence, dev_scores_line  # noqa: E402

from stancekit import StanceDetector  # noqa: E402
from stancekit.metrics import CALIBRATION_METHODS  # noqa: E402
from stancekit.model import ADAPTER_CONFIG, adapter_base, model_folder, save_adapter_config  # noqa: E402
from stancekit.train import TrainConfig, build_datasets, calibrate  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="default", help="a model folder, or default (the packaged one, in place)")
    parser.add_argument("--method", required=True, choices=CALIBRATION_METHODS)
    args = parser.parse_args(argv)
    folder = model_folder(args.model)
    summary_path = folder / "train_summary.json"
    if not summary_path.is_file():
        raise SystemExit(f"{summary_path}: not found (the dev split is rebuilt from the training config)")
    summary = json.loads(summary_path.read_text())
    before = dict(summary)
    old_method = summary["config"].get("calibration_method", "temperature")

    detector = StanceDetector.from_pretrained(folder)
    summary["config"]["calibration_method"] = args.method
    _, dev = build_datasets(TrainConfig(**summary["config"]))
    summary.update(calibrate(detector, dev, args.method))
    summary["recalibrated"] = reproducing_command(parser, args)
    summary.pop("quote_calibration", None)  # fitted on top of the old calibration

    save_calibration(detector, folder, before, summary,
                     [(f"calibration_method: {old_method}\n```", f"calibration_method: {args.method}\n```")])
    print(f"{folder}: calibration {json.dumps(summary['calibration'])}")
    if "quote_temperature" in (before.get("calibration") or {}):
        print("the news-quote temperature was fitted on top of the old calibration and is dropped: refit it with "
              "python scripts/fit_quote_calibration.py --write")


def save_calibration(detector: StanceDetector, folder: Path, before: dict, summary: dict,
                     card_changes: list[tuple[str, str]] = ()) -> None:
    """Write ``detector``'s calibration into ``folder`` (its config, ``train_summary.json`` as
    ``summary``, and the model card's sentences that ``before``, the old summary, gave)."""
    if (folder / ADAPTER_CONFIG).is_file():  # an adapter folder: only its classifier config changes
        save_adapter_config(detector, folder, adapter_base(folder))
    else:
        detector.model.config.save_pretrained(folder)
    (folder / "train_summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    card = folder / "README.md"
    if card.is_file():
        text = card.read_text()
        for old, new in ((calibration_sentence(before.get("calibration")), calibration_sentence(summary["calibration"])),
                         (dev_scores_line(before), dev_scores_line(summary)), *card_changes):
            if old not in text:
                raise SystemExit(f"{card}: does not hold {old!r}; rewrite it with scripts/export_default.py")
            head, _, tail = text.rpartition(old)  # the last stage's config block is the last one
            text = head + new + tail
        card.write_text(text)


if __name__ == "__main__":
    main()
