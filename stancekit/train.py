"""Fine-tune a stance model with the Hugging Face ``Trainer``, driven by a YAML config.

    stancekit train --config configs/default.yaml --output runs/default

The config file mirrors :class:`TrainConfig`; ``stancekit train --print-config`` shows every
field with its default. The output folder ends up holding the best checkpoint (by macro-F1 on
the dev split) as a plain transformers model, its calibration, and ``train_summary.json``.
"""

from __future__ import annotations

import dataclasses
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import datasets
import numpy as np
import torch
import yaml
from transformers import AutoTokenizer, DataCollatorWithPadding, Trainer, TrainingArguments, set_seed

from .data import LABELS, load_corpus
from .errors import InputError, StanceKitError
from .metrics import CALIBRATION_METHODS, classification_report, fit_calibration, group_balanced_weights
from .model import ADAPTER_CONFIG, StanceDetector, adapter_base, load_adapter, model_folder, save_adapter_config


@dataclass
class CorpusSpec:
    """One training corpus: a name from :data:`stancekit.data.CORPORA` or a JSONL/CSV path."""

    name: str
    max_train_rows: int | None = None  # random subset of the train split (seeded); None = all
    # skip this many rows of that seeded shuffle first: a later stage then takes rows an
    # earlier stage with the same seed and corpus did not see
    skip_train_rows: int = 0
    max_eval_rows: int | None = None  # random subset of the validation split used as dev


@dataclass
class TrainConfig:
    """Every setting of a training run; a YAML file with these keys fills it."""

    base_model: str = "minilm"
    corpora: list[CorpusSpec] = field(default_factory=lambda: [CorpusSpec("semeval")])
    data_dir: str | None = None  # corpora folder; None = $STANCEKIT_DATA_DIR or ../shared/data
    max_length: int = 128
    epochs: float = 2.0
    max_steps: int = -1  # > 0 stops after this many optimisation steps (smoke tests)
    learning_rate: float = 5e-5
    batch_size: int = 32
    eval_batch_size: int = 64
    warmup_ratio: float = 0.1
    weight_decay: float = 0.01
    seed: int = 42  # draws the corpus samples and dev rows, and (unless train_seed) the training's randomness
    # seed of the training alone (new weights, dropout, batch order); None = seed. Runs that
    # differ only in train_seed see the same training rows and are scored on the same dev rows.
    train_seed: int | None = None
    class_weighting: str = "none"  # "none" or "balanced" (inverse label frequency in train)
    # train only the top N encoder layers and the head (embeddings and lower layers frozen);
    # None = fine-tune everything. Cheaper steps, and a smaller delta over the base encoder.
    trainable_layers: int | None = None
    # train LoRA adapters of this rank on every linear layer of the encoder (and the head in full);
    # None = no LoRA. The run folder gets the merged model and, under adapter/, a small folder
    # (adapter, config, tokenizer) that from_pretrained rebuilds on the installed base encoder.
    lora_rank: int | None = None
    # continue training the LoRA adapter of an earlier run (its adapter/ folder, or "default"):
    # a second stage that still ships as one small adapter; its base must be base_model
    init_adapter: str | None = None
    save_steps: int | None = None  # checkpoint (and evaluate) every N steps; None = every epoch
    dev_fraction: float = 0.1  # held out of train when no corpus has a validation split
    calibrate: bool = True  # fit a calibration on dev after training
    # "temperature", "temperature_bias", "vector" or "length_temperature" (the temperature
    # depends on the pair's token count); fitted with every dev corpus weighing the same.
    # Which carries over best to unseen corpora: scripts/calibration_study.py
    calibration_method: str = "temperature"

    def __post_init__(self) -> None:
        self.corpora = [c if isinstance(c, CorpusSpec) else CorpusSpec(**c) for c in self.corpora]
        if self.class_weighting not in {"none", "balanced"}:
            raise InputError(f"class_weighting must be 'none' or 'balanced', got {self.class_weighting!r}")
        if self.calibration_method not in CALIBRATION_METHODS:
            raise InputError(f"calibration_method must be one of {', '.join(CALIBRATION_METHODS)}, "
                             f"got {self.calibration_method!r}")
        if not self.corpora:
            raise InputError("config lists no corpora")
        if self.trainable_layers is not None and self.trainable_layers < 0:
            raise InputError(f"trainable_layers must be 0 or more, got {self.trainable_layers}")
        if self.lora_rank is not None and self.lora_rank < 1:
            raise InputError(f"lora_rank must be 1 or more, got {self.lora_rank}")
        if self.init_adapter is not None and (self.lora_rank, self.trainable_layers) != (None, None):
            raise InputError("init_adapter brings its own LoRA rank: do not also set lora_rank or trainable_layers")
        if any(c.skip_train_rows < 0 for c in self.corpora):
            raise InputError("skip_train_rows must be 0 or more")

    @property
    def training_seed(self) -> int:
        """The seed of the training's randomness: ``train_seed``, or ``seed`` when it is None."""
        return self.seed if self.train_seed is None else self.train_seed

    @property
    def trains_adapter(self) -> bool:
        """Whether the run trains a LoRA adapter (a new one or ``init_adapter``'s)."""
        return self.lora_rank is not None or self.init_adapter is not None

    @classmethod
    def from_yaml(cls, path: str | Path) -> "TrainConfig":
        path = Path(path)
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except FileNotFoundError:
            raise InputError("config file not found", path) from None
        except yaml.YAMLError as err:
            line = getattr(getattr(err, "problem_mark", None), "line", None)
            raise InputError(f"malformed YAML ({getattr(err, 'problem', err)})", path,
                             None if line is None else line + 1) from None
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise InputError(f"unknown config keys {unknown}; known keys: {sorted(known)}", path)
        try:
            return cls(**raw)
        except TypeError as err:
            raise InputError(f"bad config ({err})", path) from None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def build_datasets(config: TrainConfig) -> tuple[datasets.Dataset, datasets.Dataset]:
    """The training mix and the dev set described by ``config`` (unified schema)."""
    train_parts, dev_parts = [], []
    for spec in config.corpora:
        corpus = load_corpus(spec.name, config.data_dir)
        if "train" not in corpus:
            raise InputError(f"corpus {spec.name!r} has no train split (evaluation only)")
        train = corpus["train"]
        if spec.skip_train_rows or (spec.max_train_rows is not None and spec.max_train_rows < len(train)):
            end = len(train) if spec.max_train_rows is None else spec.skip_train_rows + spec.max_train_rows
            if spec.skip_train_rows >= len(train):
                raise InputError(f"corpus {spec.name!r}: skip_train_rows {spec.skip_train_rows} leaves none "
                                 f"of its {len(train)} train rows")
            train = train.shuffle(seed=config.seed).select(range(spec.skip_train_rows, min(end, len(train))))
        train_parts.append(train.select_columns(list(_COLUMNS)))
        if "validation" in corpus:
            dev = corpus["validation"]
            if spec.max_eval_rows is not None and spec.max_eval_rows < len(dev):
                dev = dev.shuffle(seed=config.seed).select(range(spec.max_eval_rows))
            dev_parts.append(dev.select_columns(list(_COLUMNS)))
    train = datasets.concatenate_datasets(train_parts)
    if dev_parts:
        return train, datasets.concatenate_datasets(dev_parts)
    split = train.train_test_split(test_size=config.dev_fraction, seed=config.seed)
    return split["train"], split["test"]


def trained_dev_split(model: str | Path) -> tuple[TrainConfig, datasets.Dataset]:
    """The config a trained model (folder or ``"default"``) was trained with, and the dev split
    it was chosen and calibrated on, rebuilt from its ``train_summary.json``."""
    path = model_folder(model) / "train_summary.json"
    if not path.is_file():
        raise InputError("not found (the dev split is rebuilt from the training config in it)", path)
    config = TrainConfig(**json.loads(path.read_text())["config"])
    return config, build_datasets(config)[1]


_COLUMNS = ("id", "text", "target", "label", "speaker", "source")


def _class_weights(labels: list[int]) -> torch.Tensor:
    counts = np.bincount(labels, minlength=len(LABELS)).astype(np.float64)
    weights = np.where(counts > 0, counts.sum() / (len(LABELS) * np.maximum(counts, 1)), 0.0)
    return torch.tensor(weights, dtype=torch.float32)


class _StanceTrainer(Trainer):
    """``Trainer`` with an optional class-weighted cross-entropy loss."""

    def __init__(self, *args, class_weights: torch.Tensor | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.class_weights = class_weights

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        labels = inputs.pop("labels")
        outputs = model(**inputs)
        weight = None if self.class_weights is None else self.class_weights.to(outputs.logits.device)
        loss = torch.nn.functional.cross_entropy(outputs.logits, labels, weight=weight)
        return (loss, outputs) if return_outputs else loss


def _with_lora(model, rank: int):
    from peft import LoraConfig, TaskType, get_peft_model

    lora = LoraConfig(task_type=TaskType.SEQ_CLS, r=rank, lora_alpha=2 * rank, lora_dropout=0.1,
                      target_modules="all-linear")
    return get_peft_model(model, lora)


def _continued_lora(init_adapter: str, base_model: str) -> StanceDetector:
    """The model of an earlier LoRA run on ``base_model``, its adapter (and head) still trainable."""
    path = model_folder(init_adapter)
    if not (path / ADAPTER_CONFIG).is_file():
        raise InputError(f"init_adapter: no LoRA adapter ({ADAPTER_CONFIG}) found", path)
    trained_on = adapter_base(path)
    if trained_on != base_model:
        raise InputError(f"init_adapter was trained on {trained_on!r}, not base_model {base_model!r}", path)
    return StanceDetector(load_adapter(path, trainable=True), AutoTokenizer.from_pretrained(path))


def _compute_metrics(eval_pred) -> dict[str, float]:
    logits, labels = eval_pred
    report = classification_report(labels, np.asarray(logits).argmax(axis=1))
    return {"macro_f1": report["macro_f1"], "accuracy": report["accuracy"]}


def _last_complete_checkpoint(folder: Path) -> str | None:
    """The newest checkpoint whose save finished (a run killed mid-save leaves a partial one)."""
    complete = [p for p in folder.glob("checkpoint-*") if (p / "trainer_state.json").is_file()]
    return str(max(complete, key=lambda p: int(p.name.rsplit("-", 1)[1]))) if complete else None


def calibrate(detector: StanceDetector, dev: datasets.Dataset, method: str | None = "temperature",
              batch_size: int = 64) -> dict[str, Any]:
    """Fit ``detector.calibration`` on a labelled dev set (every ``source`` weighing the same).

    Returns the dev reports before (``dev_uncalibrated``) and, unless ``method`` is None, after
    calibration (``dev_calibrated``) together with the fitted ``calibration``.
    """
    logits, lengths = detector.logits_with_lengths(dev["text"], dev["target"], batch_size)
    labels = np.asarray(dev["label"])
    report: dict[str, Any] = {"dev_uncalibrated": classification_report(labels, logits.argmax(axis=1))}
    if method is not None:
        detector.calibration = fit_calibration(logits, labels, method=method, lengths=lengths,
                                               weights=group_balanced_weights(dev["source"]))
        report["calibration"] = detector.calibration
        calibrated = detector.calibrated_probabilities(logits, lengths)
        report["dev_calibrated"] = classification_report(labels, calibrated.argmax(axis=1))
    return report


def train(config: TrainConfig, output_dir: str | Path, resume: bool = False) -> StanceDetector:
    """Train, keep the best dev checkpoint, calibrate on dev and save into ``output_dir``."""
    output_dir = Path(output_dir)
    checkpoints = output_dir / "checkpoints"
    last_checkpoint = _last_complete_checkpoint(checkpoints) if resume else None
    if resume and last_checkpoint is None:
        raise StanceKitError(f"--resume: no checkpoint found under {checkpoints}")

    set_seed(config.training_seed)
    train_data, dev_data = build_datasets(config)
    if config.init_adapter is not None:
        detector = _continued_lora(config.init_adapter, config.base_model)
    else:
        detector = StanceDetector.from_base(config.base_model)
    detector.max_length = config.max_length
    if config.trainable_layers is not None:
        detector.freeze_encoder(keep_top_layers=config.trainable_layers)
    if config.lora_rank is not None:
        detector.model = _with_lora(detector.model, config.lora_rank)

    def tokenize(batch):
        return detector.encode(batch["text"], batch["target"])

    removable = [c for c in train_data.column_names if c != "label"]
    train_tok = train_data.map(tokenize, batched=True, remove_columns=removable, desc="tokenize train")
    dev_tok = dev_data.map(tokenize, batched=True, remove_columns=removable, desc="tokenize dev")
    train_tok = train_tok.rename_column("label", "labels")
    dev_tok = dev_tok.rename_column("label", "labels")

    strategy = "steps" if config.save_steps else "epoch"
    args = TrainingArguments(
        output_dir=str(checkpoints),
        num_train_epochs=config.epochs,
        max_steps=config.max_steps,
        learning_rate=config.learning_rate,
        per_device_train_batch_size=config.batch_size,
        per_device_eval_batch_size=config.eval_batch_size,
        warmup_steps=config.warmup_ratio,
        weight_decay=config.weight_decay,
        seed=config.training_seed,
        data_seed=config.training_seed,
        eval_strategy=strategy,
        save_strategy=strategy,
        eval_steps=config.save_steps,
        save_steps=config.save_steps,
        save_total_limit=2,
        load_best_model_at_end=True,
        metric_for_best_model="macro_f1",
        greater_is_better=True,
        train_sampling_strategy="group_by_length",
        logging_steps=50,
        report_to="none",
        use_cpu=not torch.cuda.is_available(),
        dataloader_num_workers=0,
    )
    trainer = _StanceTrainer(
        model=detector.model,
        args=args,
        train_dataset=train_tok,
        eval_dataset=dev_tok,
        processing_class=detector.tokenizer,
        data_collator=DataCollatorWithPadding(detector.tokenizer),
        compute_metrics=_compute_metrics,
        class_weights=_class_weights(train_data["label"]) if config.class_weighting == "balanced" else None,
    )
    started = time.time()
    trainer.train(resume_from_checkpoint=last_checkpoint)
    train_seconds = time.time() - started

    model = trainer.model
    if config.trains_adapter:
        for adapter_config in model.peft_config.values():  # peft re-appends the head's names on every load
            if adapter_config.modules_to_save:
                adapter_config.modules_to_save = list(dict.fromkeys(adapter_config.modules_to_save))
        if trainer.is_world_process_zero():
            model.save_pretrained(output_dir / "adapter")
        model = model.merge_and_unload()
    detector = StanceDetector(model, detector.tokenizer)
    summary: dict[str, Any] = {
        "config": config.to_dict(),
        "train_rows": len(train_data),
        "dev_rows": len(dev_data),
        "train_seconds": round(train_seconds, 1),
    }
    summary.update(calibrate(detector, dev_data, config.calibration_method if config.calibrate else None,
                             config.eval_batch_size))
    if trainer.is_world_process_zero():
        detector.save_pretrained(output_dir)
        if config.trains_adapter:
            save_adapter_config(detector, output_dir / "adapter", config.base_model)
        (output_dir / "train_summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    return detector
