"""Prediction over records, datasets and articles: validation, chunked streaming, per-speaker summaries.

The CLI is a thin layer over these functions; research code can call them directly::

    >>> from stancekit import StanceDetector
    >>> from stancekit.predict import predict_article, speaker_summary
    >>> records = predict_article(StanceDetector.from_pretrained(), article_text, "Syria's readmission to the Arab League")
    >>> speaker_summary(records)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

import datasets
import numpy as np

from .data import LABELS
from .errors import InputError
from .model import StanceDetector

CONTEXT_MODES = ("auto", "quote", "sentence")
# Chosen on our dev articles (scripts/eval_articles.py) for the shipped model: "auto" 70 of 107
# quotes right vs 64 with the sentence and 66 with the quote alone (the MiniLM default before it
# did best with the sentence; averaging the quote's and the sentence's scores got 65:
# results/experiments.md).
DEFAULT_CONTEXT = "auto"
SHORT_QUOTE_WORDS = 8  # under ``auto``, quotes shorter than this are classified with their sentence
SPEAKER_RULES = ("majority", "stance")
# Chosen on our dev articles (scripts/eval_articles.py): "majority" gets 41 of 56 named speakers'
# stances right, "stance" 40 (results/experiments.md, session 11).
DEFAULT_SPEAKER_RULE = "majority"
OUTPUT_FIELDS = ("label", "scores")  # what predict_records adds to each record
PREDICTION_COLUMNS = ("prediction", *(f"score_{label}" for label in LABELS))


def _scores(row: np.ndarray) -> dict[str, float]:
    return {label: round(float(p), 4) for label, p in zip(LABELS, row)}


def _label(row: np.ndarray) -> str:
    return LABELS[int(row.argmax())]


def _validated(path: str, line: int | None, record: dict, default_target: str | None,
               where_targets: str = "--target or a 'target' field in each record",
               context: str = DEFAULT_CONTEXT) -> tuple[str, str]:
    """The classifier's ``(text, target)`` for a record: its ``text``, or for a quote record
    (``quote`` and ``sentence`` fields, as ``stancekit extract`` writes them) the quote with the
    sentence as ``context`` says (:func:`classifier_input`)."""
    field = text_field(record)
    text = record.get(field)
    if text is None:
        raise InputError("record has no 'text' field (or 'quote', for extracted quotes)", path, line)
    if not isinstance(text, str):
        raise InputError(f"'{field}' must be a string, got {type(text).__name__}", path, line)
    if not text.strip():
        raise InputError(f"'{field}' is empty", path, line)
    target = record.get("target") or default_target
    if not target or not str(target).strip():
        raise InputError(f"no target: give {where_targets}", path, line)
    return record_input(record, context), str(target)


def text_field(record: dict) -> str:
    """The field that holds a record's statement: ``text``, or ``quote`` in a quote record as
    ``stancekit extract`` writes it."""
    return "text" if "text" in record or "quote" not in record else "quote"


def record_input(record: dict, context: str = DEFAULT_CONTEXT) -> str:
    """What the classifier reads for a record: its ``text``, or its quote with the sentence as
    ``context`` says (:func:`classifier_input`)."""
    if text_field(record) == "text":
        return str(record["text"])
    return classifier_input(str(record["quote"]), str(record.get("sentence") or record["quote"]), context)


def predict_records(
    detector: StanceDetector,
    records: Iterable[tuple[str, int, dict]],
    target: str | None = None,
    batch_size: int = 64,
    chunk_size: int = 2048,
    context: str = DEFAULT_CONTEXT,
    quotes: bool = False,
) -> Iterator[dict]:
    """Classify ``(path, line, record)`` triples lazily, ``chunk_size`` at a time, in input order.

    Each output record is the input record plus ``label`` and ``scores``; an input's own
    ``label`` or ``scores`` (a gold annotation, say) is kept as ``input_label`` /
    ``input_scores``. A per-record ``target`` overrides ``target``. A record with ``quote`` (and
    ``sentence``) instead of ``text``, as ``stancekit extract`` writes, is classified like an
    article's quote under ``context``, with the news-quote calibration; ``quotes=True`` gives
    every record that calibration. Memory stays constant whatever the number of records.
    """
    if context not in CONTEXT_MODES:
        raise ValueError(f"context must be one of {CONTEXT_MODES}, got {context!r}")
    iterator = iter(records)
    while chunk := list(islice(iterator, chunk_size)):
        pairs = [_validated(path, line, record, target, context=context) for path, line, record in chunk]
        texts, targets = zip(*pairs)
        news = [quotes or text_field(record) == "quote" for _, _, record in chunk]
        probabilities = detector.predict_proba(list(texts), targets=list(targets), batch_size=batch_size, quotes=news)
        for (_, _, record), (_, record_target), row in zip(chunk, pairs, probabilities):
            kept = {f"input_{key}": record[key] for key in OUTPUT_FIELDS if key in record}
            yield {**record, **kept, "target": record_target, "label": _label(row), "scores": _scores(row)}


def predict_dataset(
    detector: StanceDetector,
    dataset: datasets.Dataset,
    target: str | None = None,
    batch_size: int = 64,
    show_progress: bool = False,
    quotes: bool = False,
) -> datasets.Dataset:
    """``dataset`` with the model's stance added as columns: ``prediction`` (a ``ClassLabel`` with
    the names in :data:`LABELS`, so it compares directly with a corpus' gold ``label``) and
    ``score_support`` / ``score_oppose`` / ``score_neutral`` (calibrated probabilities).

    Reads the ``text`` column and, where there is one, the ``target`` column; ``target`` serves
    rows without one; ``quotes=True`` scores the rows as news quotes (see
    :meth:`StanceDetector.predict_proba`). A row with no text or no target raises an
    :class:`InputError` naming it::

        >>> test = load_corpus("semeval")["test"]
        >>> scored = predict_dataset(detector, test)
        >>> semeval_f_avg(scored["label"], scored["prediction"])
    """
    if "text" not in dataset.column_names:
        raise InputError(f"dataset has no 'text' column (it has: {', '.join(dataset.column_names) or 'none'})")
    taken = [column for column in PREDICTION_COLUMNS if column in dataset.column_names]
    if taken:
        raise InputError(f"dataset already has a '{taken[0]}' column; remove or rename it first")
    row_targets = dataset["target"] if "target" in dataset.column_names else [None] * len(dataset)
    pairs = [_validated(f"dataset[{row}]", None, {"text": text, "target": row_target}, target,
                        where_targets="target= or a 'target' column")
             for row, (text, row_target) in enumerate(zip(dataset["text"], row_targets))]
    texts, targets = zip(*pairs) if pairs else ((), ())
    probabilities = detector.predict_proba(list(texts), targets=list(targets), batch_size=batch_size,
                                           show_progress=show_progress, quotes=quotes)
    scored = dataset.add_column("prediction", probabilities.argmax(axis=1).tolist(),
                                feature=datasets.ClassLabel(names=list(LABELS)))
    for column, scores in zip(PREDICTION_COLUMNS[1:], probabilities.T):
        scored = scored.add_column(column, scores.tolist(), feature=datasets.Value("float32"))
    return scored


def classifier_input(quote: str, sentence: str, context: str = "auto") -> str:
    """The text the classifier sees for a quote: the quote itself or its sentence.

    A short partial quote ("unfair to the Syrian nation") means little alone, so under
    ``auto`` quotes under :data:`SHORT_QUOTE_WORDS` words are classified with their sentence.
    """
    if context not in CONTEXT_MODES:
        raise ValueError(f"context must be one of {CONTEXT_MODES}, got {context!r}")
    if context == "sentence" or (context == "auto" and len(quote.split()) < SHORT_QUOTE_WORDS):
        return sentence or quote
    return quote


def predict_article(
    detector: StanceDetector,
    text: str,
    target: str,
    article: str = "",
    context: str = DEFAULT_CONTEXT,
    batch_size: int = 64,
) -> list[dict]:
    """Extract the quotes of an article and classify each toward ``target`` (scores under the
    model's news-quote calibration).

    Returns one record per quote: ``article``, ``quote``, ``speaker``, ``start``, ``end``,
    ``sentence``, ``target``, ``label`` and ``scores``.
    """
    from .quotes import extract_quotes

    quotes = extract_quotes(text)
    if not quotes:
        return []
    inputs = [classifier_input(q.text, q.sentence, context) for q in quotes]
    probabilities = detector.predict_proba(inputs, target=target, batch_size=batch_size, quotes=True)
    return [
        {"article": article, **quote.to_dict(), "target": target, "label": _label(row), "scores": _scores(row)}
        for quote, row in zip(quotes, probabilities)
    ]


def speaker_label(labels: Sequence[str], mean_scores: dict[str, float], rule: str = DEFAULT_SPEAKER_RULE) -> str:
    """One speaker's stance from their quotes' labels.

    ``"majority"``: the commonest label. ``"stance"``: a neutral quote states no position, so the
    commonest of the support and oppose labels, and neutral only when there is neither. Ties go
    to the label with the higher mean score.
    """
    if rule not in SPEAKER_RULES:
        raise ValueError(f"rule must be one of {SPEAKER_RULES}, got {rule!r}")
    votes = Counter(labels)
    candidates = [label for label in LABELS if label != "neutral" and votes[label]] if rule == "stance" else []
    return max(candidates or LABELS, key=lambda label: (votes[label], mean_scores[label]))


def speaker_summary(records: Sequence[dict], rule: str = DEFAULT_SPEAKER_RULE) -> list[dict]:
    """One row per speaker: number of quotes, stance (see :func:`speaker_label`) and mean scores,
    most quoted first. Quotes without a speaker are grouped under ``speaker=None``.
    """
    groups: dict[str | None, list[dict]] = defaultdict(list)
    for record in records:
        groups[record.get("speaker") or None].append(record)
    rows = []
    for speaker, quotes in groups.items():
        mean = {label: round(float(np.mean([q["scores"][label] for q in quotes])), 4) for label in LABELS}
        label = speaker_label([q["label"] for q in quotes], mean, rule)
        rows.append({"speaker": speaker, "quotes": len(quotes), "label": label, "scores": mean})
    return sorted(rows, key=lambda row: (-row["quotes"], row["speaker"] or "\uffff"))

