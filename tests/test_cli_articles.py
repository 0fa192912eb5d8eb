"""The CLI on raw articles: extract, predict with speakers, by-speaker summary, and bad articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "article.txt"
TARGET = "High-speed rail between Serena and Kestrel"


def test_extract_writes_quote_records(tmp_path, cli):
    out = tmp_path / "quotes.jsonl"
    code, _, _ = cli(["extract", ARTICLE, "--target", TARGET, "-o", out])
    assert code == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    text = ARTICLE.read_text()
    assert len(records) >= 5
    for record in records:
        assert set(record) == {"article", "quote", "speaker", "start", "end", "sentence", "target"}
        assert text[record["start"]:record["end"]] == record["quote"] and record["article"] == "article.txt"
    assert {"Elena Marchetti", "Tomas Brandt", "Ingrid Solberg", "Piet Van der Berg"} <= {r["speaker"] for r in records}
    assert "Connecting the Coast" not in {r["quote"] for r in records}  # a report title is not a statement


@pytest.mark.parametrize("context", ["auto", "sentence"])
def test_extracted_quote_file_predicts_like_the_article(tmp_path, smoke_model_dir, cli, context):
    """extract -> predict on its quote file gives each quote the label and scores predict gives it
    in the article (same context mode), with the extract fields kept."""
    quotes = tmp_path / "quotes.jsonl"
    assert cli(["extract", ARTICLE, "-t", TARGET, "-o", quotes])[0] == 0
    code, from_file, err = cli(["predict", quotes, "-m", smoke_model_dir, "--context", context])
    assert code == 0, err
    code, from_article, _ = cli(["predict", ARTICLE, "-t", TARGET, "-m", smoke_model_dir, "--context", context])
    assert code == 0
    file_records = [json.loads(line) for line in from_file.splitlines()]
    article_records = [json.loads(line) for line in from_article.splitlines()]
    assert [(r["quote"], r["speaker"], r["label"], r["scores"]) for r in file_records] == \
        [(r["quote"], r["speaker"], r["label"], r["scores"]) for r in article_records]
    assert all({"article", "start", "end", "sentence"} <= set(r) for r in file_records)


def test_gold_quote_records_without_a_sentence_are_classified_alone(tmp_path, smoke_model_dir, smoke_detector, cli):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"quote": "unfair to the farmers", "speaker": "Ana Li", "label": "oppose"}\n'
                    '{"quote": "   "}\n')
    code, _, err = cli(["predict", path, "-t", TARGET, "-m", smoke_model_dir])
    assert code == 2 and f"{path}:2: 'quote' is empty" in err
    path.write_text('{"quote": "unfair to the farmers", "speaker": "Ana Li", "label": "oppose"}\n')
    code, out, _ = cli(["predict", path, "-t", TARGET, "-m", smoke_model_dir])
    record = json.loads(out)
    expected = smoke_detector.predict(["unfair to the farmers"], target=TARGET)[0]
    assert code == 0 and record["scores"] == pytest.approx(expected.scores, abs=1e-4) and record["label"] == expected.label


def test_predict_article_then_by_speaker(smoke_model_dir, cli):
    code, out, _ = cli(["predict", ARTICLE, "-t", TARGET, "-m", smoke_model_dir])
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert all(r["label"] in {"support", "oppose", "neutral"} and r["target"] == TARGET for r in records)
    code, out, _ = cli(["predict", ARTICLE, "-t", TARGET, "-m", smoke_model_dir, "--by-speaker"])
    summary = [json.loads(line) for line in out.splitlines()]
    by_name = {row["speaker"]: row for row in summary}
    assert sum(row["quotes"] for row in summary) == len(records)
    assert by_name["Elena Marchetti"]["quotes"] == sum(r["speaker"] == "Elena Marchetti" for r in records)


def test_article_table_has_speaker_summary(smoke_model_dir, cli):
    code, out, _ = cli(["predict", ARTICLE, "-t", TARGET, "-m", smoke_model_dir, "--format", "table"])
    assert code == 0 and "\nby speaker\n" in out and "Tomas Brandt" in out


def test_table_names_unattributed_quotes(tmp_path, smoke_model_dir, cli):
    path = tmp_path / "unnamed.txt"
    path.write_text("“The rail line will wreck the valley and nobody asked us,” one resident said.\n"
                    "“The line will cut the journey to under an hour for every commuter,” said Elena Marchetti.\n")
    code, out, _ = cli(["predict", path, "-t", TARGET, "-m", smoke_model_dir, "--format", "table"])
    quotes, summary = out.split("\nby speaker\n")
    assert code == 0 and "(unattributed)" in quotes and "(unattributed)" in summary and "Elena Marchetti" in summary
    code, out, _ = cli(["predict", path, "-t", TARGET, "-m", smoke_model_dir, "--by-speaker"])
    assert None in {json.loads(line)["speaker"] for line in out.splitlines()}  # JSON keeps null


def test_article_needs_a_target(smoke_model_dir, cli):
    code, _, err = cli(["predict", ARTICLE, "-m", smoke_model_dir])
    assert code == 2 and "--target is required for articles" in err


def test_article_without_quotes_says_so_and_exits_0(tmp_path, smoke_model_dir, cli):
    path = tmp_path / "plain.txt"
    path.write_text("The council met on Tuesday. The budget was approved.\n")
    code, out, err = cli(["predict", path, "-t", TARGET, "-m", smoke_model_dir])
    assert code == 0 and out == "" and "plain.txt: no quotes found" in err
    code, out, err = cli(["extract", path])
    assert code == 0 and out == "" and "no quotes found" in err


@pytest.mark.parametrize("content,message", [
    (b"", "no quotes found"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not a text article"),
    ("caf\xe9 \"quoted\" said Ana".encode("latin-1"), "not UTF-8 text"),
])
def test_bad_articles(tmp_path, cli, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    out = tmp_path / "out.jsonl"
    code, _, err = cli(["extract", path, "-o", out])
    assert message in err and err.count("\n") == 1
    if message == "no quotes found":
        assert code == 0 and out.read_text() == ""
    else:
        assert code == 2 and not out.exists()


def test_unbalanced_quotes_warn_but_extract(tmp_path, cli):
    path = tmp_path / "open.txt"
    path.write_text("“We will never accept these terms, said union leader Ana Ruiz on Monday.\n")
    with pytest.warns(UserWarning, match="nbalanced|unclosed|quotation"):
        code, out, _ = cli(["extract", path])
    assert code == 0 and json.loads(out.splitlines()[0])["quote"].startswith("We will never accept")
