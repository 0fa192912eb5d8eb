"""Fit a model's news-quote calibration on the dev news quotes, and check it by leave-one-article-out.

    python scripts/fit_quote_calibration.py                 # the packaged default: report only
    python scripts/fit_quote_calibration.py --write         # ... and store the fitted temperature
    python scripts/fit_quote_calibration.py --model runs/my_run --write

A model's calibration is fitted on its corpora's dev splits; quotes found in news articles come
out over-confident under it. The news-quote calibration multiplies the temperature of those
quotes by one more number, ``quote_temperature`` (labels unchanged), fitted here by log-loss on
the dev quotes: the quotes ``extract_quotes`` finds in the dev articles (tests/articles, without
the measured-only sub-folders) and in ``realdev`` (tests/real_news), classified as
``stancekit predict`` classifies them (the default context), with their gold labels. No
measured-only set is used. Reported: ECE (15 bins) and log-loss of the shipped calibration, of the
temperature fitted on all dev quotes, and leave-one-article-out (fitted without each article,
scored on it). ``--write`` stores the temperature fitted on all of them in the model's
``config.json`` (calibration key ``quote_temperature``), ``train_summary.json`` and model card.
Writes results/quote_calibration.json/.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize_scalar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _command import reproducing_command, write_results  # noqa: E402
from calibration_study import log_loss  # noqa: E402
from _real_news import REAL_SETS, materialize  # noqa: E402
from eval_articles import article_pairs, dev_pairs  # noqa: E402
from recalibrate import save_calibration  # noqa: E402

from stancekit import StanceDetector  # noqa: E402
from stancekit.metrics import expected_calibration_error  # noqa: E402
from stancekit.model import apply_calibration, model_folder  # noqa: E402

DEV_SETS = ("dev", "realdev")


def dev_quotes(detector: StanceDetector) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Logits, token lengths, gold label ids and article index of every found dev quote."""
    pairs = {"dev": dev_pairs(), "realdev": materialize(*REAL_SETS["realdev"])}
    texts, targets, gold, article = [], [], [], []
    for name in DEV_SETS:
        for pair in pairs[name]:
            inputs, pair_targets, labels = article_pairs([pair])
            found = [i for i, text in enumerate(inputs) if text is not None]  # a missed quote has no scores
            texts += [inputs[i] for i in found]
            targets += [pair_targets[i] for i in found]
            gold += [labels[i] for i in found]
            article += [f"{name}/{pair[0].name}"] * len(found)
    logits, lengths = detector.logits_with_lengths(texts, targets)
    return logits, lengths, np.array(gold), np.array(article)


def probabilities(logits: np.ndarray, lengths: np.ndarray, calibration: dict, quote_temperature: float) -> np.ndarray:
    return apply_calibration(logits, calibration | {"quote_temperature": quote_temperature}, lengths, quotes=True)


def fit(logits: np.ndarray, lengths: np.ndarray, gold: np.ndarray, calibration: dict) -> float:
    """The quote temperature (between 1/8 and 8) with the lowest log-loss."""
    result = minimize_scalar(lambda log_t: log_loss(gold, probabilities(logits, lengths, calibration, np.exp(log_t))),
                             bounds=(np.log(1 / 8), np.log(8)), method="bounded")
    return float(np.exp(result.x))


def scores(probs: np.ndarray, gold: np.ndarray) -> dict:
    return {"ece": float(expected_calibration_error(gold, probs)), "log_loss": log_loss(gold, probs),
            "mean_confidence": float(probs.max(axis=1).mean()), "accuracy": float((probs.argmax(axis=1) == gold).mean())}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="default", help="a model folder, or default (the packaged one)")
    parser.add_argument("--write", action="store_true", help="store the fitted quote temperature in the model")
    parser.add_argument("--output", default=str(ROOT / "results" / "quote_calibration"))
    args = parser.parse_args(argv)
    folder = model_folder(args.model)
    detector = StanceDetector.from_pretrained(folder)
    shipped = {key: value for key, value in detector.calibration.items() if key != "quote_temperature"}
    logits, lengths, gold, article = dev_quotes(detector)

    held_out = np.zeros_like(logits)
    for name in np.unique(article):
        out = article == name
        t = fit(logits[~out], lengths[~out], gold[~out], shipped)
        held_out[out] = probabilities(logits[out], lengths[out], shipped, t)
    fitted = fit(logits, lengths, gold, shipped)
    rows = {"shipped calibration": scores(probabilities(logits, lengths, shipped, 1.0), gold),
            "quote temperature, leave one article out": scores(held_out, gold),
            f"quote temperature {fitted:.2f}, fitted on all (in-sample)": scores(
                probabilities(logits, lengths, shipped, fitted), gold)}
    before, after = rows["shipped calibration"], rows["quote temperature, leave one article out"]
    passes = after["ece"] < before["ece"] and after["log_loss"] < before["log_loss"]
    report = {"command": reproducing_command(parser, args), "model": args.model, "quotes": len(gold),
              "articles": int(len(np.unique(article))), "quote_temperature": fitted, "rows": rows,
              "held_out_better": passes}
    lines = [f"News-quote calibration of `{args.model}` on the dev quotes ({len(gold)} found quotes in "
             f"{report['articles']} articles: {', '.join(DEV_SETS)}):", "",
             "| calibration | ECE | log-loss | mean confidence | accuracy |", "|---|---|---|---|---|"]
    lines += [f"| {name} | {r['ece']:.3f} | {r['log_loss']:.3f} | {r['mean_confidence']:.3f} | {r['accuracy']:.3f} |"
              for name, r in rows.items()]
    lines += ["", f"Leave-one-article-out {'lowers' if passes else 'does not lower'} both ECE and log-loss."]
    if args.write:
        summary_path = folder / "train_summary.json"
        if not summary_path.is_file():
            raise SystemExit(f"{summary_path}: not found (a model folder written by stancekit train)")
        summary = json.loads(summary_path.read_text())
        before_summary = dict(summary)
        detector.calibration = shipped | {"quote_temperature": fitted}
        summary |= {"calibration": detector.calibration, "quote_calibration": report["command"]}
        save_calibration(detector, folder, before_summary, summary)
        lines += ["", f"Stored in {folder}: quote_temperature {fitted:.4f}."]
    write_results(args.output, report, lines)


if __name__ == "__main__":
    main()
