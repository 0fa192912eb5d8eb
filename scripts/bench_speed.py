"""Throughput and peak memory of stance inference, side by side in one run.

    python scripts/bench_speed.py [--model default] [--n 2400] [--batch-size 64]

On a realistic mix of real statements (SemEval tweets, VAST forum posts, PERSPECTRUM and ArgQ
argument sentences as short quote-like statements; test splits, predicted only), it times:
  (a) transformers ``pipeline("text-classification")`` on the same model and (target, text) pairs,
  (b) ``StanceDetector.predict`` (length-sorted batches, no per-item overhead),
  (c) ``predict`` on ONNX Runtime (graph optimisations), fp32 and dynamically quantized int8
      (``stancekit.exporters.onnx``).
Each runs in a fresh child process so its peak RSS is its own. Prints the ratios and agreement
with the fp32 predictions, and writes results/speed.json.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _command import reproducing_command  # noqa: E402

MIX = [("semeval", 800), ("vast", 600), ("perspectrum", 500), ("argq", 500)]


def statements(n_scale: float) -> tuple[list[str], list[str]]:
    from stancekit import load_corpus

    texts, targets = [], []
    for corpus, n in MIX:
        ds = load_corpus(corpus)["test"].shuffle(seed=0)
        ds = ds.select(range(min(len(ds), int(n * n_scale))))
        texts += ds["text"]
        targets += ds["target"]
    order = random.Random(0).sample(range(len(texts)), len(texts))  # a stream mixes sources
    return [texts[i] for i in order], [targets[i] for i in order]


def _peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM; unlike ru_maxrss it does not carry over exec)."""
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return round(int(line.split()[1]) / 1024, 1)


def _run(method: str, model: str, batch_size: int, n_scale: float, queue) -> None:
    import torch

    from stancekit import StanceDetector

    texts, targets = statements(n_scale)
    if method.startswith("onnx"):
        from stancekit.exporters.onnx import OnnxStanceDetector

        detector = OnnxStanceDetector.from_pretrained(model)
    else:
        detector = StanceDetector.from_pretrained(model)
    if method == "pipeline":
        from transformers import pipeline

        classify = pipeline("text-classification", model=detector.model, tokenizer=detector.tokenizer,
                            device=-1)
        inputs = [{"text": t, "text_pair": x} for x, t in zip(texts, targets)]
        started = time.perf_counter()
        outputs = classify(inputs, batch_size=batch_size, truncation="only_second",
                           max_length=detector.max_length)
        labels = [o["label"] for o in outputs]
    else:
        started = time.perf_counter()
        # Uncalibrated argmax, to compare like with like against the pipeline.
        labels = [detector.model.config.id2label[int(i)]
                  for i in detector.logits(texts, targets, batch_size=batch_size).argmax(1)]
    seconds = time.perf_counter() - started
    queue.put({"method": method, "n": len(texts), "seconds": round(seconds, 2),
               "per_second": round(len(texts) / seconds, 1),
               "peak_rss_mb": _peak_rss_mb(),
               "labels": labels, "threads": torch.get_num_threads()})


def measure(method: str, model: str, batch_size: int, n_scale: float) -> dict:
    context = mp.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_run, args=(method, model, batch_size, n_scale, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="default")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the 2,400-statement mix")
    parser.add_argument("--output", default=str(ROOT / "results" / "speed.json"))
    args = parser.parse_args(argv)

    from stancekit import StanceDetector
    from stancekit.exporters.onnx import export_onnx

    with tempfile.TemporaryDirectory() as tmp:
        detector = StanceDetector.from_pretrained(args.model)
        folders = {"pipeline": args.model, "predict": args.model,
                   "onnx_fp32": str(export_onnx(detector, Path(tmp) / "fp32", quantize=False)),
                   "onnx_int8": str(export_onnx(detector, Path(tmp) / "int8", quantize=True))}
        runs = {m: measure(m, folder, args.batch_size, args.scale) for m, folder in folders.items()}
    reference = runs["predict"]["labels"]
    for name, run in runs.items():
        labels = run.pop("labels")
        run["agreement_with_fp32_predict"] = round(sum(a == b for a, b in zip(labels, reference)) / len(labels), 4)
    base = runs["pipeline"]["per_second"]
    report = {
        "command": reproducing_command(parser, args),
        "model": args.model,
        "batch_size": args.batch_size,
        "machine": f"{platform.processor() or platform.machine()}, {mp.cpu_count()} CPU cores",
        "mix": {corpus: int(n * args.scale) for corpus, n in MIX},
        "runs": runs,
        "speedup_vs_pipeline": {name: round(run["per_second"] / base, 2) for name, run in runs.items()},
    }
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(report, indent=2) + "\n")
    for name, run in runs.items():
        print(f"{name:14s} {run['per_second']:8.1f} statements/s  peak {run['peak_rss_mb']:7.1f} MB  "
              f"x{report['speedup_vs_pipeline'][name]:.2f} vs pipeline  "
              f"agreement {run['agreement_with_fp32_predict']:.4f}")


if __name__ == "__main__":
    main()
