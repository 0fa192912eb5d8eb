"""Per-speaker summaries: how a speaker's quotes become one stance."""

from __future__ import annotations

import pytest

from stancekit.predict import speaker_label, speaker_summary

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
