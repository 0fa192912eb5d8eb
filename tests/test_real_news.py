"""The real news sets: our annotations of FNC-1 training bodies, joined with the shared corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def real_news(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    import _real_news

    return _real_news


@pytest.mark.parametrize("name", ["real", "real2", "real3", "real4", "real5", "realdev", "real6", "real7", "real8", "real9", "real10", "real11", "realdev2", "real12", "real13", "real14", "real15", "realdev3", "real16", "real17", "real18", "real19", "real20", "real21", "real22", "real23", "real24", "real25", "train"])
def test_every_annotated_quote_is_a_quotation_in_its_body(real_news, data_dir, tmp_path, name):
    path, _ = real_news.TRAIN_SET if name == "train" else real_news.REAL_SETS[name]
    annotations = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    pairs = real_news.materialize(path, tmp_path, data_dir)
    assert len(pairs) == len(annotations) >= 20
    quotes = 0
    for (article, gold_path), annotation in zip(pairs, annotations):
        text = article.read_text(encoding="utf-8")
        gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
        assert [(g["start"], g["end"], g["speaker"], g["label"]) for g in gold] == [
            (q["start"], q["end"], q["speaker"], q["label"]) for q in annotation["quotes"]]
        for g in gold:
            assert text[g["start"]: g["end"]] == g["quote"] and g["quote"].strip()
            assert text[g["start"] - 1] in real_news.QUOTE_MARKS
            assert text[g["end"]: g["end"] + 1] in ("", "\n", *real_news.QUOTE_MARKS)  # a mark or a paragraph's end
            assert g["target"] == annotation["target"]
        quotes += len(gold)
    assert quotes >= 50
    # offsets only: the corpus' text stays in the shared folder
    assert all(set(q) == {"start", "end", "speaker", "label"} for a in annotations for q in a["quotes"])


def test_each_set_holds_the_bodies_its_seeded_draw_gives(real_news, data_dir):
    drawn = real_news.draw(data_dir)
    for name, (path, _) in real_news.REAL_SETS.items():
        ids = [json.loads(line)["body_id"] for line in path.read_text(encoding="utf-8").splitlines()]
        assert ids == drawn[name], name


def _annotation_file(tmp_path: Path, **change) -> Path:
    line = {"body_id": "433", "target": "the claim that a nun gave birth", "quotes": []} | change
    path = tmp_path / "annotations.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    return path


def test_a_span_that_is_not_between_quotation_marks_is_an_error(real_news, data_dir, tmp_path):
    path = _annotation_file(tmp_path, quotes=[{"start": 10, "end": 40, "speaker": None, "label": "neutral"}])
    with pytest.raises(ValueError, match=r"annotations.jsonl:1: quote 10-40 is not a span between quotation marks"):
        real_news.materialize(path, tmp_path / "out", data_dir)


def test_an_unknown_label_is_an_error(real_news, data_dir, tmp_path):
    ((article, _),) = real_news.materialize(_annotation_file(tmp_path), tmp_path / "out", data_dir)
    body = article.read_text(encoding="utf-8")
    start = next(i + 1 for i, c in enumerate(body) if c in real_news.QUOTE_MARKS)  # the first quotation
    end = next(i for i in range(start, len(body)) if body[i] in real_news.QUOTE_MARKS)
    path = _annotation_file(tmp_path, quotes=[{"start": start, "end": end, "speaker": None, "label": "favour"}])
    with pytest.raises(ValueError, match=r"annotations.jsonl:1: label 'favour' is not one of"):
        real_news.materialize(path, tmp_path / "out", data_dir)


def test_an_unknown_body_is_an_error(real_news, data_dir, tmp_path):
    path = _annotation_file(tmp_path, body_id="no such body")
    with pytest.raises(ValueError, match=r"annotations.jsonl:1: body no such body is not in .*train_bodies.csv"):
        real_news.materialize(path, tmp_path / "out", data_dir)


def test_the_real_sets_share_no_article(real_news):
    body_ids = [{json.loads(line)["body_id"] for line in path.read_text(encoding="utf-8").splitlines()}
                for path, _ in real_news.REAL_SETS.values()]
    assert all(body_ids) and len(set.union(*body_ids)) == sum(len(ids) for ids in body_ids)


def test_the_training_bodies_are_their_selection_and_share_no_story_with_the_real_sets(real_news, data_dir):
    path, _ = real_news.TRAIN_SET
    ids = [json.loads(line)["body_id"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert ids == real_news.training_ids(data_dir) and len(ids) > 100
    measured = {i for drawn in real_news.draw(data_dir).values() for i in drawn}
    assert not measured & set(ids)


def test_training_rows_are_the_classifier_inputs_of_the_labelled_quotes(real_news, data_dir, tmp_path):
    import build_realnews_train

    path, _ = real_news.TRAIN_SET
    annotations = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()][:6]
    sample = tmp_path / "annotations.jsonl"
    sample.write_text("".join(json.dumps(a) + "\n" for a in annotations), encoding="utf-8")
    rows = build_realnews_train.training_rows(sample, tmp_path / "bodies", data_dir)
    expected = [(a["target"], q["label"]) for a in annotations for q in a["quotes"]]
    assert [(r["target"], r["label"]) for r in rows] == expected and len(rows) >= 10
    bodies = {a["body_id"]: (tmp_path / "bodies" / f"fnc1_{a['body_id']}.txt").read_text(encoding="utf-8") for a in annotations}
    quotes = [bodies[a["body_id"]][q["start"]: q["end"]] for a in annotations for q in a["quotes"]]
    for row, quote, annotation in zip(rows, quotes, (a for a in annotations for _ in a["quotes"])):
        # the quote as found (alone, or in its sentence when short): text of its own article, around the gold span
        assert row["text"] in bodies[annotation["body_id"]] or row["text"] == quote
        assert set(row["text"].split()) & set(quote.split())


def test_balanced_rows_have_a_third_of_each_label(real_news):
    import build_realnews_train

    rows = [{"text": f"t{i}", "target": "x", "label": label}
            for i, label in enumerate(["support"] * 7 + ["oppose"] * 2 + ["neutral"] * 3)]
    balanced = build_realnews_train.balanced(rows)
    assert len(balanced) == 12 and all(row in rows for row in balanced)
    assert all(sum(row["label"] == label for row in balanced) == 4 for label in ("support", "oppose", "neutral"))
    assert {row["text"] for row in balanced if row["label"] == "oppose"} == {"t7", "t8"}  # the few are all kept
    assert build_realnews_train.balanced(rows) == balanced  # seeded
