"""Assemble the authored news-quote training file from its parts.

    python scripts/build_newsquotes.py

Reads data/newsquotes/part_*.jsonl (fictional quotes with text, target, label, speaker and the
news sentence around the quote as ``context``) and writes data/newsquotes/train.jsonl with the
inputs the classifier sees at inference: a quote of 8+ words appears twice, alone (a quote file,
``--context auto``) and as its sentence (``--context sentence``); a shorter partial quote only
as its sentence, since its stance is only clear there (``stancekit.predict.classifier_input``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from stancekit.predict import classifier_input  # noqa: E402

FOLDER = ROOT / "data" / "newsquotes"


def main() -> None:
    rows = []
    for part in sorted(FOLDER.glob("part_*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            inputs = {classifier_input(record["text"], record["context"], mode) for mode in ("auto", "sentence")}
            for text in sorted(inputs):
                rows.append({"id": f"{part.stem}-{len(rows)}", "text": text, "target": record["target"],
                             "label": record["label"], "speaker": record["speaker"]})
    with (FOLDER / "train.jsonl").open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} rows -> {FOLDER / 'train.jsonl'}")


if __name__ == "__main__":
    main()
