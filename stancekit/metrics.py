"""Named, reusable stance metrics (scikit-learn style: ``metric(y_true, y_pred)``).

Labels are indices into :data:`stancekit.data.LABELS` (support=0, oppose=1, neutral=2).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

from .data import LABEL2ID, LABELS

_ALL = list(range(len(LABELS)))


def macro_f1(y_true: Sequence[int], y_pred: Sequence[int]) -> float:
    """Macro-F1 over the labels present in ``y_true`` (VAST, PERSPECTRUM, ... convention)."""
    present = sorted(set(np.asarray(y_true).tolist()))
    return float(f1_score(y_true, y_pred, labels=present, average="macro", zero_division=0))


def semeval_f_avg(y_true: Sequence[int], y_pred: Sequence[int]) -> float:
    """SemEval-2016 Task 6 official measure: mean of F1(support) and F1(oppose)."""
    labels = [LABEL2ID["support"], LABEL2ID["oppose"]]
    return float(np.mean(f1_score(y_true, y_pred, labels=labels, average=None, zero_division=0)))


def classification_report(y_true: Sequence[int], y_pred: Sequence[int]) -> dict:
    """Accuracy, macro-F1, SemEval F_avg, per-label F1 and the confusion matrix (rows = gold)."""
    per_label = f1_score(y_true, y_pred, labels=_ALL, average=None, zero_division=0)
    return {
        "n": int(len(y_true)),
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "macro_f1": macro_f1(y_true, y_pred),
        "f_avg": semeval_f_avg(y_true, y_pred),
        "f1": {label: float(f) for label, f in zip(LABELS, per_label)},
        "confusion": confusion_matrix(y_true, y_pred, labels=_ALL).tolist(),
    }


def reliability_bins(y_true: Sequence[int], probabilities: np.ndarray, n_bins: int = 15) -> dict:
    """Per-bin count, mean confidence and accuracy of the top label (for reliability diagrams)."""
    probabilities = np.asarray(probabilities)
    confidence = probabilities.max(axis=1)
    correct = probabilities.argmax(axis=1) == np.asarray(y_true)
    bins = np.minimum((confidence * n_bins).astype(int), n_bins - 1)
    count = np.bincount(bins, minlength=n_bins)
    safe = np.maximum(count, 1)
    return {
        "count": count.tolist(),
        "confidence": (np.bincount(bins, weights=confidence, minlength=n_bins) / safe).tolist(),
        "accuracy": (np.bincount(bins, weights=correct, minlength=n_bins) / safe).tolist(),
    }


def expected_calibration_error(y_true: Sequence[int], probabilities: np.ndarray, n_bins: int = 15) -> float:
    """ECE of the top-label confidence with ``n_bins`` equal-width bins (Guo et al., 2017)."""
    bins = reliability_bins(y_true, probabilities, n_bins)
    count = np.asarray(bins["count"])
    gap = np.abs(np.asarray(bins["accuracy"]) - np.asarray(bins["confidence"]))
    return float((count * gap).sum() / max(count.sum(), 1))


CALIBRATION_METHODS = ("temperature", "temperature_bias", "vector", "length_temperature")
REFERENCE_LENGTH = 64  # token count at which a length-aware temperature equals ``temperature``


def evaluation_report(y_true: Sequence[int], probabilities: np.ndarray, n_bins: int = 15) -> dict:
    """:func:`classification_report` of the most likely labels, plus the ``ece`` of the probabilities."""
    probabilities = np.asarray(probabilities)
    return classification_report(y_true, probabilities.argmax(axis=1)) | {
        "ece": expected_calibration_error(y_true, probabilities, n_bins)}


def group_balanced_weights(groups: Sequence[str]) -> np.ndarray:
    """Row weights that give every group (e.g. every dev corpus) the same total weight."""
    _, index, counts = np.unique(np.asarray(groups), return_inverse=True, return_counts=True)
    return 1.0 / counts[index]


def fit_calibration(logits: np.ndarray, y_true: Sequence[int], method: str = "temperature",
                    weights: Sequence[float] | None = None, lengths: Sequence[int] | None = None,
                    steps: int = 200) -> dict:
    """Fit a calibration of dev logits by minimising (optionally weighted) log-loss.

    ``temperature`` divides the logits by one number (corrects over-confidence);
    ``temperature_bias`` adds a per-label bias (corrects a label prior that differs between
    training and use); ``vector`` has one temperature per label as well;
    ``length_temperature`` makes the temperature depend on each pair's token count ``n`` (from
    ``lengths``): ``temperature * (n / 64) ** length_exponent``, since confidence drifts with
    input length across domains. Returns ``{"temperature": float or list, "bias": list}``
    (plus ``length_exponent``) for :func:`stancekit.model.apply_calibration`.
    """
    if method not in CALIBRATION_METHODS:
        raise ValueError(f"method must be one of {CALIBRATION_METHODS}, got {method!r}")
    if method == "length_temperature" and lengths is None:
        raise ValueError("method 'length_temperature' needs the token length of each pair (lengths=)")
    logits_t = torch.tensor(np.asarray(logits), dtype=torch.float64)
    labels_t = torch.tensor(np.asarray(y_true), dtype=torch.long)
    weights_t = torch.ones(len(labels_t), dtype=torch.float64) if weights is None else torch.tensor(
        np.asarray(weights), dtype=torch.float64)
    log_length = torch.zeros(len(labels_t), dtype=torch.float64) if lengths is None else torch.tensor(
        np.log(np.asarray(lengths, dtype=np.float64) / REFERENCE_LENGTH))
    n_labels = logits_t.shape[1]
    log_temperature = torch.zeros(n_labels if method == "vector" else 1, dtype=torch.float64, requires_grad=True)
    bias = torch.zeros(n_labels, dtype=torch.float64, requires_grad=method in ("temperature_bias", "vector"))
    exponent = torch.zeros(1, dtype=torch.float64, requires_grad=method == "length_temperature")
    parameters = [p for p in (log_temperature, bias, exponent) if p.requires_grad]
    optimizer = torch.optim.LBFGS(parameters, lr=0.1, max_iter=steps, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        scale = (log_temperature + exponent * log_length[:, None]).exp()
        losses = torch.nn.functional.cross_entropy(logits_t / scale + bias, labels_t, reduction="none")
        loss = (losses * weights_t).sum() / weights_t.sum()
        loss.backward()
        return loss

    optimizer.step(closure)
    temperature = log_temperature.exp().detach().numpy()
    centred = (bias - bias.mean()).detach().numpy()
    calibration = {"temperature": [float(t) for t in temperature] if method == "vector" else float(temperature[0]),
                   "bias": [float(b) for b in centred]}
    if method == "length_temperature":
        calibration["length_exponent"] = float(exponent.detach()[0])
    return calibration


EVALUATE_METRIC_PATH = str(Path(__file__).parent / "evaluate_metrics" / "stance_f1.py")


def load_evaluate_metric():
    """The stance metric as an ``evaluate`` module (loads offline from the package)."""
    import evaluate

    return evaluate.load(EVALUATE_METRIC_PATH)
