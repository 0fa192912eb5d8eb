"""Training rows from the real news annotated to train on (``_real_news.TRAIN_SET``).

    python scripts/build_realnews_train.py     # runs/real_news_train/train_auto.jsonl
    python scripts/build_realnews_train.py --balance --output runs/real_news_train/train_auto_balanced.jsonl

Writes one row (``text``, ``target``, ``label``) per labelled gold quote of
``data/realnews/fnc1_train.annotations.jsonl``: the text the classifier sees for it at inference
under the default context (the quote ``extract_quotes`` finds at its span, or that quote's sentence
when it is under 8 words; the gold quote itself when extraction misses it), and the article's
target. ``--balance`` resamples each label to a third of the rows (seeded; a label with fewer
rows has them all repeated, then a sample): the real quotes are half support. The bodies are
FNC-1's (read from the shared data folder), so the rows are written under ``runs/``, never into
the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _real_news import TRAIN_SET, materialize  # noqa: E402
from eval_articles import article_pairs, labelled_gold  # noqa: E402

from stancekit.data import LABELS  # noqa: E402


def training_rows(annotations: Path, folder: Path, data_dir: str | None = None) -> list[dict]:
    """The training rows of every labelled quote the annotation file holds (see the module doc)."""
    pairs = materialize(annotations, folder, data_dir)
    inputs, targets, gold = article_pairs(pairs)
    quotes = [g["quote"] for _, gold_path in pairs for g in labelled_gold(gold_path)]
    return [{"text": text if text is not None else quote, "target": target, "label": LABELS[label]}
            for text, quote, target, label in zip(inputs, quotes, targets, gold)]


def balanced(rows: list[dict], seed: int = 0) -> list[dict]:
    """``rows`` with each label resampled to ``len(rows) // 3`` rows, in a seeded order."""
    rng = random.Random(seed)
    size = len(rows) // len(LABELS)
    out = []
    for label in LABELS:
        pool = [row for row in rows if row["label"] == label]
        out += pool * (size // len(pool)) + rng.sample(pool, size % len(pool))
    rng.shuffle(out)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    annotations, folder = TRAIN_SET
    parser.add_argument("--annotations", type=Path, default=annotations,
                        help=f"annotation file (default: {annotations})")
    parser.add_argument("--output", type=Path, default=folder / "train_auto.jsonl", help="training rows (JSONL)")
    parser.add_argument("--balance", action="store_true", help="resample each label to a third of the rows (seeded)")
    parser.add_argument("--data-dir", help="the shared data folder (default: $STANCEKIT_DATA_DIR or ../shared/data)")
    args = parser.parse_args(argv)
    rows = training_rows(args.annotations, args.output.parent, args.data_dir)
    if args.balance:
        rows = balanced(rows)
    args.output.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    counts = Counter(row["label"] for row in rows)
    print(f"{len(rows)} rows ({', '.join(f'{label} {counts[label]}' for label in LABELS)}) -> {args.output}")


if __name__ == "__main__":
    main()
