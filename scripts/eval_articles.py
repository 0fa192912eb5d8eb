"""Stance of quotes in annotated articles: does sentence context help short quotes?

    python scripts/eval_articles.py [--model default]

For every article with a gold file (``NAME.txt`` + ``NAME.gold.jsonl`` with quote, speaker,
start, end, target, label), it classifies

  * ``gold quotes``: the gold quote strings alone, as a quote file would give them;
  * ``article/<mode>``: the quotes ``extract_quotes`` finds, with ``--context`` quote, sentence
    or auto (the sentence for quotes under 8 words);

and counts labels equal to the gold (a found quote is matched to a gold quote by span overlap).
Per speaker, under the default context, it counts named gold speakers whose summary label
(``speaker_summary``, under each of its rules) equals their gold stance: the majority of their
support and oppose gold quotes, neutral when they have none.
Groups: ``dev`` (our own annotated articles in tests/articles, on which the context mode,
the speaker rule and the default model were chosen), ``heldout3`` and ``heldout4`` (sub-folders of
tests/articles, written blind in sessions 12 and 13 after those choices: measured only, so far),
``seed`` (the founding article, measured only), ``real`` to ``real21`` (real news: FNC-1
training bodies from the shared data folder with our annotations in tests/real_news, added in
sessions 14 to 18: measured only), ``realdev`` to ``realdev3`` (the same kind, for choices,
sessions 15 and 17);
``--groups`` scores some of them (dev and realdev always). Writes results/articles_eval.json/.md,
with each labelled quote's right/wrong per column, so that ``--paired-with`` an earlier run's JSON
counts the dev and realdev quotes only one of two models gets right.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _command import reproducing_command, write_results  # noqa: E402
from _real_news import REAL_SETS, materialize  # noqa: E402

from stancekit import LABELS, StanceDetector  # noqa: E402
from stancekit.metrics import classification_report, evaluation_report  # noqa: E402
from stancekit.predict import (  # noqa: E402
    CONTEXT_MODES,
    DEFAULT_CONTEXT,
    DEFAULT_SPEAKER_RULE,
    SPEAKER_RULES,
    classifier_input,
    predict_article,
    speaker_label,
    speaker_summary,
)
from stancekit.quotes import extract_quotes  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"
MEASURED_ONLY = ("heldout3", "heldout4")  # sub-folders of ARTICLES written blind after every dev choice
SEED = ROOT.parent / "shared" / "seeds" / "arab_league_article.txt"
SEED_GOLD = ROOT.parent / "shared" / "seeds" / "arab_league_quotes.gold.jsonl"


def gold_pairs(folder: Path) -> list[tuple[Path, Path]]:
    return [(p.with_name(p.name.replace(".gold.jsonl", ".txt")), p) for p in sorted(folder.rglob("*.gold.jsonl"))]


def dev_pairs() -> list[tuple[Path, Path]]:
    """The (article, gold file) pairs of our own dev articles: tests/articles less its measured-only sub-folders."""
    held_out = {pair for name in MEASURED_ONLY for pair in gold_pairs(ARTICLES / name)}
    return [pair for pair in gold_pairs(ARTICLES) if pair not in held_out]


GROUPS = ("dev", *MEASURED_ONLY, "seed", *REAL_SETS)


def article_groups(names: tuple[str, ...] = GROUPS) -> dict[str, list[tuple[Path, Path]]]:
    """The (article, gold file) pairs of each named group (by default all: dev, each measured-only
    set, the seed, real news)."""
    groups = {"dev": dev_pairs, **{name: lambda name=name: gold_pairs(ARTICLES / name) for name in MEASURED_ONLY},
              "seed": lambda: [(SEED, SEED_GOLD)],
              **{name: lambda paths=paths: materialize(*paths) for name, paths in REAL_SETS.items()}}
    return {name: groups[name]() for name in GROUPS if name in names}


def labelled_gold(gold_path: Path) -> list[dict]:
    """The gold quotes of a gold file that carry a stance label."""
    lines = gold_path.read_text(encoding="utf-8").splitlines()
    return [g for g in (json.loads(line) for line in lines if line.strip()) if g.get("label")]


def overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def article_pairs(pairs: list[tuple[Path, Path]]) -> tuple[list[str], list[str], list[int]]:
    """Classifier inputs (under the default context), targets and gold label ids of the labelled
    gold quotes that extraction finds (a gold quote it misses counts as wrong: input None)."""
    inputs, targets, gold = [], [], []
    for article, gold_path in pairs:
        quotes = [q.to_dict() for q in extract_quotes(article.read_text(encoding="utf-8"))]
        for g in labelled_gold(gold_path):
            match = max(quotes, key=lambda q: overlap(q, g), default=None)
            found = match is not None and overlap(match, g) > 0
            inputs.append(classifier_input(match["quote"], match["sentence"], DEFAULT_CONTEXT) if found else None)
            targets.append(g["target"])
            gold.append(LABELS.index(g["label"]))
    return inputs, targets, gold


def gold_speaker_stances(labelled: list[dict]) -> dict[str, tuple[str, bool]]:
    """Each named speaker's gold stance (the majority of their support and oppose gold quotes,
    neutral when they have none) and whether all their gold quotes have the same label."""
    labels: dict[str, list[str]] = {}
    for g in labelled:
        if g.get("speaker"):
            labels.setdefault(g["speaker"], []).append(g["label"])
    no_scores = dict.fromkeys(LABELS, 0.0)
    return {speaker: (speaker_label(quoted, no_scores, "stance"), len(set(quoted)) == 1)
            for speaker, quoted in labels.items()}


def evaluate_article(detector: StanceDetector, article: Path, gold_path: Path) -> dict:
    text = article.read_text(encoding="utf-8")
    labelled = labelled_gold(gold_path)
    result = {"article": article.name, "gold": len(labelled)}
    if not labelled:
        return result
    target = labelled[0]["target"]
    alone = detector.predict([g["quote"] for g in labelled], targets=[g["target"] for g in labelled])
    hits = {"gold quotes": [p.label == g["label"] for p, g in zip(alone, labelled)]}
    for mode in CONTEXT_MODES:
        records = predict_article(detector, text, target, article.name, context=mode)
        matches = [max(records, key=lambda r: overlap(r, g), default=None) for g in labelled]
        hits[f"article/{mode}"] = [bool(m and overlap(m, g) and m["label"] == g["label"]) for m, g in zip(matches, labelled)]
        if mode == DEFAULT_CONTEXT:
            summaries = {rule: speaker_summary(records, rule) for rule in SPEAKER_RULES}
            result["by_speaker"] = summaries[DEFAULT_SPEAKER_RULE]
            gold_speakers = gold_speaker_stances(labelled)
            result["unanimous_speakers"] = [speaker for speaker, (_, unanimous) in gold_speakers.items() if unanimous]
            for rule, summary in summaries.items():
                predicted = {row["speaker"]: row["label"] for row in summary}
                result[f"speakers/{rule}"] = {speaker: predicted.get(speaker) == stance
                                              for speaker, (stance, _) in gold_speakers.items()}
            result["calibration_pairs"] = [(m["scores"], g["label"]) for m, g in zip(matches, labelled) if m and overlap(m, g)]
    result.update({column: sum(right) for column, right in hits.items()})
    result["hits"] = hits  # per labelled quote, in gold order: for paired comparisons
    return result


def found_scores(articles: list[dict]) -> dict:
    """:func:`evaluation_report` of the found quotes' scores under the default context (accuracy,
    macro-F1, confusion, ECE, ...), their mean top-label probability, and the accuracy and
    macro-F1 of always answering the commonest gold label ({} when no quote was found)."""
    pairs = [pair for article in articles for pair in article.get("calibration_pairs", [])]
    if not pairs:
        return {}
    gold = [LABELS.index(label) for _, label in pairs]
    probabilities = np.array([[scores[k] for k in LABELS] for scores, _ in pairs])
    commonest = max(set(gold), key=gold.count)
    always = classification_report(gold, [commonest] * len(gold))
    return evaluation_report(gold, probabilities) | {
        "mean_confidence": float(probabilities.max(axis=1).mean()),
        "always_commonest": {"label": LABELS[commonest], "accuracy": always["accuracy"], "macro_f1": always["macro_f1"]}}


def speaker_totals(articles: list[dict]) -> dict[str, int]:
    """Named gold speakers, and those each speaker rule gets right, over all and unanimous speakers."""
    totals = {"speakers": 0, "unanimous": 0} | {key: 0 for r in SPEAKER_RULES for key in (r, f"{r} (unanimous)")}
    for article in articles:
        unanimous = set(article.get("unanimous_speakers", []))
        totals["speakers"] += len(article.get(f"speakers/{DEFAULT_SPEAKER_RULE}", {}))
        totals["unanimous"] += len(unanimous)
        for rule in SPEAKER_RULES:
            right = article.get(f"speakers/{rule}", {})
            totals[rule] += sum(right.values())
            totals[f"{rule} (unanimous)"] += sum(ok for speaker, ok in right.items() if speaker in unanimous)
    return totals


def only_right(first: list[dict], second: list[dict], column_a: str, column_b: str) -> tuple[int, int]:
    """Over the same articles: quotes right under ``column_a`` of ``first`` only, and under ``column_b`` of ``second`` only."""
    a_only = b_only = 0
    for article_a, article_b in zip(first, second):
        for a, b in zip(article_a.get("hits", {}).get(column_a, []), article_b.get("hits", {}).get(column_b, [])):
            a_only += a and not b
            b_only += b and not a
    return a_only, b_only


def read_paired(parser: argparse.ArgumentParser, path: str) -> dict:
    """An earlier run's JSON, checked to hold per-quote hits (exits with a one-line error otherwise)."""
    try:
        other = json.loads(Path(path).read_text(encoding="utf-8"))
        if not all("hits" in r for group in ("dev", "realdev") for r in other["groups"][group]["articles"] if r["gold"]):
            parser.error(f"{path}: no per-quote hits (written by an older eval_articles.py; re-run it)")
        return other
    except (OSError, ValueError, KeyError, TypeError) as err:
        parser.error(f"{path}: not an articles_eval.json ({err})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="default")
    parser.add_argument("--output", default=str(ROOT / "results" / "articles_eval"))
    parser.add_argument("--paired-with", metavar="JSON",
                        help="an earlier articles_eval.json (another model): count the dev and realdev quotes "
                             "only one model gets right")
    parser.add_argument("--groups", nargs="+", choices=GROUPS, default=list(GROUPS), metavar="GROUP",
                        help=f"groups to score (default: all of {', '.join(GROUPS)}); dev and realdev are always scored")
    args = parser.parse_args(argv)
    other = read_paired(parser, args.paired_with) if args.paired_with else None
    detector = StanceDetector.from_pretrained(args.model)
    groups = article_groups(("dev", "realdev", *args.groups))
    columns = ["gold quotes", *(f"article/{m}" for m in CONTEXT_MODES)]
    report = {"command": reproducing_command(parser, args),
              "model": args.model, "groups": {}}
    lines = ["| group | articles | labelled quotes | " + " | ".join(columns) + " |", "|---" * (len(columns) + 3) + "|"]
    for group, pairs in groups.items():
        articles = [evaluate_article(detector, a, g) for a, g in pairs]
        totals = {c: sum(r.get(c, 0) for r in articles) for c in ["gold", *columns]}
        report["groups"][group] = {"articles": articles, "correct": totals}
        cells = [f"{totals[c]}/{totals['gold']} ({totals[c] / max(totals['gold'], 1):.0%})" for c in columns]
        lines.append(f"| {group} | {len(articles)} | {totals['gold']} | " + " | ".join(cells) + " |")
    lines += ["", f"Found quotes under `{DEFAULT_CONTEXT}`: the model's macro-F1 (labels in the gold) and the ECE "
                  "of its scores (15 bins, top label; few quotes per group, so rough), and always answering the "
                  "group's commonest gold label:", "",
              "| group | found quotes | accuracy | macro-F1 | ECE | mean confidence | commonest label | its accuracy "
              "| its macro-F1 |", "|---" * 9 + "|"]
    for group, summary in report["groups"].items():
        summary["found"] = found_scores(summary["articles"])
        if summary["found"]:
            ours, always = summary["found"], summary["found"]["always_commonest"]
            lines.append(f"| {group} | {ours['n']} | {ours['accuracy']:.3f} | {ours['macro_f1']:.3f} | {ours['ece']:.3f} | "
                         f"{ours['mean_confidence']:.3f} | {always['label']} | {always['accuracy']:.3f} | "
                         f"{always['macro_f1']:.3f} |")
    dev = report["groups"]["dev"]["articles"]
    dev_found = report["groups"]["dev"]["found"]
    if dev_found:
        report["dev_ece"], report["dev_confusion"] = dev_found["ece"], dev_found["confusion"]
        lines += ["", f"Calibration on the dev article quotes (`{DEFAULT_CONTEXT}`, {dev_found['n']} found quotes): "
                      f"ECE {report['dev_ece']:.3f} (15 bins, top label; few quotes, so a rough figure)."]
    for group in ("dev", *REAL_SETS):
        if group in report["groups"] and report["groups"][group]["found"]:
            lines += ["", f"{group} confusion (`{DEFAULT_CONTEXT}`, found quotes; rows gold, columns predicted):", "",
                      "| gold | " + " | ".join(LABELS) + " |", "|---" * (len(LABELS) + 1) + "|"]
            lines += [f"| {label} | " + " | ".join(map(str, row)) + " |"
                      for label, row in zip(LABELS, report["groups"][group]["found"]["confusion"])]
    default_column = f"article/{DEFAULT_CONTEXT}"
    realdev = report["groups"]["realdev"]["articles"]
    for name, articles in {"dev": dev, "realdev": realdev, "dev + realdev": dev + realdev}.items():
        right = {c: sum(r.get(c, 0) for r in articles) for c in ["gold", *columns]}
        lines += ["", f"Paired on {name} ({right['gold']} labelled quotes; right under each mode: "
                      + ", ".join(f"{c.removeprefix('article/')} {right[c]}" for c in columns[1:])
                      + f"): quotes that only `{DEFAULT_CONTEXT}` (the default) or only the other mode gets right:", ""]
        for mode in (m for m in CONTEXT_MODES if m != DEFAULT_CONTEXT):
            only_default, only_mode = only_right(articles, articles, default_column, f"article/{mode}")
            lines.append(f"- {DEFAULT_CONTEXT} vs {mode}: {only_default} vs {only_mode}")
    for group in ("dev", "realdev") if other else ():
        ours, theirs = report["groups"][group]["articles"], other["groups"][group]["articles"]
        if [(r["article"], r["gold"]) for r in theirs] != [(r["article"], r["gold"]) for r in ours]:
            parser.error(f"{args.paired_with}: its {group} articles or gold quotes differ from this run's")
        lines += ["", f"Paired on {group} with `{other['model']}` ({args.paired_with}): quotes only this model "
                      "or only that one gets right:", ""]
        for column in columns:
            mine, that_one = only_right(ours, theirs, column, column)
            lines.append(f"- {column}: {mine} vs {that_one}")
        report["paired_with"] = args.paired_with
    lines += ["", f"Speaker stance (`--context {DEFAULT_CONTEXT}`): named gold speakers whose summary label equals "
                  "their gold stance (the majority of their support and oppose gold quotes, neutral when none), "
                  "by the summary's rule; unanimous: speakers whose gold quotes all agree:", "",
              "| group | speakers | " + " | ".join(f"`{r}`" for r in SPEAKER_RULES) + " | unanimous | "
              + " | ".join(f"`{r}` (unanimous)" for r in SPEAKER_RULES) + " |",
              "|---" * (2 * len(SPEAKER_RULES) + 3) + "|"]
    for group, summary in report["groups"].items():
        summary["speakers"] = speaker_totals(summary["articles"])
        counts = summary["speakers"]
        lines.append(f"| {group} | {counts['speakers']} | " + " | ".join(str(counts[r]) for r in SPEAKER_RULES)
                     + f" | {counts['unanimous']} | " + " | ".join(str(counts[f'{r} (unanimous)']) for r in SPEAKER_RULES) + " |")
    if "seed" in report["groups"]:
        seed = report["groups"]["seed"]["articles"][0]
        lines += ["", f"Seed article, per speaker (`--context {DEFAULT_CONTEXT}`, the default):", "",
                  "| speaker | quotes | stance | support | oppose | neutral |", "|---|---|---|---|---|---|"]
        lines += [f"| {s['speaker']} | {s['quotes']} | {s['label']} | "
                  + " | ".join(f"{s['scores'][k]:.2f}" for k in ("support", "oppose", "neutral")) + " |"
                  for s in seed["by_speaker"]]
    write_results(args.output, report, lines)


if __name__ == "__main__":
    main()
