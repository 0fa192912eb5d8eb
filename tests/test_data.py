"""Loaders of the shared corpora: splits, counts, label mapping, schema and errors."""

from __future__ import annotations

import json

from collections import Counter

import pytest

from stancekit import LABELS, DataNotFoundError, InputError, load_corpus, load_user_file
from stancekit.data import FEATURES, resolve_data_dir

# (corpus, split) -> (rows, Counter of unified labels), from each corpus' SOURCE.md
EXPECTED = {
    ("semeval", "train"): (2620, None),
    ("semeval", "validation"): (294, None),
    ("semeval", "test"): (1249, {"neutral": 45 + 28 + 35 + 44 + 78, "oppose": 189 + 160 + 11 + 183 + 172,
                                 "support": 46 + 32 + 123 + 58 + 45}),
    ("vast", "train"): (13477, {"oppose": 5595, "support": 5327, "neutral": 2555}),
    ("vast", "validation"): (2062, {"oppose": 684, "support": 681, "neutral": 697}),
    ("vast", "test"): (3006, {"oppose": 1018, "support": 944, "neutral": 1044}),
    ("perspectrum", "train"): (6963, {"support": 3594, "oppose": 3369}),
    ("perspectrum", "validation"): (2070, {"support": 1047, "oppose": 1023}),
    ("perspectrum", "test"): (2772, {"support": 1471, "oppose": 1301}),
    ("argq", "train"): (20974, {"support": 10648, "oppose": 10326}),
    ("argq", "validation"): (3208, {"support": 1622, "oppose": 1586}),
    ("argq", "test"): (6315, {"support": 3178, "oppose": 3137}),
    ("emergent", "train"): (2071, {"support": 992, "oppose": 304, "neutral": 775}),
    ("emergent", "test"): (524, {"support": 246, "oppose": 91, "neutral": 187}),
    ("fnc1", "test"): (1903 + 697 + 4464, {"support": 1903, "oppose": 697, "neutral": 4464}),
}


@pytest.fixture(scope="module")
def corpora(data_dir):
    return {name: load_corpus(name, data_dir) for name in {name for name, _ in EXPECTED}}


@pytest.mark.parametrize("corpus,split", sorted(EXPECTED))
def test_counts_and_label_mapping(corpora, corpus, split):
    rows, labels = EXPECTED[(corpus, split)]
    ds = corpora[corpus][split]
    assert len(ds) == rows
    if labels is not None:
        names = ds.features["label"].names
        assert Counter(names[i] for i in ds["label"]) == labels


@pytest.mark.parametrize("corpus", ["semeval", "vast", "perspectrum", "argq", "emergent", "fnc1"])
def test_unified_schema(corpora, corpus):
    for split, ds in corpora[corpus].items():
        for column, feature in FEATURES.items():
            assert ds.features[column] == feature, (corpus, split, column)
        assert ds.features["label"].names == list(LABELS) == ["support", "oppose", "neutral"]
        assert len(set(ds["id"])) == len(ds)
        assert set(ds["source"]) == {corpus}
        sample = ds.select(range(min(len(ds), 200)))
        assert all(t.strip() for t in sample["text"]) and all(t.strip() for t in sample["target"])


def test_semeval_first_rows_keep_file_order_and_targets(corpora, data_dir):
    train = corpora["semeval"]["train"]
    first_text = (data_dir / "semeval2016_tweeteval/abortion/train_text.txt").read_text().splitlines()[0]
    first_label = (data_dir / "semeval2016_tweeteval/abortion/train_labels.txt").read_text().splitlines()[0]
    assert train[0]["text"] == first_text.strip()
    assert train[0]["target"] == "Legalization of Abortion"
    assert LABELS[train[0]["label"]] == {"0": "neutral", "1": "oppose", "2": "support"}[first_label]
    assert set(train["target"]) == {"Legalization of Abortion", "Atheism", "Climate Change is a Real Concern",
                                    "Feminist Movement", "Hillary Clinton"}


def test_vast_marks_zero_and_few_shot(corpora):
    test = corpora["vast"]["test"]
    assert Counter(test["seen"]) == {0: 1460, 1: 1546}


def test_splits_are_the_corpus_own(corpora):
    argq = corpora["argq"]
    assert not set(argq["train"]["target"]) & set(argq["test"]["target"])
    emergent = corpora["emergent"]
    assert set(emergent) == {"train", "test"}
    assert not set(emergent["train"]["target"]) & set(emergent["test"]["target"])


def test_missing_folder_names_the_path(tmp_path, monkeypatch):
    missing = tmp_path / "nowhere"
    with pytest.raises(DataNotFoundError, match="nowhere"):
        load_corpus("semeval", missing)
    monkeypatch.setenv("STANCEKIT_DATA_DIR", str(missing))
    with pytest.raises(DataNotFoundError, match="STANCEKIT_DATA_DIR"):
        resolve_data_dir()


def test_missing_file_names_the_path(tmp_path):
    (tmp_path / "emergent").mkdir()
    with pytest.raises(DataNotFoundError, match="url-versions-2015-06-14-clean-train.csv"):
        load_corpus("emergent", tmp_path)


def test_env_var_is_the_fallback(monkeypatch, data_dir):
    monkeypatch.setenv("STANCEKIT_DATA_DIR", str(data_dir))
    assert len(load_corpus("emergent")["test"]) == 524


def test_unknown_corpus():
    with pytest.raises(InputError, match="unknown corpus"):
        load_corpus("imdb")


def test_user_file_with_label_synonyms(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text('{"text": "Yes!", "target": "Tax", "label": "FAVOR"}\n'
                    '{"text": "No.", "target": "Tax", "label": "con", "speaker": "Ana"}\n'
                    '{"text": "Maybe", "target": "Tax", "label": "neutral", "id": "x7"}\n')
    ds = load_user_file(path)
    assert [LABELS[i] for i in ds["label"]] == ["support", "oppose", "neutral"]
    assert ds["speaker"] == ["", "Ana", ""] and ds["id"][2] == "x7" and set(ds["source"]) == {"mine"}
    csv_path = tmp_path / "mine.csv"
    csv_path.write_text("text,target,label\nGreat idea,Tax,support\n")
    assert load_corpus(str(csv_path))["train"][0]["text"] == "Great idea"


def test_user_file_of_labelled_quote_records_reads_them_as_predict_does(tmp_path):
    sentence = "The minister called the plan “unfair to farmers” on Monday."
    long_quote = "We will not sign a treaty that our fishers have never been allowed to read"
    path = tmp_path / "annotated.jsonl"  # stancekit extract's fields, plus a label
    path.write_text(json.dumps({"quote": "unfair to farmers", "sentence": sentence, "speaker": "Ana", "target": "T",
                                "label": "oppose", "start": 0, "end": 1}) + "\n"
                    + json.dumps({"quote": long_quote, "sentence": f"“{long_quote},” she said.", "target": "T",
                                  "label": "against"}) + "\n")
    auto = load_user_file(path)
    assert auto["text"] == [sentence, long_quote]  # under 8 words: with its sentence
    assert load_user_file(path, context="quote")["text"] == ["unfair to farmers", long_quote]
    assert [LABELS[i] for i in auto["label"]] == ["oppose", "oppose"] and auto["speaker"] == ["Ana", ""]
    path.write_text('{"quote": "  ", "target": "T", "label": "support"}\n')
    with pytest.raises(InputError, match="annotated.jsonl:1: record has no 'quote'"):
        load_user_file(path)


@pytest.mark.parametrize("line,problem", [
    ('{"text": "a", "target": "T", "label": "maybe"}', "unknown label 'maybe'"),
    ('{"text": " ", "target": "T", "label": "support"}', "no 'text'"),
    ('{"text": "a", "label": "support"}', "no 'target'"),
    ('{"text": "a", "target": "T", "label": "support", "id": "1"}', "duplicate id '1'"),
])
def test_user_file_problems_name_the_line(tmp_path, line, problem):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok", "target": "T", "label": "support", "id": "1"}\n' + line + "\n")
    with pytest.raises(InputError) as err:
        load_user_file(path)
    assert "bad.jsonl:2: " in str(err.value) and problem in str(err.value)
