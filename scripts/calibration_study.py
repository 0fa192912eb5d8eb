"""Which calibration carries over to unseen domains? Chosen on dev splits only.

    python scripts/calibration_study.py [--model default] [--rows 1000]

Temperature scaling is fitted on dev, but users apply the model to text unlike any dev set
(the cross-domain test sets show this). This script mimics that on dev data alone: for each
dev corpus (SemEval, VAST, PERSPECTRUM, ArgQ validation splits, up to ``--rows`` each) it fits
each calibration method on the other three and measures the ECE and log-loss on the held-out
one (leave-one-corpus-out). Writes results/calibration_study.json and .md; no test split is read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _command import reproducing_command  # noqa: E402

from stancekit import StanceDetector, load_corpus  # noqa: E402
from stancekit.metrics import (  # noqa: E402
    CALIBRATION_METHODS,
    expected_calibration_error,
    fit_calibration,
    group_balanced_weights,
)
from stancekit.model import apply_calibration  # noqa: E402

DEV_CORPORA = ["semeval", "vast", "perspectrum", "argq"]


def log_loss(labels: np.ndarray, probabilities: np.ndarray) -> float:
    return float(-np.log(np.clip(probabilities[np.arange(len(labels)), labels], 1e-12, None)).mean())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="default")
    parser.add_argument("--rows", type=int, default=1000, help="dev rows per corpus (a fixed random sample)")
    parser.add_argument("--output", default=str(ROOT / "results" / "calibration_study"))
    args = parser.parse_args(argv)

    detector = StanceDetector.from_pretrained(args.model)
    dev = {}
    for name in DEV_CORPORA:
        split = load_corpus(name)["validation"]
        split = split.shuffle(seed=0).select(range(min(args.rows, len(split))))
        logits, lengths = detector.logits_with_lengths(split["text"], split["target"], show_progress=True)
        dev[name] = (logits, np.asarray(split["label"]), lengths)

    rows = []
    for method in ("none", *CALIBRATION_METHODS):
        for weighting in ("pooled", "per_corpus") if method != "none" else ("pooled",):
            scores = {}
            for held_out in DEV_CORPORA:
                fit_names = [n for n in DEV_CORPORA if n != held_out]
                logits, labels, lengths = (np.concatenate([dev[n][i] for n in fit_names]) for i in range(3))
                corpus_of_row = np.concatenate([[n] * len(dev[n][1]) for n in fit_names])
                weights = group_balanced_weights(corpus_of_row) if weighting == "per_corpus" else None
                calibration = None if method == "none" else fit_calibration(logits, labels, method=method, weights=weights,
                                                                            lengths=lengths)
                test_logits, test_labels, test_lengths = dev[held_out]
                probabilities = apply_calibration(test_logits, calibration, test_lengths)
                scores[held_out] = {"ece": round(expected_calibration_error(test_labels, probabilities), 4),
                                    "log_loss": round(log_loss(test_labels, probabilities), 4)}
            rows.append({"method": method, "weighting": weighting, "held_out": scores,
                         "mean_ece": round(float(np.mean([s["ece"] for s in scores.values()])), 4),
                         "max_ece": round(float(np.max([s["ece"] for s in scores.values()])), 4),
                         "mean_log_loss": round(float(np.mean([s["log_loss"] for s in scores.values()])), 4)})
            print(rows[-1], flush=True)

    command = reproducing_command(parser, args)
    output = Path(args.output)
    output.with_suffix(".json").write_text(json.dumps({"command": command, "rows": rows}, indent=2) + "\n")
    lines = ["| method | fit weighting | " + " | ".join(f"{n} ECE" for n in DEV_CORPORA) + " | mean ECE | max ECE | mean log-loss |",
             "|---" * (len(DEV_CORPORA) + 5) + "|"]
    for row in rows:
        cells = " | ".join(f"{row['held_out'][n]['ece']:.3f}" for n in DEV_CORPORA)
        lines.append(f"| {row['method']} | {row['weighting']} | {cells} | {row['mean_ece']:.3f} | "
                     f"{row['max_ece']:.3f} | {row['mean_log_loss']:.3f} |")
    lines += ["", "Each column: fitted on the other three dev corpora, measured on this one (leave-one-corpus-out).",
              f"Command: `{command}`"]
    output.with_suffix(".md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
