"""Score stancekit.quotes.extract_quotes against gold quote files.

    python scripts/eval_quotes.py [GOLD_OR_ARTICLE_OR_FOLDER ...] [--scaling]

Default inputs: tests/articles/ (the articles the rules were developed against),
tests/articles/heldout1/ to heldout4/ (written later to measure overfitting; see
results/quotes_eval.md for how each was used), the founding seed article and ``real``: real news
articles (FNC-1 training bodies from the shared data folder, annotated in tests/real_news). A gold file (``*.gold.jsonl``,
fields speaker, quote, start, end) is paired with the ``.txt`` of the same stem, or else with
the ``.txt`` in its folder whose text matches every gold offset. Each article is scored twice:
with spaCy (the default) and with the pure-rule attribution (``use_spacy=False``).

Extraction: a predicted quote matches a gold quote when their spans overlap with
IoU >= 0.5 (one-to-one, best overlaps first); precision, recall and F1 over all quotes.
Attribution: over matched quotes, a predicted speaker is correct when it equals the gold name or
is a shorter form of it (a contiguous run of its words); None must match None. "exact" counts
only identical names.

Writes results/quotes_eval.json and results/quotes_eval.md and prints a table.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _real_news import REAL_SETS, TRAIN_SET, materialize  # noqa: E402

from stancekit.quotes import extract_quotes  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"
SEED_GOLD = Path("/work/shared/seeds/arab_league_quotes.gold.jsonl")
HELDOUT = ("heldout1", "heldout2", "heldout3", "heldout4")  # sub-folders of tests/articles, in the order they were written
REAL_FOLDERS = {**{name: folder for name, (_, folder) in REAL_SETS.items()}, "realtrain": TRAIN_SET[1]}
DEFAULT_INPUTS = [ARTICLES, *(ARTICLES / name for name in HELDOUT), SEED_GOLD, *REAL_FOLDERS.values()]
GROUPS = ("own", *HELDOUT, "seed", *REAL_FOLDERS, "other")
MODES = {"spacy": True, "rules": False}
# Quote F1 and speaker accuracy the first time each held-out set was scored, before any change
# prompted by its errors. Later runs on these sets are no longer blind.
FIRST_PASS = {
    "heldout1": {"f1": 1.000, "spacy": 0.840, "rules": 0.720},
    "heldout2": {"f1": 1.000, "spacy": 0.895, "rules": 1.000},
    "heldout3": {"f1": 0.982, "spacy": 0.873, "rules": 0.855},
    "heldout4": {"f1": 1.000, "spacy": 0.909, "rules": 0.879},
    "real": {"f1": 0.964, "spacy": 0.725, "rules": 0.662},
    "real2": {"f1": 0.957, "spacy": 0.844, "rules": 0.733},
    "real3": {"f1": 0.946, "spacy": 0.615, "rules": 0.577},
    "real4": {"f1": 0.920, "spacy": 0.827, "rules": 0.640},
    "real5": {"f1": 0.947, "spacy": 0.852, "rules": 0.716},
    "real6": {"f1": 0.936, "spacy": 0.726, "rules": 0.569},
    "real7": {"f1": 0.971, "spacy": 0.786, "rules": 0.714},
    "realtrain": {"f1": 0.920, "spacy": 0.748, "rules": 0.639},
    "real8": {"f1": 0.924, "spacy": 0.869, "rules": 0.721},
    "real9": {"f1": 0.947, "spacy": 0.889, "rules": 0.762},
    "real10": {"f1": 0.951, "spacy": 0.769, "rules": 0.769},
    "real11": {"f1": 0.968, "spacy": 0.791, "rules": 0.659},
    "real12": {"f1": 0.969, "spacy": 0.805, "rules": 0.675},
    "real13": {"f1": 0.959, "spacy": 0.764, "rules": 0.660},
    "real14": {"f1": 0.958, "spacy": 0.841, "rules": 0.710},
    "real15": {"f1": 0.954, "spacy": 0.931, "rules": 0.750},
    "real16": {"f1": 0.938, "spacy": 0.789, "rules": 0.697},
    "real17": {"f1": 0.950, "spacy": 0.763, "rules": 0.697},
    "real18": {"f1": 0.969, "spacy": 0.809, "rules": 0.682},
    "real19": {"f1": 0.951, "spacy": 0.897, "rules": 0.776},
    "real20": {"f1": 0.945, "spacy": 0.800, "rules": 0.767},
    "real21": {"f1": 0.946, "spacy": 0.782, "rules": 0.747},
    "real22": {"f1": 1.000, "spacy": 0.780, "rules": 0.646},
    "real23": {"f1": 0.943, "spacy": 0.835, "rules": 0.802},
    "real24": {"f1": 0.926, "spacy": 0.911, "rules": 0.839},
    "real25": {"f1": 0.977, "spacy": 0.754, "rules": 0.800},
}
IOU = 0.5


def read_gold(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def offsets_fit(text: str, gold: list[dict]) -> bool:
    return all(text[g["start"] : g["end"]] == g["quote"] for g in gold)


def pair_article(gold_path: Path) -> Path:
    """The article a gold file annotates: same stem, else the folder's .txt its offsets fit."""
    same = gold_path.with_name(gold_path.name.removesuffix(".gold.jsonl").removesuffix(".jsonl") + ".txt")
    if same.exists():
        return same
    gold = read_gold(gold_path)
    for candidate in sorted(gold_path.parent.glob("*.txt")):
        if offsets_fit(candidate.read_text(encoding="utf-8"), gold):
            return candidate
    raise SystemExit(f"{gold_path}: no article in its folder matches its offsets")


def pair_gold(article: Path) -> Path:
    """The gold file of an article: same stem, else the folder's gold file whose offsets fit it."""
    same = article.with_suffix(".gold.jsonl")
    if same.exists():
        return same
    text = article.read_text(encoding="utf-8")
    for candidate in sorted(article.parent.glob("*.jsonl")):
        if offsets_fit(text, read_gold(candidate)):
            return candidate
    raise SystemExit(f"{article}: no gold file in its folder matches it")


def collect(inputs: list[Path]) -> list[tuple[Path, Path]]:
    """``(article, gold)`` pairs for folders, gold files and articles."""
    pairs = []
    for path in inputs:
        if path.is_dir():
            pairs += [(pair_article(g), g) for g in sorted(path.glob("*.gold.jsonl"))]
        elif path.suffix == ".txt":
            pairs.append((path, pair_gold(path)))
        elif path.exists():
            pairs.append((pair_article(path), path))
        else:
            print(f"skipping {path}: not found", file=sys.stderr)
    return pairs


def group_of(article: Path) -> str:
    """own (tests/articles), heldout1 to heldout4 (its sub-folders), seed, a real news set, or other."""
    folder = article.resolve().parent
    if folder == ARTICLES:
        return "own"
    if folder.parent == ARTICLES and folder.name in HELDOUT:
        return folder.name
    for name, real_folder in REAL_FOLDERS.items():
        if folder == real_folder.resolve():
            return name
    return "seed" if folder == SEED_GOLD.parent else "other"


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return max(overlap, 0) / (max(a[1], b[1]) - min(a[0], b[0]))


def match(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs with IoU >= 0.5, best first."""
    scored = sorted(
        (
            (iou((g["start"], g["end"]), (p["start"], p["end"])), i, j)
            for i, g in enumerate(gold)
            for j, p in enumerate(pred)
        ),
        reverse=True,
    )
    used_gold, used_pred, pairs = set(), set(), []
    for score, i, j in scored:
        if score >= IOU and i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def speaker_ok(gold: str | None, pred: str | None) -> bool:
    """Equal, or ``pred`` a contiguous run of ``gold``'s words (case-insensitive)."""
    if gold is None or pred is None:
        return gold is pred
    big, small = gold.lower().split(), pred.lower().split()
    return any(big[i : i + len(small)] == small for i in range(len(big) - len(small) + 1))


def quote_reference(quote: dict, _: int) -> str:
    """A real news quote by its offsets: the results files carry none of the corpus' text."""
    return f"chars {quote['start']}-{quote['end']}"


def score_article(article: Path, gold_path: Path, use_spacy: bool) -> dict:
    text = article.read_text(encoding="utf-8")
    gold = read_gold(gold_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pred = [q.to_dict() for q in extract_quotes(text, use_spacy=use_spacy)]
    pairs = match(gold, pred)
    matched_gold = {i for i, _ in pairs}
    matched_pred = {j for _, j in pairs}
    group = group_of(article)
    shown = quote_reference if group in REAL_FOLDERS else (lambda q, n: q["quote"][:n])
    errors = [f"missed: {shown(g, 70)!r}" for i, g in enumerate(gold) if i not in matched_gold]
    errors += [f"spurious: {shown(p, 70)!r}" for j, p in enumerate(pred) if j not in matched_pred]
    correct = exact = 0
    speakers = []
    for i, j in pairs:
        g, p = gold[i]["speaker"], pred[j]["speaker"]
        correct += speaker_ok(g, p)
        exact += g == p
        speakers.append({"quote": shown(gold[i], len(gold[i]["quote"])), "gold": g, "pred": p})
        if not speaker_ok(g, p):
            errors.append(f"speaker {p!r} (gold {g!r}) for {shown(gold[i], 50)!r}")
    return {
        "article": str(article.relative_to(ROOT) if article.is_relative_to(ROOT) else article),
        "group": group,
        "gold": len(gold),
        "pred": len(pred),
        "matched": len(pairs),
        "speaker_correct": correct,
        "speaker_exact": exact,
        "warnings": len(caught),
        "speakers": speakers,
        "errors": errors,
    }


def totals(rows: list[dict]) -> dict:
    gold, pred, matched = (sum(r[k] for r in rows) for k in ("gold", "pred", "matched"))
    precision = matched / pred if pred else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "articles": len(rows),
        "gold": gold,
        "pred": pred,
        "matched": matched,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "speaker_accuracy": round(sum(r["speaker_correct"] for r in rows) / matched, 4) if matched else 0.0,
        "speaker_exact": round(sum(r["speaker_exact"] for r in rows) / matched, 4) if matched else 0.0,
    }


def scaling(sizes_mb: list[float]) -> list[dict]:
    """Seconds for synthetic articles: quote-free paragraphs with one quoted paragraph in 50."""
    quoted = "“We will not accept these terms under any circumstances,” Mayor Ana Ruiz told reporters."
    plain = "The council met on Tuesday to discuss the budget for the coming year and several other items."
    rows = []
    for size in sizes_mb:
        block = "\n".join([quoted] + [plain] * 49) + "\n"
        text = block * max(1, int(size * 1_000_000 / len(block)))
        for mode, use_spacy in MODES.items():
            begin = time.perf_counter()
            found = extract_quotes(text, use_spacy=use_spacy)
            seconds = round(time.perf_counter() - begin, 2)
            rows.append({"mb": round(len(text) / 1e6, 2), "mode": mode, "quotes": len(found), "seconds": seconds})
            print(f"scaling {rows[-1]}")
    return rows


def markdown(command: str, results: dict, scale: list[dict]) -> str:
    lines = ["# Quote extraction: evaluation", "", f"Produced by `{command}` (from the repository root).", ""]
    lines += [
        "Extraction is scored by span overlap (IoU >= 0.5, one-to-one); attribution is speaker accuracy",
        "over matched quotes (a predicted name counts when it equals the gold full name or is a",
        "contiguous part of it; `exact` counts identical full names only). `spacy` is the shipped",
        "method (NER + dependency parse on paragraphs with quotes); `rules` is the same extraction",
        "with the pure-rule speaker heuristic (`extract_quotes(text, use_spacy=False)`).",
        "",
        "## Summary",
        "",
        "| group | mode | articles | gold | pred | P | R | F1 | speaker acc | speaker exact |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for group in GROUPS:
        for mode, result in results.items():
            t = result["groups"].get(group)
            if t:
                lines.append(
                    f"| {group} | {mode} | {t['articles']} | {t['gold']} | {t['pred']} | {t['precision']:.3f} | "
                    f"{t['recall']:.3f} | {t['f1']:.3f} | {t['speaker_accuracy']:.3f} | {t['speaker_exact']:.3f} |"
                )
    seconds = ", ".join(f"{mode} {result['seconds']:.2f} s" for mode, result in results.items())
    lines += ["", f"Time over all articles: {seconds} (spaCy model load included).", ""]
    lines += [
        "## Held-out protocol",
        "",
        "`own` (13 articles) was written first and the rules were developed against it. `heldout1`",
        "(6 articles) was written after that and scored once; its errors exposed general weaknesses,",
        "then fixed: a speaker name the tagger calls a common noun was not taken as a name; a subject",
        "reached by climbing from a conjoined verb (`had not been consulted and called ...`) ended the",
        "search; a leading title outside the job-title list stayed in the name (`Grandmaster`); a role",
        "written as an appositive before the name (`the region's environment secretary, X,`) was lost.",
        "`heldout2` (5 articles) was written after that and scored once; its two errors (a lowercase",
        "job title as person evidence, a name NER folded into an organisation) were fixed too.",
        "`heldout3` (8 articles, 55 quotes, session 12) was written blind by someone who had not read",
        "the code or the earlier articles, and scored once. Its errors: two terms in quotation marks",
        "named and then defined (`what it calls an “energy transition dividend”, a fund ...`) taken",
        "as statements; a hyphenated title (`Deputy Prosecutor-General`) kept in the name and its",
        "title-only mention unresolved; a name NER called ORG not taken as a person although a role",
        "appositive followed it; the place of an office (`the mayor of Port Selwyn`) taken as the",
        "mayor; leading roles (`the union leader`, `the cooperative leader`) not matched to the",
        "general secretary of a union or the chair of a cooperative. All five were fixed as general",
        "rules, each with a pattern test, and no earlier set changed. `heldout4` (8 articles, 66",
        "quotes, session 13) was written blind the same way and scored once (quote F1 1.000, speaker",
        "0.909). Its errors: a name NER called ORG whose appositive is headed by a role but ends in",
        "its body (`X, president of the Bar Association,`) not taken as a person; a role before the",
        "comma (`Its ambassador in Korvik, X,`) not seen, and the parser hanging the name on the place;",
        "a role given by a relative clause (`X, who chairs the Electoral Commission,` for `the",
        "commission chair`) not known; `the diplomat` after `a diplomat who asked not to be named`",
        "resolved to the last named person instead of the unnamed one. All four were fixed as",
        "general rules, each with a pattern test, and no earlier set changed. `real` (24 real news",
        "articles, 83 quotes, session 14: FNC-1 training bodies from 2014-2015 web news, annotated",
        "blind by two helpers; tests/real_news) was the first text not written for stancekit. Its",
        "first pass found the quotes (F1 0.964) but only 0.725 of the speakers: British descriptors",
        "before names (`Worker Jiang Li Lung`, `Local Aamir Dhawan`, `Depressed Tan Shen`) kept in",
        "the name; a full name introduced only in a possessive (`Mark Oberholtzer’s truck`) never",
        "learnt, so the later surname had no full form; a one-word place (`Texas` of `Texas City,",
        "Texas`) taken as the antecedent of `he`; a sentence `But he said it was unclear if Godane",
        "had been killed` giving Godane as the next `he`; a long multi-paragraph quote using up the",
        "pronoun search window; a pool report's two-sentence quote dropped after the cue `report`,",
        "and `by the name “black hole”` kept. All were fixed as general rules, each with a pattern",
        "test that fails without it, and no earlier set changed; so was a quote that opens a paragraph",
        "after a narrative paragraph whose main subject is a person (`After a week Shen decided ...`).",
        "Left: a photo caption run into the text, a name given in quotation marks (`identified only",
        "as “Kelly,”`), a partial quote without a reporting verb, an unclosed quote the annotation",
        "brief could not express. `real2` (24 more real articles, 95 quotes) was then drawn and",
        "annotated blind the same way, after those rules: quote F1 0.957, speakers 0.844 on its first",
        "pass. Its errors: a name and reporting verb after a quoted question cut into their own",
        "sentence (`“What makes the world go round?” Islam asked`); a body's acronym in apposition",
        "(`(Ineter)`) taken before the person in apposition (`Wilfried Strauch`); a name NER called",
        "WORK_OF_ART dropped as not a person; the body after `of` kept in the name (`Member of",
        "Parliament Ali al-Bredi`). All four were fixed as general rules with pattern tests (0.933",
        "after; no other set changed). Left: websites and outlets quoted as speakers (`Mashable`,",
        "`Gawker`, gold None), a surname spelt differently from its introduction (`Rahman` for",
        "`Rami Abdulrahman`), a quote introduced only by the sentence before, short partial quotes",
        "without a reporting verb. `real3` (24 more, 56 quotes), drawn and annotated after those",
        "rules, scored lower on its blind first pass: F1 0.946, speakers 0.615 (real news varies a",
        "lot between small samples: 0.725, 0.844, 0.615 on the three first passes). Its errors that",
        "became general rules with pattern tests: a narrative paragraph's pronoun subject, or the",
        "subject of its last main clause (`..., but spokeswoman Nat Kerris told Recode ...`), before an",
        "unattributed quote; a subject NER calls an organisation (`NASA`, the tagger reading",
        "`asteroid` as a verb) or nobody under a non-reporting verb (`X said it was “...”`) ending the",
        "search before the reporting verb (one mechanism; its pattern test uses the second case, the",
        "first depends on the parse of the whole article); a pronoun whose antecedent is its own sentence's main",
        "subject (`Mark Andrés ... when he asked`). 0.750 after. Left: a person named only later",
        "(`the abbess` before `Sister Rosella`), a misspelt surname, an impostor's name, `President",
        "Obama` resolved to `Michelle Obama`, outlets quoted as speakers. `real4` (24 more, 81",
        "quotes), drawn and annotated after real3's rules, scored F1 0.920 and speakers 0.827 on its",
        "blind first pass. Its errors became general rules in session 15, each with a pattern test",
        "(all but the first fail without their rule): the agent of a passive reporting verb speaks",
        "(`described by officials as “...”`); a reporting verb the tagger calls a noun but the parser",
        "gives a subject (`..., Rep. Duncan Hunter of California claims`); of two subjects the parser",
        "hangs on one verb, the one nearest it (`intelligence analyst for Levantine Group, Benjamin",
        "T. Decker says`); `saying` hung on a clause about a thing speaks for the sentence's subject;",
        "writers and performers as roles (`Mishaal, an angry blogger,` is a person); royal titles",
        "cut (`King Abdullah II`); a person named before a pronoun whose sentence's subject is a",
        "thing (`Rumours on King Abdullah spread after he promised ...`); headings not statements.",
        "0.960 after, no other set changed. Left: a tweet and a hashtag quoted without their",
        "writers, a surname spelt two ways (`Nenad Babici`, `Babic`). `realdev` (24 more, 83 quotes,",
        "the real set for choices) was drawn and annotated with `real5`; its first run, after real4's",
        "rules, scored F1 0.988 and speakers 0.855, and four of its errors became rules (a quoted",
        "hyphenated word is one word; an age before a name is not part of it; a role joined to the",
        "name by `and` is not the speaker; `First Lady` is a title): 0.892; then a pronoun after a",
        "role subject (`The Pope, speaking ..., offered ...` then `he said`) resolved to the role's",
        "holder, a one-word name after a title (`Pope Francis`) a person candidate in an unparsed",
        "paragraph, and weekdays never names: 0.904 (every other set unchanged with spaCy; rules only",
        "gained on seven sets). Left: a",
        "title with its body before a name (`Head of Nasa's Meteoroid Environment Office Bill",
        "Cooke`), `he` after `His father, X, ...` resolved to the father. `real5` (24 more, 88",
        "quotes), drawn and annotated before any of these session-15 rules and scored once after",
        "them: F1 0.947, speakers 0.852. `real6` and `real7` (24 more each, 54 and 86 quotes), drawn",
        "and annotated after every session-15 rule, realdev's included, scored F1 0.936 / 0.971 and",
        "speakers 0.726 / 0.786 on their blind first passes: real5 was the lucky draw. Over the seven",
        "real sets' blind first passes, 400 of 513 matched speakers were right (0.780). Then some of",
        "their errors became rules (pattern tests): an abbreviated title after the reporting verb",
        "(`said Det. James Patterson`, which the parser cuts at `Det`), descriptors of a person's",
        "situation or party (`Widower Stan Beaton`, `New Democrat Craig Scott`), a name never running",
        "over a line break (a caption's name, then `He revealed`), a one-word name NER nowhere calls",
        "a person as a brand, not a speaker (`Glide wrote on its blog`; also right for `Mashable` in",
        "real2); 0.804 / 0.869 after, nothing lost elsewhere. Left: four tweets whose annotator gave",
        "the Twitter handle as the speaker (the brief is silent on handles).",
        "Session 16: `realtrain` (data/realnews: 159 FNC-1 bodies sharing no story with the sets, 458",
        "quotes annotated blind to train the classifier on) was scored once before any rule of the",
        "session: F1 0.920, speakers 0.748 (323 of 432). As a development set it gave general rules",
        "(pattern tests): `states` / `stated` / `posted` / `responding` report speech; clerics',",
        "rappers', mums' and homeowners' titles are cut (`Father John O'Neal`); a name ending in an",
        "organisation's head noun (`Defence Ministry`, `Memorial Hospital`) or holding a web address is",
        "no speaker; `Both` never opens a name: 0.781, nothing lost elsewhere. Then `real8` (24 more,",
        "66 quotes; drawn after the training bodies were taken, from bodies sharing no story with",
        "them) was annotated blind and scored once: F1 0.924, speakers 0.869 (53 of 61). Two more rules",
        "from realtrain (`X was quoted as saying`; a person named by `identified as` / `named`), then",
        "`real9` (24 more, 65 quotes, drawn the same way) scored once: F1 0.947, speakers 0.889 (56 of",
        "63). Its errors gave one rule (two people joined by `and` make a joint statement): 0.921.",
        "`real10` (85 quotes) then scored F1 0.951, speakers 0.769 (60 of 78); its errors gave",
        "screenwriters' and vice-presidents' titles and `What` opening a name: 0.859. `real11` (95",
        "quotes), drawn after every rule, scored F1 0.968, speakers 0.791 (72 of 91), and no rule came",
        "from it then. Over the twelve blind first passes on real news, 964 of 1,238 matched speakers",
        "were right (0.779); over the four drawn after session 16's first rules, 241 of 293 (0.823).",
        "Session 17: real11's errors became general rules (pattern tests): a full stop glued to a",
        "capital ends a name (`Parliament Hill.While Tony Clement`); a caption's credit or a wide gap",
        "ends one; newspapers are no speakers (`the Post said`); someone's spokesperson is not the",
        "spokesperson of another body named earlier; headings use up no pronoun window and name no",
        "antecedent; a narrative paragraph's surname subject, or the person it is `according to`,",
        "speaks the unattributed quote that opens the next paragraph; a titled person the parser hangs",
        "on a body's name speaks (`Center for ... Studies analyst Victor Cha told CNN`): real11 0.945,",
        "nothing lost elsewhere. Then `real12` (81 quotes) and `real13` (111), drawn and annotated",
        "after those rules, scored F1 0.969 / 0.959, speakers 0.805 (62 of 77) / 0.764 (81 of 106).",
        "Their errors gave rules too: `Miss` and `Mufti` are titles; `Media`, `Company`, `Group`,",
        "`Bank` and like heads end a body's name; a title and surname name the person introduced with",
        "that title (`Sheikh Munajjid`); a capitalised reporting verb ends a name (`... Abu Nada",
        "Tweeted`); `the 68-year-old` is the person named before; `quoted X as saying` gives X:",
        "0.844 / 0.859 after, and real2, real7 and real10 gained. Then `real14` (72 quotes) and",
        "`real15` (76), drawn and annotated after every rule, scored once: F1 0.958 / 0.954, speakers",
        "0.841 (58 of 69) / 0.931 (67 of 72), 125 of 141 (0.887) together. Every body of theirs shares",
        "a story with some earlier set (FNC-1 holds many bodies per story); on the 19 that share none",
        "with real11 to real13, whose errors gave this session's rules, 37 of 42 (0.881). Over all",
        "sixteen blind first passes on real news, 1,232 of 1,562 matched speakers were right (0.789).",
        "Session 18: eight rules from the remaining errors of the earlier sets (titles such as `Vet`,",
        "`Coroner`, `Maj.`; a headline's auxiliary, `Has Kanye West`; a body's name before a person's;",
        "a possessive written `‘s`; `NBC` after `NBC News` is no antecedent; an unnamed person as the",
        "main subject, `One longtime NBC employee ...`, is the next `he`; a photo caption between a long",
        "quote's paragraphs does not end it; a verb the parser hung on its subject's name): 1,763 ->",
        "1,792 right over those sets, nothing lost. `real16` (81 quotes) and `real17` (80), drawn",
        "(`Random(2044)`, `(2045)`) and annotated before those rules and committed before any run, then",
        "scored once after them: F1 0.938 / 0.950, speakers 0.789 (60 of 76) / 0.763 (58 of 76). Their",
        "errors gave five rules (`Jr.,` keeps its full stop; names match without diacritics, `Babić` /",
        "`Babic`; `Sorkin-penned` ends a name; `Border Patrol` is a body; a place before a colon is",
        "passed over). Then `real18` (64) and `real19` (63), drawn (`Random(2046)`, `(2047)`) and",
        "annotated after every rule above: F1 0.969 / 0.951, speakers 0.809 (51 of 63) / 0.897 (52 of",
        "58), 103 of 121 (0.851) together. Their errors gave the session's last rules (`released a",
        "statement saying`; `Born X` is a birth name; a title alone and `I` name no one). Then `real20`",
        "(63 quotes) and `real21` (91), drawn (`Random(2048)`, `(2049)`) and annotated after every rule",
        "above: F1 0.945 / 0.946, speakers 0.800 (48 of 60) / 0.782 (68 of 87), 116 of 147 (0.789); six",
        "of their errors are Twitter, Instagram or forum handles the annotators gave as speakers. Their",
        "errors gave three rules (`as X put it`; initials keep their full stops; `Virgin` after `Virgin",
        "Media` is a body whatever NER says). Over all twenty-two blind first passes on real news, 1,569",
        "of 1,982 matched speakers were right (0.792).",
        "Session 19: the brief gained a ruling on online handles (a user named only by a handle is named",
        "by it; a body's account is not), and five speakers of real8 and real20 were rewritten to follow",
        "it. `real22` (82 quotes) and `real23` (98), drawn (`Random(2050)`, `(2051)`) and annotated after",
        "every session-18 rule: F1 1.000 / 0.943, speakers 0.780 (64 of 82) / 0.835 (76 of 91). Their",
        "errors and the ruling gave rules (online usernames are names; platforms, and a one-word body",
        "beside a person, are no speakers; a title that is a known surname, `Bishop said`; a subject's",
        "appositive is the antecedent; titles after an inverted verb; `Adm.`, `YouTuber`, `expert`;",
        "`-friendly`; captions up to 16 words; glued quotation marks, `said,\"As`). Then `real24` (60)",
        "and `real25` (67), drawn (`Random(2052)`, `(2053)`) and annotated before those rules, committed",
        "before any run and scored once after them: F1 0.926 / 0.977, speakers 0.911 (51 of 56) / 0.754",
        "(49 of 65), 100 of 121 (0.826). Their errors gave two rules (a surname NER takes for a place;",
        "a reporting verb never opens a name). Over all twenty-six blind first passes on real news,",
        "1,809 of 2,276 matched speakers were right (0.795).",
        "The first, blind scores are the honest estimate of accuracy on new text:",
        "",
        "| set | quote F1 (first pass) | spacy speaker acc (first pass) | rules speaker acc (first pass) |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [f"| {name} | {acc['f1']:.3f} | {acc['spacy']:.3f} | {acc['rules']:.3f} |"
              for name, acc in FIRST_PASS.items()]
    lines += [
        "",
        "## What spaCy buys",
        "",
        "Extraction (which quotations are statements) uses the same rules in both modes, so P/R/F1 are",
        "identical; spaCy changes only attribution. The parse finds subjects that are not next to the",
        "verb (`X, who campaigned on the project, said ...`; `X has defended the review, saying, ...`),",
        "follows `noting` / `saying` to the verb they depend on, and catches verbs outside the",
        "reporting lexicon through the clause they govern (`... Castellanos shot back`). NER keeps",
        "organisations and places out of the person candidates (a pronoun's antecedent is not",
        "`Nordline Rail`), tells unnamed groups from names (`Residents ... described` gives None) and,",
        "with the tagger, trims name boundaries (a place word before a given name that NER put in an",
        "ORG, in the seed; `Grandmaster Elif Durmaz`).",
        "The price: about 4-8x the run time (see Scaling) and NER mistakes that the rules must absorb:",
        "the small model often labels people ORG (`Vasquez-Lowe`, `Councillor Priya Raman`, `Fontes`),",
        "hence the article-level PERSON words, the job-title evidence and the fallback to any",
        "capitalised run when expanding a speaker's name. On the blind `heldout2` pass the rules alone",
        "did better (1.000 vs 0.895) for exactly that reason; with those repairs spaCy is ahead",
        "everywhere it differs. Matched quotes where the two modes disagree:",
        "",
    ]
    lines += differences(results)
    lines += ["", "## Per article (spacy)", "", "| article | gold | pred | matched | speakers right | exact |"]
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: |")
    for r in results["spacy"]["articles"]:
        cells = [r["article"], r["gold"], r["pred"], r["matched"], r["speaker_correct"], r["speaker_exact"]]
        lines.append("| " + " | ".join(map(str, cells)) + " |")
    for mode, result in results.items():
        errors = [f"- {row['article']}: {e}" for row in result["articles"] for e in row["errors"]]
        lines += ["", f"## Remaining errors ({mode})", ""] + (errors or ["none"])
    if scale:
        lines += [
            "",
            "## Scaling",
            "",
            "Synthetic articles: one quoted paragraph in fifty, the rest without quotation marks",
            "(which get no NLP).",
            "",
            "| MB | mode | quotes | seconds |",
            "| ---: | --- | ---: | ---: |",
        ]
        lines += [f"| {r['mb']} | {r['mode']} | {r['quotes']} | {r['seconds']} |" for r in scale]
    return "\n".join(lines) + "\n"


def differences(results: dict) -> list[str]:
    """Matched quotes whose speaker verdict differs between the modes."""
    lines = []
    for spacy_row, rules_row in zip(results["spacy"]["articles"], results["rules"]["articles"], strict=True):
        rules_by_quote = {s["quote"]: s for s in rules_row["speakers"]}
        for s in spacy_row["speakers"]:
            r = rules_by_quote.get(s["quote"])
            if r is None or speaker_ok(s["gold"], s["pred"]) == speaker_ok(r["gold"], r["pred"]):
                continue
            winner = "spacy" if speaker_ok(s["gold"], s["pred"]) else "rules"
            lines.append(
                f"- {winner} right, {spacy_row['article']}: {s['quote'][:50]!r}: gold {s['gold']!r}, "
                f"spacy {s['pred']!r}, rules {r['pred']!r}"
            )
    return lines or ["The two modes agree on every matched quote."]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", type=Path, help="gold files, articles or folders")
    parser.add_argument("--scaling", action="store_true", help="also time synthetic 1-10 MB articles")
    parser.add_argument("--out", type=Path, default=ROOT / "results", help="folder for quotes_eval.json/.md")
    args = parser.parse_args(argv)
    command = "python scripts/eval_quotes.py " + " ".join(
        shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:])
    )
    if not args.inputs:
        for annotations, folder in (*REAL_SETS.values(), TRAIN_SET):  # real news, written from the shared corpus
            materialize(annotations, folder)
    pairs = collect(args.inputs or DEFAULT_INPUTS)
    results = {}
    for mode, use_spacy in MODES.items():
        begin = time.perf_counter()
        rows = [score_article(article, gold, use_spacy) for article, gold in pairs]
        groups = {g: totals([r for r in rows if r["group"] == g]) for g in GROUPS if any(r["group"] == g for r in rows)}
        results[mode] = {"seconds": round(time.perf_counter() - begin, 2), "groups": groups, "articles": rows}
    print(f"{'mode':6} {'group':5} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'spk':>6} {'exact':>6}")
    for mode, result in results.items():
        for group, t in result["groups"].items():
            print(
                f"{mode:6} {group:5} {t['gold']:5d} {t['pred']:5d} {t['precision']:6.3f} {t['recall']:6.3f} "
                f"{t['f1']:6.3f} {t['speaker_accuracy']:6.3f} {t['speaker_exact']:6.3f}"
            )
    scale = scaling([1, 2, 5, 10]) if args.scaling else []
    args.out.mkdir(parents=True, exist_ok=True)
    report = {"command": command.strip(), "iou": IOU, "modes": results, "scaling": scale}
    (args.out / "quotes_eval.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (args.out / "quotes_eval.md").write_text(markdown(command.strip(), results, scale), encoding="utf-8")


if __name__ == "__main__":
    main()
