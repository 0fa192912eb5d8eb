"""Scale-out batch inference on Ray Data (``pip install "stancekit[ray]"``).

Each Ray worker is an actor that loads the model once and classifies whole batches::

    import ray
    from stancekit.distributed import predict_ray_dataset

    ds = ray.data.read_json("s3://bucket/quotes/")          # rows with "text" (and optional "target")
    out = predict_ray_dataset(ds, target="Carbon tax", concurrency=8)
    out.write_json("s3://bucket/predictions/")

Output rows keep the input columns and add ``label`` and ``score_support`` / ``score_oppose``
/ ``score_neutral``. Rows without a ``target`` column use ``target=``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .data import LABELS
from .model import StanceDetector


class StanceBatchPredictor:
    """A callable class for ``ray.data.Dataset.map_batches``: one model per actor."""

    def __init__(self, model: str = "default", target: str | None = None, batch_size: int = 64):
        self.detector = StanceDetector.from_pretrained(model)
        self.target, self.batch_size = target, batch_size

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        texts = [str(t) for t in batch["text"]]
        if "target" in batch:
            targets = [str(t) if t else self.target for t in batch["target"]]
        else:
            targets = [self.target] * len(texts)
        if any(not t for t in targets):
            raise ValueError("rows without a target: give target= or a 'target' column")
        probabilities = self.detector.predict_proba(texts, targets=targets, batch_size=self.batch_size)
        out = dict(batch)
        out["label"] = np.array([LABELS[i] for i in probabilities.argmax(axis=1)])
        for j, label in enumerate(LABELS):
            out[f"score_{label}"] = probabilities[:, j]
        return out


def predict_ray_dataset(dataset: Any, model: str = "default", target: str | None = None,
                        concurrency: int = 2, batch_size: int = 256, num_cpus: float = 1) -> Any:
    """Classify a ``ray.data.Dataset`` with ``concurrency`` model-holding actors (lazy, like Ray)."""
    return dataset.map_batches(
        StanceBatchPredictor,
        fn_constructor_kwargs={"model": model, "target": target},
        batch_size=batch_size,
        batch_format="numpy",
        concurrency=concurrency,
        num_cpus=num_cpus,
    )
