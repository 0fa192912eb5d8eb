"""Peak memory of streaming prediction as the input grows.

    python scripts/bench_streaming.py --lines 10000 1000000

Writes JSONL files of the given sizes (real PERSPECTRUM/ArgQ test statements, repeated), runs
``stancekit predict FILE -o OUT`` on each in a child process, and records its peak RSS
(VmHWM) and rate in results/streaming.json. Constant memory means the peaks stay flat.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _command import reproducing_command  # noqa: E402


def write_input(path: Path, lines: int) -> None:
    from stancekit import load_corpus

    pool = load_corpus("perspectrum")["test"]
    rows = [{"id": str(i), "text": t, "target": g} for i, (t, g) in enumerate(zip(pool["text"], pool["target"]))]
    with path.open("w", encoding="utf-8") as handle:
        for i, row in enumerate(islice(cycle(rows), lines)):
            handle.write(json.dumps({**row, "id": str(i)}) + "\n")


def _hwm_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            line = next(line for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return None
    return int(line.split()[1]) / 1024


def run(path: Path, out: Path, model: str) -> dict:
    """Run ``stancekit predict`` and follow its peak RSS (VmHWM, polled until it exits)."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "stancekit", "predict", str(path), "-m", model, "-o", str(out)])
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, _hwm_mb(process.pid) or 0.0)
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"stancekit predict failed on {path} (exit {process.returncode})")
    lines = sum(1 for _ in out.open())
    return {"lines": lines, "seconds": round(seconds, 1), "per_second": round(lines / seconds, 1),
            "peak_rss_mb": round(peak, 1)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, nargs="+", default=[10_000, 1_000_000],
                        help="input sizes to run, smallest first (default: 10000 1000000, about 2 h on 2 cores)")
    parser.add_argument("--model", default="default")
    parser.add_argument("--output", default=str(ROOT / "results" / "streaming.json"))
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for lines in args.lines:
            path, out = Path(tmp) / f"in_{lines}.jsonl", Path(tmp) / f"out_{lines}.jsonl"
            write_input(path, lines)
            results.append(run(path, out, args.model))
            print(results[-1], flush=True)
            path.unlink()
            out.unlink()
    peaks = [r["peak_rss_mb"] for r in results]
    report = {"command": reproducing_command(parser, args),
              "runs": results, "peak_growth": round(max(peaks) / min(peaks) - 1, 4)}
    Path(args.output).write_text(json.dumps(report, indent=2) + "\n")
    print(f"peak RSS growth from smallest to largest input: {report['peak_growth']:.1%}")


if __name__ == "__main__":
    main()
