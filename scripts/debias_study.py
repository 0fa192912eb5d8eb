"""Target-free debiasing of a model's logits, measured on dev ("contextual calibration").

    python scripts/debias_study.py [--model default] [--alphas 0 0.25 0.5]

Each pair is also classified with the target "N/A"; the debiased logits are
``logits(text, target) - alpha * (logits(text, "N/A") - m)``, where ``m`` is the mean
target-free logit vector over the corpora dev rows, so only the part of the logits that follows
the text whatever the target is removed. Scores each alpha by the macro-F1 of the argmax on the
model's corpora dev split (rebuilt from its ``train_summary.json``, as scripts/recalibrate.py
does) and by the dev-article quotes right under the default context (tests/articles, not
heldout3); the seed article is measured only. Writes results/debias_study.json and .md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _command import reproducing_command, write_results  # noqa: E402
from eval_articles import article_groups, article_pairs  # noqa: E402

from stancekit import StanceDetector  # noqa: E402
from stancekit.metrics import macro_f1  # noqa: E402
from stancekit.train import trained_dev_split  # noqa: E402

NULL_TARGET = "N/A"


def both_logits(detector: StanceDetector, texts: list[str], targets: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Logits with the real targets and with the target-free "N/A"."""
    return (detector.logits(texts, targets, show_progress=True),
            detector.logits(texts, [NULL_TARGET] * len(texts), show_progress=True))


def debiased_labels(logits: np.ndarray, null: np.ndarray, mean: np.ndarray, alpha: float) -> np.ndarray:
    """Label ids of ``logits - alpha * (null - mean)``."""
    return (logits - alpha * (null - mean)).argmax(axis=1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="default")
    parser.add_argument("--alphas", type=float, nargs="+", default=[0.0, 0.25, 0.5])
    parser.add_argument("--output", default=str(ROOT / "results" / "debias_study"))
    args = parser.parse_args(argv)
    detector = StanceDetector.from_pretrained(args.model)
    _, dev = trained_dev_split(args.model)
    dev_logits, dev_null = both_logits(detector, dev["text"], dev["target"])
    mean = dev_null.mean(axis=0)

    pairs_by_group = article_groups()
    groups = {"dev articles": pairs_by_group["dev"], "seed (measured only)": pairs_by_group["seed"]}
    article_logits = {}
    for group, pairs in groups.items():
        inputs, targets, gold = article_pairs(pairs)
        found = [i for i, text in enumerate(inputs) if text is not None]
        logits, null = both_logits(detector, [inputs[i] for i in found], [targets[i] for i in found])
        article_logits[group] = (logits, null, [gold[i] for i in found], len(gold))

    rows = []
    for alpha in args.alphas:
        predicted = debiased_labels(dev_logits, dev_null, mean, alpha)
        row = {"alpha": alpha, "corpora dev macro-F1": macro_f1(dev["label"], predicted)}
        for group, (logits, null, gold, total) in article_logits.items():
            right = debiased_labels(logits, null, mean, alpha) == np.array(gold)
            row[group] = f"{int(right.sum())}/{total}"
        rows.append(row)
    report = {"command": reproducing_command(parser, args), "model": args.model, "null_target": NULL_TARGET,
              "dev_rows": len(dev), "mean_null_logits": mean.tolist(), "rows": rows}
    columns = list(rows[0])
    lines = ["| " + " | ".join(columns) + " |", "|---" * len(columns) + "|"]
    lines += ["| " + " | ".join(f"{row[c]:.4f}" if isinstance(row[c], float) and c != "alpha" else str(row[c])
                                for c in columns) + " |" for row in rows]
    write_results(args.output, report, lines)


if __name__ == "__main__":
    main()
