"""Real news articles: FNC-1 training bodies with our own annotations (``realdev`` to ``realdev3`` for choices,
the other sets of :data:`REAL_SETS` to measure on, :data:`TRAIN_SET` to train on).

Each annotation file in ``tests/real_news`` (one per set: :data:`REAL_SETS`) holds one line per
annotated article: the FNC-1 ``body_id`` (of ``fnc1/train_bodies.csv``, whose bodies carry no
stance labels here), a ``target`` and the gold quotes as offsets with ``speaker`` and ``label``,
but none of the corpus' text: the bodies are read from the shared data folder, never copied into
the repository. :func:`materialize` writes each annotated body as ``fnc1_<id>.txt`` next to a gold
file ``fnc1_<id>.gold.jsonl`` in the format of ``tests/articles``, which the evaluation scripts
read like any other annotated article.
"""

from __future__ import annotations

import csv
import json
import os
import random
from pathlib import Path

from stancekit.data import LABELS, resolve_data_dir

ROOT = Path(__file__).resolve().parent.parent
# set name -> (annotation file, folder the scripts write its articles to; ignored by git)
_ANNOTATIONS, _RUNS = ROOT / "tests" / "real_news", ROOT / "runs"
REAL_SETS = {
    "real": (_ANNOTATIONS / "fnc1_train.annotations.jsonl", _RUNS / "real_news"),
    "real2": (_ANNOTATIONS / "fnc1_train_2.annotations.jsonl", _RUNS / "real_news2"),
    "real3": (_ANNOTATIONS / "fnc1_train_3.annotations.jsonl", _RUNS / "real_news3"),
    "real4": (_ANNOTATIONS / "fnc1_train_4.annotations.jsonl", _RUNS / "real_news4"),
    "real5": (_ANNOTATIONS / "fnc1_train_5.annotations.jsonl", _RUNS / "real_news5"),
    # the one real set for choices (development), not for measuring
    "realdev": (_ANNOTATIONS / "fnc1_train_dev.annotations.jsonl", _RUNS / "real_news_dev"),
    "real6": (_ANNOTATIONS / "fnc1_train_6.annotations.jsonl", _RUNS / "real_news6"),
    "real7": (_ANNOTATIONS / "fnc1_train_7.annotations.jsonl", _RUNS / "real_news7"),
    "real8": (_ANNOTATIONS / "fnc1_train_8.annotations.jsonl", _RUNS / "real_news8"),
    "real9": (_ANNOTATIONS / "fnc1_train_9.annotations.jsonl", _RUNS / "real_news9"),
    "real10": (_ANNOTATIONS / "fnc1_train_10.annotations.jsonl", _RUNS / "real_news10"),
    "real11": (_ANNOTATIONS / "fnc1_train_11.annotations.jsonl", _RUNS / "real_news11"),
    # a second set for choices (session 17: the first had been looked at for the choice it serves)
    "realdev2": (_ANNOTATIONS / "fnc1_train_dev2.annotations.jsonl", _RUNS / "real_news_dev2"),
    "real12": (_ANNOTATIONS / "fnc1_train_12.annotations.jsonl", _RUNS / "real_news12"),
    "real13": (_ANNOTATIONS / "fnc1_train_13.annotations.jsonl", _RUNS / "real_news13"),
    "real14": (_ANNOTATIONS / "fnc1_train_14.annotations.jsonl", _RUNS / "real_news14"),
    "real15": (_ANNOTATIONS / "fnc1_train_15.annotations.jsonl", _RUNS / "real_news15"),
    # a third set for choices (session 17: the second had been looked at for the choice it serves)
    "realdev3": (_ANNOTATIONS / "fnc1_train_dev3.annotations.jsonl", _RUNS / "real_news_dev3"),
    # session 18: annotated before that session's rules, scored once after them
    "real16": (_ANNOTATIONS / "fnc1_train_16.annotations.jsonl", _RUNS / "real_news16"),
    "real17": (_ANNOTATIONS / "fnc1_train_17.annotations.jsonl", _RUNS / "real_news17"),
    # session 18: drawn and annotated after every rule of that session
    "real18": (_ANNOTATIONS / "fnc1_train_18.annotations.jsonl", _RUNS / "real_news18"),
    "real19": (_ANNOTATIONS / "fnc1_train_19.annotations.jsonl", _RUNS / "real_news19"),
    "real20": (_ANNOTATIONS / "fnc1_train_20.annotations.jsonl", _RUNS / "real_news20"),
    "real21": (_ANNOTATIONS / "fnc1_train_21.annotations.jsonl", _RUNS / "real_news21"),
    # session 19: drawn and annotated after every rule of session 18, with the brief's handle ruling
    "real22": (_ANNOTATIONS / "fnc1_train_22.annotations.jsonl", _RUNS / "real_news22"),
    "real23": (_ANNOTATIONS / "fnc1_train_23.annotations.jsonl", _RUNS / "real_news23"),
    # session 19: drawn and annotated before that session's rules, scored once after them
    "real24": (_ANNOTATIONS / "fnc1_train_24.annotations.jsonl", _RUNS / "real_news24"),
    "real25": (_ANNOTATIONS / "fnc1_train_25.annotations.jsonl", _RUNS / "real_news25"),
}
# The seeded draws, in order: each set is 24 bodies sampled from the pool the earlier ones left.
DRAW_SEEDS = {"real": 2026, "real2": 2027, "real3": 2028, "real4": 2029, "real5": 2030, "realdev": 2031,
              "real6": 2032, "real7": 2033}
# Drawn after the training bodies were taken (session 16), from what they and the draws above left.
LATER_DRAW_SEEDS = {"real8": 2034, "real9": 2035, "real10": 2036, "real11": 2037,
                    "realdev2": 2038, "real12": 2039, "real13": 2040, "real14": 2041, "real15": 2042,
                    "realdev3": 2043, "real16": 2044, "real17": 2045,
                    "real18": 2046, "real19": 2047, "real20": 2048, "real21": 2049,
                    "real22": 2050, "real23": 2051, "real24": 2052, "real25": 2053}
DRAW_SIZE = 24
# Real news to train on (session 16): the same annotation, on bodies that share no story with the sets above.
TRAIN_SET = (ROOT / "data" / "realnews" / "fnc1_train.annotations.jsonl", _RUNS / "real_news_train")
TRAIN_MAX_SIMILARITY = 0.15
QUOTE_MARKS = '"“”'


def _bodies(data_dir: str | os.PathLike | None) -> tuple[Path, dict[str, str]]:
    path = resolve_data_dir(data_dir) / "fnc1" / "train_bodies.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return path, {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}


def _draws(bodies: dict[str, str]) -> tuple[dict[str, list[str]], list[str]]:
    """Each set's drawn body ids and the pool the draws left (see :func:`draw`)."""
    pool = [i for i, body in bodies.items() if 600 <= len(body) <= 3000 and sum(body.count(m) for m in QUOTE_MARKS) >= 2]
    drawn = {}
    for name, seed in DRAW_SEEDS.items():
        drawn[name] = random.Random(seed).sample(pool, DRAW_SIZE)
        pool = [i for i in pool if i not in drawn[name]]
    return drawn, pool


def _far_from(bodies: dict[str, str], candidates: list[str], others: list[str]) -> list[str]:
    """The ``candidates`` whose TF-IDF cosine (English stop words out, sublinear counts, terms of
    two or more bodies) to every body of ``others`` is under :data:`TRAIN_MAX_SIMILARITY`."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2).fit(list(bodies.values()))
    similarity = cosine_similarity(vectorizer.transform([bodies[i] for i in candidates]),
                                   vectorizer.transform([bodies[i] for i in sorted(others)])).max(axis=1)
    return [i for i, nearest in zip(candidates, similarity) if nearest < TRAIN_MAX_SIMILARITY]


def _training_ids(bodies: dict[str, str]) -> tuple[dict[str, list[str]], list[str], list[str]]:
    """The draws of :data:`DRAW_SEEDS`, the pool they left, and the training bodies taken from it."""
    drawn, pool = _draws(bodies)
    return drawn, pool, _far_from(bodies, pool, [i for ids in drawn.values() for i in ids])


def draw(data_dir: str | os.PathLike | None = None) -> dict[str, list[str]]:
    """Each set's body ids as drawn: bodies of 600-3,000 characters with at least two double
    quotation marks, then ``random.Random(seed).sample`` of :data:`DRAW_SIZE` per set, in the order
    of :data:`DRAW_SEEDS`, from what the earlier draws left; then the sets of
    :data:`LATER_DRAW_SEEDS` the same way, from what the draws and the training bodies left, less
    every body that shares a story with a training body (see :func:`training_ids`)."""
    _, bodies = _bodies(data_dir)
    drawn, pool, training = _training_ids(bodies)
    pool = _far_from(bodies, [i for i in pool if i not in training], training)
    for name, seed in LATER_DRAW_SEEDS.items():
        drawn[name] = random.Random(seed).sample(pool, DRAW_SIZE)
        pool = [i for i in pool if i not in drawn[name]]
    return drawn


def training_ids(data_dir: str | os.PathLike | None = None) -> list[str]:
    """The bodies of :data:`TRAIN_SET`, in corpus order: those the draws of :data:`DRAW_SEEDS` left
    whose TF-IDF cosine to every drawn body is under :data:`TRAIN_MAX_SIMILARITY`. FNC-1 holds many
    bodies per story, so a random split would train on the stories the sets measure."""
    _, bodies = _bodies(data_dir)
    return _training_ids(bodies)[2]


def _closes(body: str, end: int) -> bool:
    """A quotation ends at ``end``: at a closing mark, or at the end of its paragraph (a long
    quote's paragraphs each open with a mark and only the last closes; or a mark never closed)."""
    return end == len(body) or body[end] in QUOTE_MARKS or body[end] == "\n"


def _gold(body: str, article: dict, where: str) -> list[dict]:
    """The article's gold quotes with their text, after checking that each span sits between marks."""
    gold, previous_end = [], 0
    for quote in article["quotes"]:
        start, end = quote["start"], quote["end"]
        if not (previous_end < start < end <= len(body)) or body[start - 1] not in QUOTE_MARKS or not _closes(body, end):
            raise ValueError(f"{where}: quote {start}-{end} is not a span between quotation marks in body "
                             f"{article['body_id']} (or overlaps the one before)")
        if quote["label"] not in LABELS:
            raise ValueError(f"{where}: label {quote['label']!r} is not one of {LABELS}")
        gold.append({"speaker": quote["speaker"], "quote": body[start:end], "start": start, "end": end,
                     "target": article["target"], "label": quote["label"]})
        previous_end = end
    return gold


def materialize(annotations: Path, folder: Path, data_dir: str | os.PathLike | None = None) -> list[tuple[Path, Path]]:
    """Write every body ``annotations`` annotates, and its gold file, into ``folder``; return the
    (article, gold) pairs."""
    bodies_path, bodies = _bodies(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    pairs = []
    lines = annotations.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        article = json.loads(line)
        where = f"{annotations}:{number}"
        if article["body_id"] not in bodies:
            raise ValueError(f"{where}: body {article['body_id']} is not in {bodies_path}")
        body = bodies[article["body_id"]]
        gold = _gold(body, article, where)
        text_path = folder / f"fnc1_{article['body_id']}.txt"
        gold_path = text_path.with_suffix(".gold.jsonl")
        text_path.write_text(body, encoding="utf-8")
        gold_path.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")
        pairs.append((text_path, gold_path))
    return pairs
