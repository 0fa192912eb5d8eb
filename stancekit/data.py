"""Public stance corpora and users' own files, turned into one `datasets` schema.

Every loader returns a :class:`datasets.DatasetDict` whose splits are the corpus' own
(never reshuffled) and whose columns are :data:`FEATURES`::

    >>> from stancekit.data import load_corpus
    >>> semeval = load_corpus("semeval")          # reads $STANCEKIT_DATA_DIR/semeval2016_tweeteval
    >>> semeval["train"][0]["label"]              # ClassLabel index into LABELS
    1

Each corpus' labels are mapped to ``support`` / ``oppose`` / ``neutral`` by an explicit table
(``*_LABELS`` below); an unknown label is an error, never a silent default.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path

import datasets

from .errors import DataNotFoundError, InputError
from .io import read_records

LABELS: tuple[str, ...] = ("support", "oppose", "neutral")
LABEL2ID: dict[str, int] = {label: i for i, label in enumerate(LABELS)}

FEATURES = datasets.Features(
    {
        "id": datasets.Value("string"),
        "text": datasets.Value("string"),
        "target": datasets.Value("string"),
        "label": datasets.ClassLabel(names=list(LABELS)),
        "speaker": datasets.Value("string"),
        "source": datasets.Value("string"),
    }
)

DATA_DIR_ENV = "STANCEKIT_DATA_DIR"

# Each corpus' own label -> unified label.
SEMEVAL_LABELS = {"2": "support", "1": "oppose", "0": "neutral"}  # mapping.txt: 0 none, 1 against, 2 favor
SEMEVAL_TARGETS = {
    "abortion": "Legalization of Abortion",
    "atheism": "Atheism",
    "climate": "Climate Change is a Real Concern",
    "feminist": "Feminist Movement",
    "hillary": "Hillary Clinton",
}
VAST_TRAIN_LABELS = {"1": "support", "0": "oppose", "2": "neutral"}  # 0 con, 1 pro, 2 neutral
VAST_REDUCED_LABELS = {"FAVOR": "support", "AGAINST": "oppose", "NONE": "neutral"}
PERSPECTRUM_LABELS = {"SUPPORT": "support", "UNDERMINE": "oppose"}
ARGQ_LABELS = {"1": "support", "-1": "oppose", "0": "neutral"}
EMERGENT_LABELS = {"for": "support", "against": "oppose", "observing": "neutral"}
FNC1_LABELS = {"agree": "support", "disagree": "oppose", "discuss": "neutral"}  # "unrelated" is left out
USER_LABELS = {
    **{label: label for label in LABELS},
    "favor": "support", "favour": "support", "pro": "support", "for": "support", "agree": "support",
    "against": "oppose", "con": "oppose", "disagree": "oppose",
    "none": "neutral", "observing": "neutral", "discuss": "neutral",
}


def resolve_data_dir(path: str | os.PathLike | None = None) -> Path:
    """Resolve the corpora folder: ``path``, else ``$STANCEKIT_DATA_DIR``, else ``../shared/data``."""
    chosen = path or os.environ.get(DATA_DIR_ENV) or Path.cwd().parent / "shared" / "data"
    folder = Path(chosen).expanduser()
    if not folder.is_dir():
        raise DataNotFoundError(
            f"stance corpora folder not found: {folder} (pass data_dir= or set {DATA_DIR_ENV})"
        )
    return folder


def _require(path: Path) -> Path:
    if not path.exists():
        raise DataNotFoundError(f"corpus file not found: {path}")
    return path


def _map_label(mapping: Mapping[str, str], raw: str, path: Path, line: int | None = None) -> str:
    try:
        return mapping[raw.strip()]
    except KeyError:
        raise InputError(
            f"unknown label {raw!r} (expected one of {sorted(mapping)})", path, line
        ) from None


def _dataset(rows: list[dict]) -> datasets.Dataset:
    columns = {name: [row[name] for row in rows] for name in FEATURES}
    columns["label"] = [LABEL2ID[label] for label in columns["label"]]
    return datasets.Dataset.from_dict(columns, features=FEATURES)


def _row(source: str, split: str, index: int, text: str, target: str, label: str, speaker: str = "") -> dict:
    return {
        "id": f"{source}-{split}-{index}",
        "text": text.strip(),
        "target": target.strip(),
        "label": label,
        "speaker": speaker,
        "source": source,
    }


def _read_csv(path: Path, **kwargs) -> list[dict[str, str]]:
    with _require(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, **kwargs))


def load_semeval(folder: Path) -> datasets.DatasetDict:
    """SemEval-2016 Task 6, TweetEval copy: five targets, train/validation/test."""
    splits = {}
    for split, prefix in (("train", "train"), ("validation", "val"), ("test", "test")):
        rows = []
        for name, target in SEMEVAL_TARGETS.items():
            texts_path = _require(folder / name / f"{prefix}_text.txt")
            labels_path = _require(folder / name / f"{prefix}_labels.txt")
            texts = texts_path.read_text(encoding="utf-8").splitlines()
            labels = labels_path.read_text(encoding="utf-8").splitlines()
            if len(texts) != len(labels):
                raise InputError(f"{len(texts)} texts but {len(labels)} labels", texts_path)
            for line, (text, raw) in enumerate(zip(texts, labels), start=1):
                label = _map_label(SEMEVAL_LABELS, raw, labels_path, line)
                rows.append(_row("semeval", split, len(rows), text, target, label))
        splits[split] = _dataset(rows)
    return datasets.DatasetDict(splits)


def _vast_split(path: Path, split: str, text_col: str, target_col: str, label_col: str,
                mapping: Mapping[str, str]) -> tuple[datasets.Dataset, list[int]]:
    rows, seen = [], []
    for line, record in enumerate(_read_csv(path), start=2):
        label = _map_label(mapping, record[label_col], path, line)
        rows.append(_row("vast", split, len(rows), record[text_col], record[target_col], label))
        seen.append(int(record["seen?"]))
    return _dataset(rows), seen


def load_vast(folder: Path) -> datasets.DatasetDict:
    """VAST: original train; dev/test from the reduced third-party copy (see its SOURCE.md).

    The extra column ``seen`` is 1 for few-shot rows (topic seen in training) and 0 for zero-shot.
    """
    reduced = folder / "thirdparty_reduced_dev_test"
    parts = {
        "train": _vast_split(folder / "vast_train.csv", "train", "post", "new_topic", "label",
                             VAST_TRAIN_LABELS),
        "validation": _vast_split(reduced / "vast_dev.csv", "validation", "Tweet", "Target 1",
                                  "Stance 1", VAST_REDUCED_LABELS),
        "test": _vast_split(reduced / "vast_test.csv", "test", "Tweet", "Target 1", "Stance 1",
                            VAST_REDUCED_LABELS),
    }
    return datasets.DatasetDict(
        {split: ds.add_column("seen", seen) for split, (ds, seen) in parts.items()}
    )


def load_perspectrum(folder: Path) -> datasets.DatasetDict:
    """PERSPECTRUM: (claim, perspective) pairs rebuilt from the JSON files, deduplicated."""
    def read(name: str):
        with _require(folder / name).open(encoding="utf-8") as handle:
            return json.load(handle)

    claims = read("perspectrum_with_answers_v1.0.json")
    pool = {p["pId"]: p["text"] for p in read("perspective_pool_v1.0.json")}
    split_of = read("dataset_split_v1.0.json")
    rows: dict[str, list[dict]] = {"train": [], "dev": [], "test": []}
    seen_pairs = set()
    for claim in claims:
        split = split_of[str(claim["cId"])]
        for cluster in claim["perspectives"]:
            label = _map_label(PERSPECTRUM_LABELS, cluster["stance_label_3"], folder / "perspectrum_with_answers_v1.0.json")
            for pid in cluster["pids"]:
                if (claim["cId"], pid) in seen_pairs:
                    continue
                seen_pairs.add((claim["cId"], pid))
                out = rows[split]
                out.append(_row("perspectrum", split, len(out), pool[pid], claim["text"], label))
    return datasets.DatasetDict(
        {"train": _dataset(rows["train"]), "validation": _dataset(rows["dev"]), "test": _dataset(rows["test"])}
    )


def load_argq(folder: Path) -> datasets.DatasetDict:
    """IBM ArgQ-30k: crowd arguments pro/con debate motions; topics disjoint across splits."""
    path = folder / "arg_quality_rank_30k.csv"
    rows: dict[str, list[dict]] = {"train": [], "dev": [], "test": []}
    for line, record in enumerate(_read_csv(path), start=2):
        split = record["set"]
        label = _map_label(ARGQ_LABELS, record["stance_WA"], path, line)
        out = rows[split]
        out.append(_row("argq", split, len(out), record["argument"], record["topic"], label))
    return datasets.DatasetDict(
        {"train": _dataset(rows["train"]), "validation": _dataset(rows["dev"]), "test": _dataset(rows["test"])}
    )


def load_emergent(folder: Path) -> datasets.DatasetDict:
    """Emergent: news headlines for/against/observing a claim; official train/test (no dev)."""
    splits = {}
    for split in ("train", "test"):
        path = folder / f"url-versions-2015-06-14-clean-{split}.csv"
        rows = []
        for line, record in enumerate(_read_csv(path), start=2):
            label = _map_label(EMERGENT_LABELS, record["articleHeadlineStance"], path, line)
            rows.append(_row("emergent", split, len(rows), record["articleHeadline"], record["claimHeadline"], label))
        splits[split] = _dataset(rows)
    return datasets.DatasetDict(splits)


def load_fnc1(folder: Path) -> datasets.DatasetDict:
    """FNC-1 competition test set: headline = target, article body = text; 'unrelated' left out."""
    bodies_path = folder / "competition_test_bodies.csv"
    bodies = {record["Body ID"]: record["articleBody"] for record in _read_csv(bodies_path)}
    path = folder / "competition_test_stances.csv"
    rows = []
    for line, record in enumerate(_read_csv(path), start=2):
        if record["Stance"] == "unrelated":
            continue
        label = _map_label(FNC1_LABELS, record["Stance"], path, line)
        rows.append(_row("fnc1", "test", len(rows), bodies[record["Body ID"]], record["Headline"], label))
    return datasets.DatasetDict({"test": _dataset(rows)})


CORPORA: dict[str, tuple[str, Callable[[Path], datasets.DatasetDict]]] = {
    "semeval": ("semeval2016_tweeteval", load_semeval),
    "vast": ("vast", load_vast),
    "perspectrum": ("perspectrum", load_perspectrum),
    "argq": ("ibm_argq_30k", load_argq),
    "emergent": ("emergent", load_emergent),
    "fnc1": ("fnc1", load_fnc1),
}


def load_corpus(name: str, data_dir: str | os.PathLike | None = None) -> datasets.DatasetDict:
    """Load a named corpus (one of :data:`CORPORA`) or a user's own JSONL/CSV file.

    A path ending in ``.jsonl``/``.json``/``.csv`` is read with :func:`load_user_file` and
    returned as a single ``train`` split.
    """
    if name not in CORPORA:
        if Path(name).suffix.lower() in {".jsonl", ".json", ".csv"}:
            return datasets.DatasetDict({"train": load_user_file(name)})
        raise InputError(f"unknown corpus {name!r}; known corpora: {', '.join(CORPORA)} or a .jsonl/.csv file")
    folder_name, loader = CORPORA[name]
    folder = resolve_data_dir(data_dir) / folder_name
    if not folder.is_dir():
        raise DataNotFoundError(f"corpus folder not found: {folder}")
    return loader(folder)


def load_user_file(path: str | os.PathLike, source: str | None = None, context: str | None = None) -> datasets.Dataset:
    """Read an annotated JSONL/CSV file with ``text``, ``target`` and ``label`` columns.

    Labels may be the unified names or common synonyms (favor/against/none, pro/con, ...).
    Quote records as ``stancekit extract`` writes them, once labelled (``quote`` and
    ``sentence`` instead of ``text``), become the text the classifier reads for that quote
    under ``context`` (:func:`stancekit.predict.record_input`; default ``auto``). Every problem
    (unknown label, empty text, missing target, duplicate id) is reported with its line before
    any training starts.
    """
    from .predict import DEFAULT_CONTEXT, record_input, text_field  # predict builds on this module

    context = context or DEFAULT_CONTEXT
    path = Path(path)
    source = source or path.stem
    rows, ids = [], set()
    for line, record in read_records(path):
        for field in (text_field(record), "target", "label"):
            value = record.get(field)
            if value is None or not str(value).strip():
                raise InputError(f"record has no {field!r} (or it is empty)", path, line)
        label = _map_label(USER_LABELS, str(record["label"]).lower(), path, line)
        row = _row(source, "train", len(rows), record_input(record, context), str(record["target"]), label,
                   str(record.get("speaker") or ""))
        if record.get("id") not in (None, ""):
            row["id"] = str(record["id"])
        if row["id"] in ids:
            raise InputError(f"duplicate id {row['id']!r}", path, line)
        ids.add(row["id"])
        rows.append(row)
    if not rows:
        raise InputError("file holds no records", path)
    return _dataset(rows)


__all__ = ["LABELS", "LABEL2ID", "FEATURES", "CORPORA", "resolve_data_dir", "load_corpus", "load_user_file"]
