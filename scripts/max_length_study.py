"""How much of a long text should the model read? Its inference ``max_length``, measured on dev.

    python scripts/max_length_study.py [--model default] [--lengths 128 192 256]

For each length the model's calibration is refitted (same method) on its corpora dev split
(rebuilt from its ``train_summary.json``, as scripts/recalibrate.py does), and the script
reports the calibrated macro-F1 and ECE of that split, per corpus and pooled, and of VAST's
whole validation split. A pair no longer than the shortest length reads the same at every
length, so only the longer pairs are classified again; their time at each length, against the
shortest, is the cost of reading further. It also counts the dev-article inputs (tests/articles
without heldout3, default context) longer than the shortest length: if there are none, the
dev-article stance cannot change. The model's weights and files are left as they are. Writes
results/max_length_study.json and .md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _command import reproducing_command, write_results  # noqa: E402
from eval_articles import article_groups, article_pairs  # noqa: E402

from stancekit import StanceDetector  # noqa: E402
from stancekit.data import load_corpus  # noqa: E402
from stancekit.metrics import evaluation_report, fit_calibration, group_balanced_weights  # noqa: E402
from stancekit.train import trained_dev_split  # noqa: E402

UNTRUNCATED = 512  # MPNet's position limit: the full length of every pair here


class _LongPairs:
    """A split's pairs, with the logits of those longer than ``base`` redone at each length."""

    def __init__(self, detector: StanceDetector, dataset, base: int):
        self.texts, self.targets = list(dataset["text"]), list(dataset["target"])
        self.labels, self.sources = np.asarray(dataset["label"]), list(dataset["source"])
        detector.max_length = UNTRUNCATED
        self.long = np.flatnonzero(detector.token_lengths(self.texts, self.targets) > base)
        detector.max_length = base
        self.base_logits, self.base_lengths = detector.logits_with_lengths(self.texts, self.targets, show_progress=True)

    def at(self, detector: StanceDetector, length: int) -> tuple[np.ndarray, np.ndarray, float]:
        """Logits, token lengths and the seconds the long pairs took at ``length``."""
        detector.max_length = length
        logits, lengths = self.base_logits.copy(), self.base_lengths.copy()
        started = time.perf_counter()
        logits[self.long], lengths[self.long] = detector.logits_with_lengths(
            [self.texts[i] for i in self.long], [self.targets[i] for i in self.long], show_progress=True)
        return logits, lengths, time.perf_counter() - started


def _vast_rows(dev: dict) -> str:
    """The dev split's VAST macro-F1, or – for a model whose dev split has no VAST rows."""
    vast = dev["per_corpus"].get("vast")
    return f"{vast['macro_f1']:.4f}" if vast else "–"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="default")
    parser.add_argument("--lengths", type=int, nargs="+", default=[128, 192, 256])
    parser.add_argument("--output", default=str(ROOT / "results" / "max_length_study"))
    args = parser.parse_args(argv)
    lengths = sorted(args.lengths)
    detector = StanceDetector.from_pretrained(args.model)
    config, dev = trained_dev_split(args.model)
    method = config.calibration_method
    splits = {"corpora dev": _LongPairs(detector, dev, lengths[0]),
              "VAST validation": _LongPairs(detector, load_corpus("vast", config.data_dir)["validation"], lengths[0])}

    inputs, targets, _ = article_pairs(article_groups()["dev"])
    found = [i for i, text in enumerate(inputs) if text is not None]
    detector.max_length = UNTRUNCATED
    article_lengths = detector.token_lengths([inputs[i] for i in found], [targets[i] for i in found])

    rows, report_rows = [], []
    for length in lengths:
        dev_pairs = splits["corpora dev"]
        dev_logits, dev_lengths, _ = dev_pairs.at(detector, length)
        calibration = fit_calibration(dev_logits, dev_pairs.labels, method=method, lengths=dev_lengths,
                                      weights=group_balanced_weights(dev_pairs.sources))
        detector.calibration = calibration
        row: dict = {"max_length": length, "calibration": calibration}
        for name, pairs in splits.items():
            logits, pair_lengths, seconds = pairs.at(detector, length)
            probabilities = detector.calibrated_probabilities(logits, pair_lengths)
            row[name] = evaluation_report(pairs.labels, probabilities) | {
                "long_pairs": len(pairs.long), "long_pairs_seconds": seconds}
            if name == "corpora dev":
                sources = np.asarray(pairs.sources)
                row[name]["per_corpus"] = {
                    source: evaluation_report(pairs.labels[sources == source], probabilities[sources == source])
                    for source in sorted(set(pairs.sources))}
        rows.append(row)
        first = rows[0]
        report_rows.append(
            f"| {length} | {row['corpora dev']['macro_f1']:.4f} | {_vast_rows(row['corpora dev'])} "
            f"| {row['VAST validation']['macro_f1']:.4f} | {row['corpora dev']['ece']:.3f} | {row['VAST validation']['ece']:.3f} "
            f"| {calibration['temperature']:.2f}, {calibration.get('length_exponent', 0.0):.2f} "
            f"| {row['VAST validation']['long_pairs_seconds'] / first['VAST validation']['long_pairs_seconds']:.2f} |")
    report = {"command": reproducing_command(parser, args), "model": args.model, "calibration_method": method,
              "dev_rows": len(dev), "dev_article_inputs": len(found),
              f"dev_article_inputs_over_{lengths[0]}": int((article_lengths > lengths[0]).sum()), "rows": rows}
    lines = [f"Dev only. Pairs over {lengths[0]} tokens: {len(splits['corpora dev'].long)} of {len(dev)} corpora dev rows, "
             f"{len(splits['VAST validation'].long)} of {len(splits['VAST validation'].labels)} VAST validation posts, "
             f"{report[f'dev_article_inputs_over_{lengths[0]}']} of {len(found)} dev-article inputs.", "",
             "| max_length | corpora dev macro-F1 | its VAST rows | VAST validation macro-F1 | corpora dev ECE "
             "| VAST validation ECE | calibration (T, k) | time of the long VAST pairs (x shortest) |",
             "|---" * 8 + "|", *report_rows]
    write_results(args.output, report, lines)


if __name__ == "__main__":
    main()
