"""Per-speaker summaries (how a speaker's quotes become one stance) and prediction over datasets."""

from __future__ import annotations

import datasets
import numpy as np
import pytest

from stancekit import LABELS, InputError, load_corpus
from stancekit.metrics import macro_f1
from stancekit.predict import predict_dataset, speaker_label, speaker_summary

EVEN = {"support": 0.0, "oppose": 0.0, "neutral": 0.0}


def _record(speaker: str | None, label: str, support: float, oppose: float, neutral: float) -> dict:
    return {"speaker": speaker, "label": label, "scores": {"support": support, "oppose": oppose, "neutral": neutral}}


@pytest.mark.parametrize("labels,majority,stance", [
    (["neutral", "neutral", "oppose"], "neutral", "oppose"),   # a neutral quote states no position
    (["support", "neutral"], "support", "support"),            # tie under majority: higher mean (support first here)
    (["neutral", "neutral"], "neutral", "neutral"),
    (["support", "support", "oppose", "neutral"], "support", "support"),
    (["oppose"], "oppose", "oppose"),
])
def test_speaker_label_rules(labels, majority, stance):
    assert speaker_label(labels, EVEN, "majority") == majority
    assert speaker_label(labels, EVEN, "stance") == stance


def test_ties_go_to_the_higher_mean_score():
    means = {"support": 0.30, "oppose": 0.45, "neutral": 0.25}
    assert speaker_label(["support", "oppose", "neutral"], means, "majority") == "oppose"
    assert speaker_label(["support", "oppose", "neutral"], means, "stance") == "oppose"
    assert speaker_label(["support", "neutral"], {"support": 0.4, "oppose": 0.1, "neutral": 0.5}, "majority") == "neutral"


def test_unknown_rule():
    with pytest.raises(ValueError, match="rule must be one of"):
        speaker_label(["support"], EVEN, "mean")


def test_summary_groups_counts_and_orders_speakers():
    records = [_record("Ana Li", "neutral", 0.1, 0.1, 0.8), _record("Ana Li", "neutral", 0.2, 0.2, 0.6),
               _record("Ana Li", "oppose", 0.1, 0.8, 0.1), _record("Bo Chen", "support", 0.9, 0.05, 0.05),
               _record(None, "oppose", 0.2, 0.7, 0.1)]
    by_rule = {rule: speaker_summary(records, rule) for rule in ("majority", "stance")}
    for rows in by_rule.values():
        assert [(r["speaker"], r["quotes"]) for r in rows] == [("Ana Li", 3), ("Bo Chen", 1), (None, 1)]
        assert rows[0]["scores"] == {"support": 0.1333, "oppose": 0.3667, "neutral": 0.5}
    assert [r["label"] for r in by_rule["majority"]] == ["neutral", "support", "oppose"]
    assert [r["label"] for r in by_rule["stance"]] == ["oppose", "support", "oppose"]


def test_predict_dataset_adds_prediction_and_scores(smoke_detector, data_dir):
    test = load_corpus("semeval", data_dir)["test"].select(range(24))
    scored = predict_dataset(smoke_detector, test, batch_size=8)
    assert scored.column_names == test.column_names + ["prediction", "score_support", "score_oppose", "score_neutral"]
    assert scored.features["prediction"].names == list(LABELS) == scored.features["label"].names
    assert scored["text"] == test["text"] and scored["label"] == test["label"]
    expected = smoke_detector.predict_proba(test["text"], targets=test["target"], batch_size=8)
    scores = np.column_stack([scored[f"score_{label}"] for label in LABELS])
    np.testing.assert_allclose(scores, expected, atol=1e-6)
    assert scored["prediction"] == expected.argmax(axis=1).tolist()
    assert 0.0 <= macro_f1(scored["label"], scored["prediction"]) <= 1.0


def test_predict_dataset_targets_from_column_or_argument(smoke_detector):
    texts = ["We must build the bridge now.", "The bridge is a waste of money."]
    both = datasets.Dataset.from_dict({"text": texts, "target": ["", "Carbon tax"]})
    scored = predict_dataset(smoke_detector, both, target="A new bridge")
    expected = smoke_detector.predict_proba(texts, targets=["A new bridge", "Carbon tax"])
    np.testing.assert_allclose(scored["score_support"], expected[:, 0], atol=1e-6)
    assert scored["target"] == ["", "Carbon tax"]  # the input columns are kept as they were


@pytest.mark.parametrize("columns,target,message", [
    ({"sentence": ["a"]}, "x", "dataset has no 'text' column (it has: sentence)"),
    ({"text": ["fine", "  "]}, "x", "dataset[1]: 'text' is empty"),
    ({"text": ["fine"], "target": [""]}, None, "dataset[0]: no target: give target= or a 'target' column"),
    ({"text": ["fine"], "score_oppose": [0.5]}, "x", "dataset already has a 'score_oppose' column"),
])
def test_predict_dataset_bad_input(smoke_detector, columns, target, message):
    with pytest.raises(InputError) as error:
        predict_dataset(smoke_detector, datasets.Dataset.from_dict(columns), target=target)
    assert message in str(error.value)


def test_news_quotes_are_scored_with_the_quote_calibration(smoke_model_dir):
    from pathlib import Path

    from stancekit import StanceDetector
    from stancekit.predict import classifier_input, predict_article, predict_records

    detector = StanceDetector.from_pretrained(smoke_model_dir)
    detector.calibration = detector.calibration | {"quote_temperature": 3.0}
    target = "High-speed rail between Serena and Kestrel"
    article = (Path(__file__).parent.parent / "examples" / "article.txt").read_text(encoding="utf-8")
    found = predict_article(detector, article, target)
    inputs = [classifier_input(r["quote"], r["sentence"]) for r in found]
    quote_scores = detector.predict_proba(inputs, target=target, quotes=True)
    plain_scores = detector.predict_proba(inputs, target=target)
    assert found and not np.allclose(quote_scores, plain_scores, atol=1e-3)
    np.testing.assert_allclose([[r["scores"][k] for k in LABELS] for r in found], quote_scores, atol=1e-4)
    # records as `stancekit extract` writes them are news quotes; plain text records are not, unless told
    extracted = [("q.jsonl", i, {"quote": r["quote"], "sentence": r["sentence"]}) for i, r in enumerate(found, 1)]
    texts = [("t.jsonl", i, {"text": text}) for i, text in enumerate(inputs, 1)]
    for records, quotes, expected in ((extracted, False, quote_scores), (texts, False, plain_scores),
                                      (texts, True, quote_scores)):
        scored = list(predict_records(detector, records, target, quotes=quotes))
        np.testing.assert_allclose([[r["scores"][k] for k in LABELS] for r in scored], expected, atol=1e-4)
        assert [r["label"] for r in scored] == [r["label"] for r in found]
