"""Does the phrasing of a claim target matter? "the claim that X" against "X" on real news.

    python scripts/target_phrasing_study.py [--model default]

The real news annotations (tests/real_news) mostly name a claim as a noun phrase, "the claim
that X", while the claim-stance training corpus (Emergent) states the claim itself. For every
article of each real set whose target has the form "the claim / report / rumour / allegation / story
that X", this scores its labelled quotes as ``scripts/eval_articles.py`` does (the gold quotes
alone and the found quotes under each context mode) twice: with the annotators' target and with
"X" (first letter capitalised). ``realdev`` is the set the advice is chosen on; the others are
reported for the record. Writes results/target_phrasing.json/.md.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _command import reproducing_command, write_results  # noqa: E402
from _real_news import REAL_SETS, materialize  # noqa: E402
from eval_articles import evaluate_article, only_right  # noqa: E402

from stancekit import StanceDetector  # noqa: E402
from stancekit.predict import CONTEXT_MODES, DEFAULT_CONTEXT  # noqa: E402

CLAIM_RE = re.compile(r"(?:the|a)\s+(?:claims?|reports?|rumou?rs?|allegations?|stor(?:y|ies))\s+that\s+(.+)", re.I | re.S)
COLUMNS = ["gold quotes", *(f"article/{mode}" for mode in CONTEXT_MODES)]


def as_claim(target: str) -> str | None:
    """``X`` for a target "the claim that X" (first letter capitalised), else None."""
    match = CLAIM_RE.fullmatch(target.strip())
    return match.group(1)[0].upper() + match.group(1)[1:] if match else None


def rewritten_gold(gold_path: Path, folder: Path) -> Path | None:
    """A copy of ``gold_path`` in ``folder`` with each target stated as the claim, or None when its
    target is not of the form "the claim that X"."""
    lines = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    claims = [as_claim(g["target"]) for g in lines]
    if not lines or None in claims:
        return None
    copy = folder / gold_path.name
    copy.write_text("".join(json.dumps(g | {"target": claim}, ensure_ascii=False) + "\n"
                            for g, claim in zip(lines, claims)), encoding="utf-8")
    return copy


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="default")
    parser.add_argument("--output", default=str(ROOT / "results" / "target_phrasing"))
    args = parser.parse_args(argv)
    detector = StanceDetector.from_pretrained(args.model)
    report = {"command": reproducing_command(parser, args), "model": args.model, "groups": {}}
    lines = ["| set | articles with a claim target | labelled quotes | "
             + " | ".join(f"{c}: as written / as the claim" for c in COLUMNS) + " |", "|---" * (len(COLUMNS) + 3) + "|"]
    paired = []
    with tempfile.TemporaryDirectory() as scratch:
        for name in ("realdev", *(n for n in REAL_SETS if n != "realdev")):
            annotations, folder = REAL_SETS[name]
            written, claimed = [], []
            for article, gold_path in materialize(annotations, folder):
                claim_gold = rewritten_gold(gold_path, Path(scratch))
                if claim_gold is not None:
                    written.append(evaluate_article(detector, article, gold_path))
                    claimed.append(evaluate_article(detector, article, claim_gold))
            totals = {key: {c: sum(r.get(c, 0) for r in runs) for c in ["gold", *COLUMNS]}
                      for key, runs in (("as written", written), ("as the claim", claimed))}
            report["groups"][name] = {"articles": len(written), "totals": totals,
                                      "hits": {"as written": [r.get("hits") for r in written],
                                               "as the claim": [r.get("hits") for r in claimed]}}
            n = totals["as written"]["gold"]
            lines.append(f"| {name} | {len(written)} | {n} | " + " | ".join(
                f"{totals['as written'][c]} / {totals['as the claim'][c]}" for c in COLUMNS) + " |")
            column = f"article/{DEFAULT_CONTEXT}"
            only_written, only_claim = only_right(written, claimed, column, column)
            report["groups"][name]["paired"] = {"only as written": only_written, "only as the claim": only_claim}
            paired.append(f"- {name}: {only_written} vs {only_claim}")
    lines += ["", f"Paired under `{DEFAULT_CONTEXT}`: quotes right only with the target as written vs only with "
                  "the target as the claim:", "", *paired]
    write_results(args.output, report, lines)


if __name__ == "__main__":
    main()
