"""File formats in one place: quote files in (JSONL, CSV, stdin), predictions out, atomically."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import InputError

RECORD_SUFFIXES = {".jsonl": "jsonl", ".json": "jsonl", ".csv": "csv"}
ARTICLE_SUFFIXES = {".txt"}
STDIN = "-"


def input_kind(path: str | os.PathLike) -> str:
    """``"jsonl"``, ``"csv"`` or ``"article"`` for a path (``-`` is JSONL on stdin)."""
    if str(path) == STDIN:
        return "jsonl"
    suffix = Path(path).suffix.lower()
    if suffix in RECORD_SUFFIXES:
        return RECORD_SUFFIXES[suffix]
    if suffix in ARTICLE_SUFFIXES:
        return "article"
    raise InputError(
        f"unknown file type {suffix or '(no suffix)'!r}: expected .jsonl, .csv, .txt or - for stdin", path
    )


@contextlib.contextmanager
def _open_text(path: str | os.PathLike) -> Iterator[IO[str]]:
    if str(path) == STDIN:
        yield sys.stdin
        return
    try:
        handle = open(path, encoding="utf-8", newline="")
    except FileNotFoundError:
        raise InputError("file not found", path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path) from None
    with handle:
        yield handle


def _decoded_lines(handle: IO[str], path: str | os.PathLike) -> Iterator[tuple[int, str]]:
    line = 0
    try:
        for line, text in enumerate(handle, start=1):
            yield line, text
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", path, line + 1) from None


def read_records(path: str | os.PathLike) -> Iterator[tuple[int, dict]]:
    """Yield ``(line_number, record)`` from a JSONL or CSV file, lazily (constant memory).

    Raises :class:`InputError` naming the file and line for malformed content, and for a
    file that holds no records at all.
    """
    kind = input_kind(path)
    if kind == "article":
        raise InputError("expected a quote file (.jsonl or .csv), got an article", path)
    count = 0
    with _open_text(path) as handle:
        if kind == "jsonl":
            for line, text in _decoded_lines(handle, path):
                if not text.strip():
                    continue
                try:
                    record = json.loads(text)
                except json.JSONDecodeError as err:
                    raise InputError(f"malformed JSON ({err.msg})", path, line) from None
                if not isinstance(record, dict):
                    raise InputError("expected a JSON object", path, line)
                count += 1
                yield line, record
        else:
            lines = _decoded_lines(handle, path)
            reader = csv.DictReader(text for _, text in lines)
            try:
                for record in reader:
                    if None in record:
                        raise InputError("row has more fields than the header", path, reader.line_num)
                    count += 1
                    yield reader.line_num, record
            except csv.Error as err:
                raise InputError(f"malformed CSV ({err})", path, reader.line_num) from None
            if reader.fieldnames is not None and "text" not in reader.fieldnames:
                raise InputError(f"CSV has no 'text' column (columns: {', '.join(map(repr, reader.fieldnames))})",
                             path, 1)
    if count == 0:
        raise InputError("file is empty: no records", path)


def read_article(path: str | os.PathLike) -> str:
    """Read an article as UTF-8 text; binary or non-UTF-8 files raise :class:`InputError`."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path) from None
    if b"\x00" in raw:
        raise InputError("binary file, not a text article", path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", path, line) from None


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike | None) -> Iterator[IO[str]]:
    """Write to ``path`` through a temporary file renamed into place only on success.

    ``None`` or ``-`` writes to stdout. A failure leaves no partial file behind.
    """
    if path is None or str(path) == STDIN:
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as err:
        raise InputError(f"cannot write output ({err.strerror})", path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(tmp_name, target)
    except BaseException:
        os.unlink(tmp_name)
        raise


class RecordWriter:
    """Write prediction records as JSONL, CSV or an aligned text table."""

    def __init__(self, handle: IO[str], fmt: str = "jsonl"):
        if fmt not in {"jsonl", "csv", "table"}:
            raise ValueError(f"unknown output format {fmt!r}")
        self.handle, self.fmt = handle, fmt
        self._csv: csv.DictWriter | None = None
        self._table_rows: list[dict] = []

    def write(self, record: dict) -> None:
        if self.fmt == "jsonl":
            self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            flat = {k: json.dumps(v) if isinstance(v, (dict, list)) else v for k, v in record.items()}
            if self._csv is None:
                self._csv = csv.DictWriter(self.handle, fieldnames=list(flat), extrasaction="ignore")
                self._csv.writeheader()
            self._csv.writerow(flat)
        else:
            self._table_rows.append(record)

    def close(self) -> None:
        if self.fmt == "table":
            self.handle.write(format_table(self._table_rows))


def _shorten(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(records: list[dict], text_width: int = 60) -> str:
    """A readable fixed-width table of predictions (speaker, label, scores[, quotes][, text]).

    A record whose ``speaker`` is empty or None (a quote nobody is named for) shows
    ``(unattributed)``; records without a ``speaker`` field leave the cell blank.
    """
    from .data import LABELS

    has_count = any("quotes" in r for r in records)
    has_text = any(r.get("text") or r.get("quote") for r in records)
    header = ["speaker", "label", *LABELS] + ["quotes"] * has_count + ["text"] * has_text
    rows = [
        [
            _shorten(r.get("speaker") or ("(unattributed)" if "speaker" in r else ""), 24),
            r["label"],
            *(f"{r['scores'][label]:.2f}" for label in LABELS),
            *([str(r.get("quotes", ""))] * has_count),
            *([_shorten(r.get("text") or r.get("quote") or "", text_width)] * has_text),
        ]
        for r in records
    ]
    return fixed_width(header, rows)


def fixed_width(header: list[str], rows: list[list[str]]) -> str:
    """Rows of cells as left-aligned columns two spaces apart, under a header line."""
    widths = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in [header, *rows]]
    return "\n".join(lines) + "\n"
