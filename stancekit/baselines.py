"""Reference baselines with the scikit-learn interface (``fit(texts, targets, y)`` / ``predict``).

- :class:`MajorityBaseline`: always the most frequent training label.
- :class:`TfidfBaseline`: word 1-2 and char 2-5 gram TF-IDF of "target || text", then a linear
  SVM or logistic regression (class-balanced).
- :class:`FrozenEncoderBaseline`: mean-pooled sentence embeddings of the packaged encoder for
  target and text, combined as ``[u, v, u*v, |u-v|]``, then logistic regression.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, make_pipeline
from sklearn.svm import LinearSVC
from transformers import AutoModel, AutoTokenizer

from .model import resolve_base_model


def _pair_text(texts: Sequence[str], targets: Sequence[str]) -> list[str]:
    return [f"{target} || {text}" for text, target in zip(texts, targets)]


class MajorityBaseline:
    """Predicts the most frequent label seen in training."""

    def fit(self, texts: Sequence[str], targets: Sequence[str], y: Sequence[int]) -> "MajorityBaseline":
        self.label_ = int(np.bincount(np.asarray(y)).argmax())
        return self

    def predict(self, texts: Sequence[str], targets: Sequence[str]) -> np.ndarray:
        return np.full(len(texts), self.label_)


class TfidfBaseline:
    """TF-IDF n-grams of the target-prefixed text with a linear classifier (``svm`` or ``logreg``)."""

    def __init__(self, classifier: str = "svm"):
        self.classifier = classifier

    def fit(self, texts: Sequence[str], targets: Sequence[str], y: Sequence[int]) -> "TfidfBaseline":
        features = FeatureUnion([
            ("word", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)),
        ])
        if self.classifier == "svm":
            model = LinearSVC(C=0.5, class_weight="balanced")
        else:
            model = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")
        self.pipeline_ = make_pipeline(features, model).fit(_pair_text(texts, targets), y)
        return self

    def predict(self, texts: Sequence[str], targets: Sequence[str]) -> np.ndarray:
        return self.pipeline_.predict(_pair_text(texts, targets))


class FrozenEncoderBaseline:
    """Logistic regression on frozen sentence embeddings of target and text."""

    def __init__(self, base_model: str = "minilm", max_length: int = 128, batch_size: int = 64):
        self.base_model, self.max_length, self.batch_size = base_model, max_length, batch_size
        path = resolve_base_model(base_model)
        self._tokenizer = AutoTokenizer.from_pretrained(path)
        self._encoder = AutoModel.from_pretrained(path).eval()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Mean-pooled, L2-normalised embeddings (length-sorted batches, input order kept)."""
        order = np.argsort([len(t) for t in texts], kind="stable")
        out = np.zeros((len(texts), self._encoder.config.hidden_size), dtype=np.float32)
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                idx = order[start : start + self.batch_size]
                batch = self._tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                                        max_length=self.max_length, return_tensors="pt")
                hidden = self._encoder(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).float()
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1)
                out[idx] = torch.nn.functional.normalize(pooled, dim=-1).numpy()
        return out

    def _features(self, texts: Sequence[str], targets: Sequence[str]) -> np.ndarray:
        unique_targets = sorted(set(targets))
        target_vectors = dict(zip(unique_targets, self.embed(unique_targets)))
        u = np.stack([target_vectors[t] for t in targets])
        v = self.embed(list(texts))
        return np.hstack([u, v, u * v, np.abs(u - v)])

    def fit(self, texts: Sequence[str], targets: Sequence[str], y: Sequence[int]) -> "FrozenEncoderBaseline":
        self.classifier_ = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
        self.classifier_.fit(self._features(texts, targets), y)
        return self

    def predict(self, texts: Sequence[str], targets: Sequence[str]) -> np.ndarray:
        return self.classifier_.predict(self._features(texts, targets))
