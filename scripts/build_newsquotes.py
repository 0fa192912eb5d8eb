"""Assemble an authored news-quote training file from its parts.

    python scripts/build_newsquotes.py                  # data/newsquotes/train.jsonl (the default model's)
    python scripts/build_newsquotes.py --parts c d e f g h --forms auto sentence \\
        --output data/newsquotes/train_all.jsonl        # configs/experiments/newsquotes_all.yaml

Reads data/newsquotes/part_<X>.jsonl (fictional quotes with text, target, label, speaker and the
news sentence around the quote as ``context``) and writes one training row per distinct
classifier input (``stancekit.predict.classifier_input``) of each ``--forms`` mode: under
``auto`` the quote alone, or its sentence when the quote is under 8 words; under ``sentence``
always the sentence.

``--flip-targets F`` adds, for a seeded fraction F of the quotes, a contrast copy of each row
whose target is reversed ("scrapping X", "opposition to X", ...) with support and oppose
swapped (neutral stays neutral): the same words with opposite labels, so the quote's tone alone
cannot fit them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from stancekit.data import LABELS  # noqa: E402
from stancekit.predict import classifier_input  # noqa: E402

FOLDER = ROOT / "data" / "newsquotes"
FIELDS = {"text", "target", "label", "speaker", "context"}
REVERSALS = ("scrapping {}", "blocking {}", "opposition to {}", "abandoning {}", "rejecting {}")
SWAPPED = {"support": "oppose", "oppose": "support", "neutral": "neutral"}


def _checked(record: dict, part: Path, number: int) -> dict:
    """The record, if it is a labelled quote that stands in its own sentence; else exit with its line."""
    problem = None
    if set(record) != FIELDS:
        problem = f"fields {sorted(record)}, expected {sorted(FIELDS)}"
    elif record["label"] not in LABELS:
        problem = f"label {record['label']!r} is not one of {LABELS}"
    elif not record["text"].strip() or record["text"] not in record["context"]:
        problem = "the quote is empty or not in its context sentence"
    if problem:
        sys.exit(f"{part}:{number}: {problem}")
    return record


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parts", nargs="+", default=["c", "d"], help="part letters (default: c d)")
    parser.add_argument("--forms", nargs="+", choices=("auto", "sentence"), default=["auto"],
                        help="classifier-input modes to emit (default: auto)")
    parser.add_argument("--flip-targets", type=float, default=0.0, metavar="F",
                        help="add a reversed-target contrast copy for this seeded fraction of the quotes (default: 0)")
    parser.add_argument("--seed", type=int, default=0, help="seed of --flip-targets' choices (default: 0)")
    parser.add_argument("--output", default=str(FOLDER / "train.jsonl"))
    args = parser.parse_args(argv)
    if not 0.0 <= args.flip_targets <= 1.0:
        parser.error(f"--flip-targets must be between 0 and 1, got {args.flip_targets}")
    rng = random.Random(args.seed)
    rows = []
    for letter in args.parts:
        part = FOLDER / f"part_{letter}.jsonl"
        for number, line in enumerate(part.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            record = _checked(json.loads(line), part, number)
            inputs = {classifier_input(record["text"], record["context"], mode) for mode in args.forms}
            versions = [(record["target"], record["label"])]
            if rng.random() < args.flip_targets:
                versions.append((rng.choice(REVERSALS).format(record["target"]), SWAPPED[record["label"]]))
            for text in sorted(inputs):
                for target, label in versions:
                    rows.append({"id": f"{part.stem}-{len(rows)}", "text": text, "target": target,
                                 "label": label, "speaker": record["speaker"]})
    with Path(args.output).open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} rows -> {args.output}")


if __name__ == "__main__":
    main()
