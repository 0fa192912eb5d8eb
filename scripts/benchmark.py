"""Score stance models against baselines and published numbers on the standard test splits.

    python scripts/benchmark.py                       # full run (about 30-40 min on 2 CPU cores)
    python scripts/benchmark.py --quick               # 100 rows per test set, small baselines
    python scripts/benchmark.py --models default runs/other_model

Baselines (majority, TF-IDF + SVM / logistic regression, frozen MiniLM embeddings + logistic
regression) are fitted in the same run on the stance-corpora mix of
configs/experiments/minilm_stage1.yaml (23,654 pairs: more corpora rows than the default model
saw); ``tfidf_svm_in_domain`` is fitted on each corpus' own train
split instead (the classic per-dataset setup). Writes results/benchmark.json, results/benchmark.md and
results/confusion_<model>_<benchmark>.png. Test splits are only ever predicted, never fitted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _command import reproducing_command  # noqa: E402

from stancekit import LABELS, StanceDetector, load_corpus  # noqa: E402
from stancekit.baselines import FrozenEncoderBaseline, MajorityBaseline, TfidfBaseline  # noqa: E402
from stancekit.metrics import (  # noqa: E402
    classification_report,
    expected_calibration_error,
    load_evaluate_metric,
    macro_f1,
    reliability_bins,
    semeval_f_avg,
)
from stancekit.model import softmax  # noqa: E402
from stancekit.train import TrainConfig, build_datasets  # noqa: E402

# (benchmark, corpus, split, headline metric)
BENCHMARKS = [
    ("semeval", "semeval", "test", "f_avg"),
    ("vast", "vast", "test", "macro_f1"),
    ("perspectrum", "perspectrum", "test", "macro_f1"),
    ("argq", "argq", "test", "macro_f1"),
    ("emergent", "emergent", "test", "macro_f1"),
    ("fnc1", "fnc1", "test", "macro_f1"),
]

# Quoted from the papers / leaderboards, not re-run here.
PUBLISHED = [
    ("TimeLMs-2021 (TweetEval leaderboard)", {"semeval": 0.729}),
    ("BERTweet (TweetEval leaderboard)", {"semeval": 0.712}),
    ("RoBERTa-base (TweetEval leaderboard)", {"semeval": 0.680}),
    ("SVM (TweetEval leaderboard)", {"semeval": 0.673}),
    ("Best SemEval-2016 system (MITRE)", {"semeval": 0.678}),
    ("TGA-Net (Allaway & McKeown 2020)", {"vast": 0.665}),
    ("TATA, zero-shot (Hanley & Durumeric 2023)", {"vast_zero_shot": 0.771}),
]

COLUMNS = [("semeval", "SemEval F_avg"), ("vast", "VAST macro-F1"), ("vast_zero_shot", "VAST zero-shot"),
           ("vast_few_shot", "VAST few-shot"), ("perspectrum", "PERSPECTRUM"), ("argq", "ArgQ"),
           ("emergent", "Emergent"), ("fnc1", "FNC-1")]


def load_test_sets(data_dir: str | None, limit: int | None, split: str = "test") -> dict:
    """The benchmark splits, or with ``split="validation"`` the dev splits of the corpora that have one."""
    tests = {}
    for name, corpus, test_split, _ in BENCHMARKS:
        splits = load_corpus(corpus, data_dir)
        wanted = test_split if split == "test" else split
        if split != "test" and wanted not in splits:
            continue
        ds = splits[wanted]
        if limit is not None and limit < len(ds):
            ds = ds.shuffle(seed=0).select(range(limit))
        tests[name] = ds
    return tests


def score(name: str, ds, predictions: np.ndarray) -> dict:
    """Headline and detailed metrics of one benchmark."""
    y = np.asarray(ds["label"])
    result = {"report": classification_report(y, predictions)}
    result["headline"] = result["report"]["f_avg" if name == "semeval" else "macro_f1"]
    if name == "semeval":
        targets = np.asarray(ds["target"])
        result["per_target_f_avg"] = {t: semeval_f_avg(y[targets == t], predictions[targets == t])
                                      for t in sorted(set(ds["target"]))}
    if name == "vast":
        seen = np.asarray(ds["seen"])
        result["zero_shot"] = macro_f1(y[seen == 0], predictions[seen == 0])
        result["few_shot"] = macro_f1(y[seen == 1], predictions[seen == 1])
    return result


def headline_row(results: dict) -> dict:
    row = {name: r["headline"] for name, r in results.items()}
    if "vast" in results:
        row["vast_zero_shot"] = results["vast"]["zero_shot"]
        row["vast_few_shot"] = results["vast"]["few_shot"]
    return row


def run_baselines(train, tests: dict) -> dict:
    baselines = {
        "majority": MajorityBaseline(),
        "tfidf_svm": TfidfBaseline("svm"),
        "tfidf_logreg": TfidfBaseline("logreg"),
        "frozen_minilm_logreg": FrozenEncoderBaseline("minilm"),
    }
    out = {}
    for name, model in baselines.items():
        started = time.time()
        model.fit(train["text"], train["target"], train["label"])
        results = {b: score(b, ds, model.predict(ds["text"], ds["target"])) for b, ds in tests.items()}
        out[name] = {"results": results, "row": headline_row(results), "seconds": round(time.time() - started, 1)}
        print(f"{name}: {fmt_row(out[name]['row'])} ({out[name]['seconds']} s)", flush=True)
    return out


def run_in_domain_svm(data_dir: str | None, tests: dict, train_limit: int | None) -> dict:
    """TF-IDF + linear SVM fitted on each benchmark corpus' own train split (the classic setup)."""
    results, started = {}, time.time()
    for bench, corpus, _, _ in BENCHMARKS:
        splits = load_corpus(corpus, data_dir)
        if "train" not in splits:
            continue
        train = splits["train"]
        if train_limit is not None and train_limit < len(train):
            train = train.shuffle(seed=0).select(range(train_limit))
        model = TfidfBaseline("svm").fit(train["text"], train["target"], train["label"])
        ds = tests[bench]
        results[bench] = score(bench, ds, model.predict(ds["text"], ds["target"]))
    entry = {"results": results, "row": headline_row(results), "seconds": round(time.time() - started, 1)}
    print(f"tfidf_svm_in_domain: {fmt_row(entry['row'])} ({entry['seconds']} s)", flush=True)
    return entry


def load_detector(model_name: str) -> StanceDetector:
    """A stancekit model folder or name; a folder with ``model.onnx`` runs on ONNX Runtime."""
    if (Path(model_name) / "model.onnx").is_file():
        from stancekit.exporters.onnx import OnnxStanceDetector

        return OnnxStanceDetector.from_pretrained(model_name)
    return StanceDetector.from_pretrained(model_name)


def run_model(model_name: str, tests: dict, results_dir: Path, plot: bool) -> dict:
    detector = load_detector(model_name)
    metric = load_evaluate_metric()
    results, calibration = {}, {}
    started = time.time()
    for bench, ds in tests.items():
        logits, lengths = detector.logits_with_lengths(ds["text"], ds["target"], batch_size=64)
        raw = softmax(logits)
        calibrated = detector.calibrated_probabilities(logits, lengths)
        predictions = calibrated.argmax(1)
        results[bench] = score(bench, ds, predictions)
        results[bench]["evaluate"] = metric.compute(predictions=predictions.tolist(), references=ds["label"])
        calibration[bench] = {
            "ece_uncalibrated": expected_calibration_error(ds["label"], raw),
            "ece_calibrated": expected_calibration_error(ds["label"], calibrated),
            "reliability_uncalibrated": reliability_bins(ds["label"], raw),
            "reliability_calibrated": reliability_bins(ds["label"], calibrated),
        }
        if plot:
            plot_confusion(results[bench]["report"]["confusion"], f"{model_name} on {bench}",
                           results_dir / f"confusion_{Path(model_name).name}_{bench}.png")
    row = headline_row(results)
    print(f"{model_name}: {fmt_row(row)}", flush=True)
    return {"results": results, "row": row, "calibration": calibration,
            "dev_calibration": detector.calibration, "seconds": round(time.time() - started, 1)}


def plot_confusion(matrix: list[list[int]], title: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(3.6, 3.2))
    ax.imshow(np.asarray(matrix), cmap="Blues")
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            ax.text(j, i, str(value), ha="center", va="center", fontsize=8)
    ax.set_xticks(range(3), LABELS, fontsize=8)
    ax.set_yticks(range(3), LABELS, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(title, fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def fmt_row(row: dict) -> str:
    return "  ".join(f"{key}={row[key]:.3f}" for key, _ in COLUMNS if key in row)


def markdown(report: dict) -> str:
    header = "| model | " + " | ".join(title for _, title in COLUMNS) + " |"
    lines = [header, "|" + "---|" * (len(COLUMNS) + 1)]

    def line(name: str, row: dict) -> str:
        cells = [f"{row[key]:.3f}" if key in row else "–" for key, _ in COLUMNS]
        return f"| {name} | " + " | ".join(cells) + " |"

    for name, entry in report["models"].items():
        lines.append(line(f"**{name}** (fine-tuned)", entry["row"]))
    for name, entry in report["baselines"].items():
        lines.append(line(f"{name} (baseline)", entry["row"]))
    for name, row in PUBLISHED:
        lines.append(line(f"{name} — *quoted, not re-run*", row))
    lines += ["", "Calibration (expected calibration error, 15 bins, top label):", "",
              "| model | benchmark | ECE before | ECE after the model's dev-fitted calibration |", "|---|---|---|---|"]
    for name, entry in report["models"].items():
        for bench, cal in entry["calibration"].items():
            lines.append(f"| {name} | {bench} | {cal['ece_uncalibrated']:.3f} | {cal['ece_calibrated']:.3f} |")
    lines += ["", f"Command: `{report['command']}` ({report['seconds']:.0f} s on this machine; "
              f"rows per test set: {report['test_rows']})."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", nargs="+", default=["default"], help="fine-tuned models to score")
    parser.add_argument("--config", default=str(ROOT / "configs" / "experiments" / "minilm_stage1.yaml"),
                        help="training config whose data mix the baselines are fitted on")
    parser.add_argument("--data-dir", help="corpora folder (default: $STANCEKIT_DATA_DIR)")
    parser.add_argument("--quick", action="store_true", help="100 rows per test set, 1,000 training rows")
    parser.add_argument("--results-dir", default=str(ROOT / "results"))
    args = parser.parse_args(argv)

    started = time.time()
    results_dir = Path(args.results_dir)
    results_dir.mkdir(parents=True, exist_ok=True)
    tests = load_test_sets(args.data_dir, 100 if args.quick else None)
    config = TrainConfig.from_yaml(args.config)
    config.data_dir = args.data_dir or config.data_dir
    train, _ = build_datasets(config)
    if args.quick:
        train = train.shuffle(seed=0).select(range(1000))
    report = {
        "models": {name: run_model(name, tests, results_dir, plot=not args.quick) for name in args.models},
        "baselines": {**run_baselines(train, tests),
                      "tfidf_svm_in_domain": run_in_domain_svm(args.data_dir, tests, 1000 if args.quick else None)},
        "published": dict(PUBLISHED),
        "train_rows": len(train),
        "test_rows": {name: len(ds) for name, ds in tests.items()},
        "command": reproducing_command(parser, args),
    }
    report["seconds"] = round(time.time() - started, 1)
    stem = "benchmark_quick" if args.quick else "benchmark"
    (results_dir / f"{stem}.json").write_text(json.dumps(report, indent=2) + "\n")
    (results_dir / f"{stem}.md").write_text(markdown(report))
    print(markdown(report))


if __name__ == "__main__":
    main()
