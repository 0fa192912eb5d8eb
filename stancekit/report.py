"""A self-contained HTML stance report: each article with its quotes highlighted in their stance
colour, stance per speaker, and the model that made the predictions.

>>> from stancekit import StanceDetector
>>> from stancekit.report import render
>>> html = render({"article.txt": text}, "Syria's readmission to the Arab League", StanceDetector.from_pretrained())

The page has no script and loads nothing: inline CSS only, and a Content-Security-Policy that
forbids anything else. Article text is sliced at the quote offsets and every piece is escaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import jinja2

from . import __version__
from .data import LABELS
from .model import StanceDetector
from .predict import predict_article, speaker_summary

_BLANK_LINE = re.compile(r"\n\s*\n")
_LINE_BREAK = re.compile(r"\n")
_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("stancekit", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

_Piece = tuple[str, dict | None]


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph: blocks between blank lines, or lines if there are none."""
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    bounds = [0]
    for match in separator.finditer(text):
        bounds += match.span()
    bounds.append(len(text))
    return [(start, end) for start, end in zip(bounds[::2], bounds[1::2]) if text[start:end].strip()]


def _paragraphs(text: str, records: Sequence[dict]) -> list[list[_Piece]]:
    """Each paragraph as ``(text, record)`` pieces, ``record`` being the quote the piece is part of.

    Pieces are plain slices of ``text`` at the quote offsets (``None`` between quotes); the
    template escapes each one. A quote that crosses a paragraph break is cut in two.
    """
    quotes = sorted(records, key=lambda record: record["start"])
    paragraphs = []
    for start, end in _paragraph_spans(text):
        pieces: list[_Piece] = []
        cursor = start
        for quote in quotes:
            quote_start, quote_end = max(quote["start"], cursor), min(quote["end"], end)
            if quote_start < quote_end:
                pieces += [(text[cursor:quote_start], None), (text[quote_start:quote_end], quote)]
                cursor = quote_end
        pieces.append((text[cursor:end], None))
        paragraphs.append([piece for piece in pieces if piece[0]])
    return paragraphs


def _model_scores(folder: str) -> list[dict]:
    """The evaluation reports in a model folder's ``train_summary.json``, as ``{split, ...report}``.

    ``dev_uncalibrated`` is left out when ``dev_calibrated`` (what the model predicts with) is
    there. A folder without a readable summary has no scores.
    """
    path = Path(folder) / "train_summary.json"
    if not folder or not path.is_file():
        return []
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    reports = {key: value for key, value in summary.items() if isinstance(value, dict) and "macro_f1" in value}
    if "dev_calibrated" in reports:
        del reports["dev_uncalibrated"]
    return [{"split": key.replace("_", " "), **report} for key, report in reports.items()]


def render(articles: Mapping[str, str], target: str, detector: StanceDetector, model_name: str = "default") -> str:
    """One self-contained HTML page reporting the stance of every quote in ``articles`` toward ``target``.

    ``articles`` maps an article's name to its text. Each article is shown with its quotes
    highlighted in their stance colour (speaker and scores beside each quote), with a table of
    stance per speaker; with several articles the table covers them all, and each article has
    its own. ``model_name`` is how the page names the model.
    """
    if not articles:
        raise ValueError("no articles to report")
    sections, all_records = [], []
    for number, (name, text) in enumerate(articles.items(), start=1):
        records = predict_article(detector, text, target, article=name)
        sections.append({
            "id": f"article-{number}",
            "name": name,
            "quotes": len(records),
            "paragraphs": _paragraphs(text, records),
            "speakers": speaker_summary(records),
        })
        all_records += records
    model = {"name": model_name, "scores": _model_scores(detector.model.config.name_or_path)}
    return _TEMPLATES.get_template("report.html.j2").render(
        target=target,
        labels=LABELS,
        model=model,
        version=__version__,
        articles=sections,
        speakers=speaker_summary(all_records),
    )
