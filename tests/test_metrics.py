"""Metrics against hand-computed values, and the offline `evaluate` module."""

from __future__ import annotations

import numpy as np
import pytest

from stancekit.metrics import (
    classification_report,
    expected_calibration_error,
    group_balanced_weights,
    load_evaluate_metric,
    macro_f1,
    semeval_f_avg,
)

S, O, N = 0, 1, 2


def test_semeval_f_avg_ignores_neutral_f1():
    y_true = [S, S, O, O, N, N]
    y_pred = [S, O, O, O, N, S]
    # F1(support) = 2*0.5*0.5/(1) = 0.5 ; F1(oppose) = 2*(2/3)*1/(5/3) = 0.8
    assert semeval_f_avg(y_true, y_pred) == pytest.approx((0.5 + 0.8) / 2)


def test_macro_f1_over_labels_present_in_gold():
    # PERSPECTRUM/ArgQ have no neutral gold: a neutral prediction is an error, not a third class.
    assert macro_f1([S, O, S, O], [S, O, N, O]) == pytest.approx((2 / 3 + 1.0) / 2)


def test_report_confusion_rows_are_gold():
    report = classification_report([S, O, N], [O, O, N])
    assert report["confusion"] == [[0, 1, 0], [0, 1, 0], [0, 0, 1]]
    assert report["accuracy"] == pytest.approx(2 / 3)


def test_ece_by_hand():
    probabilities = np.array([[0.9, 0.05, 0.05], [0.6, 0.3, 0.1], [0.2, 0.7, 0.1]])
    assert expected_calibration_error([S, O, O], probabilities) == pytest.approx((0.1 + 0.6 + 0.3) / 3)
    perfect = np.eye(3)[[S, O, N]]
    assert expected_calibration_error([S, O, N], perfect) == 0.0


def test_evaluate_module_loads_offline_and_agrees():
    metric = load_evaluate_metric()
    result = metric.compute(predictions=[S, O, O, O, N, S], references=[S, S, O, O, N, N])
    assert result["f_avg"] == pytest.approx(0.65)
    assert result["accuracy"] == pytest.approx(4 / 6)


def test_group_balanced_weights_give_each_group_the_same_total():
    weights = group_balanced_weights(["vast", "vast", "vast", "argq", "vast"])
    assert weights.tolist() == pytest.approx([0.25, 0.25, 0.25, 1.0, 0.25])
