"""The ``stancekit`` command line: a thin layer over the Python API.

Every bad input ends in one line on stderr (``stancekit: error: FILE:LINE: problem``) and exit
code 2, with no traceback and no half-written output file.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import __version__
from .data import LABELS
from .errors import InputError, StanceKitError
from .io import RECORD_SUFFIXES, RecordWriter, atomic_output, input_kind, read_article, read_records
from .predict import CONTEXT_MODES, DEFAULT_CONTEXT, predict_article, predict_records, speaker_summary

EXIT_BAD_INPUT = 2

DESCRIPTION = """\
Stance detection for quoted statements: does the speaker support, oppose or stay neutral
toward a target? Commands:
  predict   classify quote files (.jsonl/.csv/stdin) or raw articles (.txt) toward a target
  extract   turn articles into quote records (quote, speaker, offsets, sentence) as JSONL
  train     fine-tune a model from a YAML config (see configs/)
  evaluate  score a model on labelled data: the stance corpora or your own annotated file
  report    write a self-contained HTML stance report for articles
  export    write a model as ONNX (optionally int8) for faster CPU inference
"""

PREDICT_EPILOG = """\
input formats:
  .jsonl  one JSON object per line: {"text": ..., "speaker": ..., "target": ..., "id": ...}
          (only "text" is required; a record's "target" overrides --target). Records from
          'stancekit extract' (quote, sentence, ...) are classified like an article's quotes,
          with the sentence as --context says
  .csv    the same columns, with a header row
  -       JSONL on standard input
  .txt    a news article: its quotes are extracted, attributed and classified

output: the input fields plus "label" (support/oppose/neutral) and "scores" (probabilities); an
input's own "label" or "scores" field (a gold annotation) is kept as "input_label" / "input_scores".
The scores of quotes from articles (.txt inputs, 'stancekit extract' records, or every record
with --news-quotes) use the model's news-quote calibration, which is less confident than the
calibration for corpus statements: the model is right less often on news quotes.

examples:
  stancekit predict quotes.jsonl --target "Carbon tax" -o predictions.jsonl
  stancekit predict article.txt --target "Syria's readmission to the Arab League" --format table
  cat quotes.jsonl | stancekit predict - --target "Carbon tax" --format csv
  stancekit extract articles/*.txt -o quotes.jsonl && stancekit predict quotes.jsonl -t "Carbon tax"
"""


def _add_predict(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("predict", help="classify quote files or articles toward a target",
                       description="Classify the stance of statements toward a target.",
                       epilog=PREDICT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".jsonl, .csv, .txt article, or - for stdin")
    p.add_argument("--target", "-t", help="the target of the stance (required unless every record has one)")
    p.add_argument("--model", "-m", default="default",
                   help="model name, folder saved by save_pretrained, or folder written by 'stancekit "
                        "export' (ONNX Runtime) (default: the packaged model)")
    p.add_argument("--output", "-o", help="output file (default: stdout); written atomically")
    p.add_argument("--format", "-f", choices=("jsonl", "csv", "table"), default="jsonl",
                   help="output format (default: jsonl)")
    p.add_argument("--batch-size", type=int, default=64, help="pairs per forward pass (default: 64)")
    p.add_argument("--by-speaker", action="store_true",
                   help="output one summary row per speaker (quotes, majority stance, mean scores)")
    p.add_argument("--context", choices=CONTEXT_MODES, default=DEFAULT_CONTEXT,
                   help="for articles and extracted quote records (quote and sentence fields): classify the "
                        "quote alone (quote), its sentence (sentence), or the sentence only for quotes under 8 "
                        "words (auto, the default)")
    p.add_argument("--news-quotes", action="store_true",
                   help="the records' texts are quotes from news articles: score them with the model's "
                        "news-quote calibration (always on for .txt articles and 'stancekit extract' records)")
    p.set_defaults(func=_cmd_predict)


def _add_extract(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract quotes and speakers from articles as JSONL",
                       description="Extract quoted statements, their speakers and offsets from "
                                   "news articles: one JSONL record per quote (article, quote, "
                                   "speaker, start, end, sentence[, target]).")
    p.add_argument("articles", nargs="+", metavar="ARTICLE", help="UTF-8 text articles")
    p.add_argument("--output", "-o", help="output JSONL file (default: stdout); written atomically")
    p.add_argument("--target", "-t", help="add this target to every record (ready for predict)")
    p.set_defaults(func=_cmd_extract)


EVALUATE_EPILOG = """\
data (one or more):
  a corpus name   semeval, vast, perspectrum, argq, emergent or fnc1, read from --data-dir
                  ($STANCEKIT_DATA_DIR, else ../shared/data) and scored on --split
  .jsonl / .csv   your own labelled file: text, target and label (support/oppose/neutral, or
                  favor/against/none, pro/con, ...); every row is scored. Labelled quote records
                  from 'stancekit extract' (quote, sentence) are read as predict reads them

metrics: accuracy; macro-F1 over the labels present in the gold (the VAST convention); SemEval's
F_avg (the mean F1 of support and oppose); F1 per label; the expected calibration error (15 bins)
of the calibrated scores; and, in JSON, the confusion matrix (rows = gold, in label order
support, oppose, neutral).

examples:
  stancekit evaluate semeval vast
  stancekit evaluate vast --split validation --limit 500
  stancekit evaluate my_annotations.csv --model runs/my_model --format json -o scores.json
"""


def _add_evaluate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="score a model on labelled corpora or your own annotated file",
                       description="Score a model's predictions against gold stance labels.",
                       epilog=EVALUATE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("data", nargs="+", metavar="DATA", help="a corpus name, or a labelled .jsonl/.csv file")
    p.add_argument("--split", "-s", default="test",
                   help="the split of each named corpus to score (default: test)")
    p.add_argument("--model", "-m", default="default",
                   help="model name, folder saved by save_pretrained, or an ONNX folder from 'stancekit "
                        "export' (default: the packaged model)")
    p.add_argument("--data-dir", help="the corpora folder (default: $STANCEKIT_DATA_DIR, else ../shared/data)")
    p.add_argument("--limit", type=int, help="score a seeded random sample of at most N rows of each data set")
    p.add_argument("--batch-size", type=int, default=64, help="pairs per forward pass (default: 64)")
    p.add_argument("--context", choices=CONTEXT_MODES, default=DEFAULT_CONTEXT,
                   help="for labelled quote records (quote and sentence fields, from 'stancekit extract'): "
                        "what the classifier reads, as in predict (default: auto)")
    p.add_argument("--news-quotes", action="store_true",
                   help="the data are quotes from news articles: score them with the model's news-quote "
                        "calibration, as predict does for articles (changes ECE, not the labels)")
    p.add_argument("--format", "-f", choices=("table", "json"), default="table",
                   help="output format (default: table)")
    p.add_argument("--output", "-o", help="output file (default: stdout); written atomically")
    p.set_defaults(func=_cmd_evaluate)


def _add_train(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="fine-tune a stance model from a YAML config",
                       description="Fine-tune a stance model with the Hugging Face Trainer. The "
                                   "best dev checkpoint (macro-F1) is kept, calibrated on dev, "
                                   "and saved to OUTPUT in plain transformers format.")
    p.add_argument("--config", "-c", help="YAML config (see configs/; fields of stancekit.train.TrainConfig)")
    p.add_argument("--output", "-o", help="output folder (default: runs/<config name>)")
    p.add_argument("--resume", action="store_true", help="continue from the last checkpoint in OUTPUT")
    p.add_argument("--print-config", action="store_true",
                   help="print the config with every default filled in, and exit")
    p.set_defaults(func=_cmd_train)


def _add_report(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write a self-contained HTML stance report for articles",
                       description="Highlight every quote of the articles in its stance colour "
                                   "and summarise stance per speaker, in one HTML file.")
    p.add_argument("articles", nargs="+", metavar="ARTICLE", help="UTF-8 text articles")
    p.add_argument("--target", "-t", required=True, help="the target of the stance")
    p.add_argument("--output", "-o", required=True, help="the HTML file to write")
    p.add_argument("--model", "-m", default="default", help="model name or folder (default: packaged model)")
    p.set_defaults(func=_cmd_report)


def _add_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write a model as ONNX for faster CPU inference",
                       description="Export a model to ONNX Runtime: a folder that 'stancekit predict "
                                   "--model FOLDER' and stancekit.exporters.onnx.OnnxStanceDetector "
                                   "load, with the same labels and calibration. Needs the onnx extra "
                                   "(pip install \"stancekit[onnx]\").",
                       epilog="int8 (dynamic quantization, a scale per output channel) is about 3 times "
                              "faster than fp32 on CPU but costs accuracy: 2 to 12 points of macro-F1 on "
                              "the benchmark test sets for the default model (see the README's Speed "
                              "section). Measure it on your data before you rely on it.")
    p.add_argument("--model", "-m", default="default", help="model name or folder (default: packaged model)")
    p.add_argument("--output", "-o", required=True, help="the folder to write (must not exist yet)")
    p.add_argument("--int8", action="store_true", help="quantize the weights to int8 (faster, less accurate)")
    p.set_defaults(func=_cmd_export)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stancekit", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"stancekit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (_add_predict, _add_extract, _add_train, _add_evaluate, _add_report, _add_export):
        add(sub)
    return parser


def _load_detector(name: str):
    from transformers.utils import logging as hf_logging

    from .model import StanceDetector

    hf_logging.disable_progress_bar()  # the weight-loading bar is noise; training keeps its bars
    if _is_onnx_folder(name):
        return _onnx_module(name).OnnxStanceDetector.from_pretrained(name)
    return StanceDetector.from_pretrained(name)


def _is_onnx_folder(name: str) -> bool:
    from .exporters.onnx import ONNX_FILE

    return (Path(name) / ONNX_FILE).is_file()


def _onnx_module(model: str):
    """stancekit.exporters.onnx, or a clear error where the onnx extra is not installed."""
    try:
        import onnx as _onnx  # noqa: F401  (the exporter and ONNX Runtime import them lazily;
        import onnxruntime  # noqa: F401   checked here to fail early with a clear message)

        from .exporters import onnx
    except ImportError as err:
        raise InputError(f"needs ONNX Runtime ({err.name} is not installed): pip install \"stancekit[onnx]\"", model) from err
    return onnx


def _progress(iterable, total: int | None, desc: str):
    from tqdm.auto import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="rec", file=sys.stderr, disable=None,
                dynamic_ncols=True)


def _count_lines(path: str) -> int | None:
    if path == "-":
        return None
    with open(path, "rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


def _tagged_records(paths: Sequence[str]) -> Iterator[tuple[str, int, dict]]:
    for path in paths:
        for line, record in read_records(path):
            yield path, line, record


def _check_inputs(paths: Sequence[str]) -> list[str]:
    """Fail fast on unknown types and missing files; returns each input's kind."""
    kinds = [input_kind(path) for path in paths]
    for path in paths:
        if path != "-" and not Path(path).is_file():
            raise InputError("file not found", path)
    if "article" in kinds and len(set(kinds)) > 1:
        raise InputError("mix of articles (.txt) and quote files; predict them separately")
    return kinds


def _cmd_predict(args: argparse.Namespace) -> None:
    kinds = _check_inputs(args.inputs)
    if "article" in kinds and not args.target:
        raise InputError("--target is required for articles")
    if args.batch_size < 1:
        raise InputError(f"--batch-size must be positive, got {args.batch_size}")
    articles = {path: read_article(path) for path in args.inputs} if "article" in kinds else {}
    detector = _load_detector(args.model)
    if articles:
        records = []
        for path, text in articles.items():
            found = predict_article(detector, text, args.target, Path(path).name, args.context, args.batch_size)
            if not found:
                print(f"stancekit: {path}: no quotes found", file=sys.stderr)
            records.extend(found)
    else:
        total = sum(_count_lines(p) or 0 for p in args.inputs) or None
        records = _progress(
            predict_records(detector, _tagged_records(args.inputs), args.target, args.batch_size, context=args.context,
                            quotes=args.news_quotes),
            total, "predict")
    if args.by_speaker:
        records = speaker_summary(list(records))
    with atomic_output(args.output) as handle:
        writer = RecordWriter(handle, args.format)
        renamed = False
        for record in records:
            if not renamed and "input_label" in record:
                renamed = True
                print("stancekit: the input has a 'label' field: it is kept as 'input_label'; "
                      "'label' is the prediction", file=sys.stderr)
            writer.write(record)
        writer.close()
        if articles and args.format == "table" and not args.by_speaker and records:
            handle.write("\nby speaker\n")
            summary = RecordWriter(handle, "table")
            for row in speaker_summary(records):
                summary.write(row)
            summary.close()


def _cmd_extract(args: argparse.Namespace) -> None:
    from .quotes import extract_quotes

    texts = {path: read_article(path) for path in args.articles}
    with atomic_output(args.output) as handle:
        writer = RecordWriter(handle, "jsonl")
        for path, text in texts.items():
            quotes = extract_quotes(text)
            if not quotes:
                print(f"stancekit: {path}: no quotes found", file=sys.stderr)
            for quote in quotes:
                record = {"article": Path(path).name, **quote.to_dict()}
                if args.target:
                    record["target"] = args.target
                writer.write(record)


def _cmd_train(args: argparse.Namespace) -> None:
    import yaml

    from .train import TrainConfig, train

    config = TrainConfig.from_yaml(args.config) if args.config else TrainConfig()
    if args.print_config:
        print(yaml.safe_dump(config.to_dict(), sort_keys=False), end="")
        return
    if not args.config:
        raise InputError("--config is required (or --print-config to see the defaults)")
    output = Path(args.output or Path("runs") / Path(args.config).stem)
    _check_writable(output)
    train(config, output, resume=args.resume)
    print(f"stancekit: model saved to {output}", file=sys.stderr)


def _is_labelled_file(name: str) -> bool:
    return Path(name).suffix.lower() in RECORD_SUFFIXES


def _evaluation_set(name: str, args: argparse.Namespace):
    """A named corpus' ``--split``, or a user's labelled file, sampled down to ``--limit`` rows."""
    from .data import load_corpus, load_user_file

    split, limit = args.split, args.limit
    if _is_labelled_file(name):
        if not Path(name).is_file():
            raise InputError("file not found", name)
        dataset = load_user_file(name, context=args.context)
    else:
        splits = load_corpus(name, args.data_dir)
        if split not in splits:
            raise InputError(f"corpus {name!r} has no {split!r} split (it has: {', '.join(splits)})")
        dataset = splits[split]
    if limit is not None and limit < len(dataset):
        dataset = dataset.shuffle(seed=0).select(range(limit))
    return dataset


def _cmd_evaluate(args: argparse.Namespace) -> None:
    import datasets
    import numpy as np

    from .io import fixed_width
    from .metrics import evaluation_report
    from .predict import PREDICTION_COLUMNS, predict_dataset

    if args.batch_size < 1:
        raise InputError(f"--batch-size must be positive, got {args.batch_size}")
    if args.limit is not None and args.limit < 1:
        raise InputError(f"--limit must be positive, got {args.limit}")
    datasets.disable_progress_bars()  # sampling's index bars are noise beside the predict bar
    data = {name: _evaluation_set(name, args) for name in args.data}
    detector = _load_detector(args.model)
    results = {}
    for name, dataset in data.items():
        scored = predict_dataset(detector, dataset, batch_size=args.batch_size, show_progress=True,
                                 quotes=args.news_quotes)
        probabilities = np.column_stack([scored[column] for column in PREDICTION_COLUMNS[1:]])
        split = "file" if _is_labelled_file(name) else args.split
        results[name] = {"split": split, **evaluation_report(scored["label"], probabilities)}
    with atomic_output(args.output) as handle:
        if args.format == "json":
            handle.write(json.dumps({"model": args.model, "results": results}, indent=2) + "\n")
            return
        header = ["data", "split", "n", "accuracy", "macro-F1", "F_avg", *(f"F1 {label}" for label in LABELS), "ECE"]
        rows = [[name, r["split"], str(r["n"]), *(f"{r[key]:.3f}" for key in ("accuracy", "macro_f1", "f_avg")),
                 *(f"{r['f1'][label]:.3f}" if sum(gold) else "–" for label, gold in zip(LABELS, r["confusion"])),
                 f"{r['ece']:.3f}"] for name, r in results.items()]
        handle.write(fixed_width(header, rows) + f"model: {args.model} (–: no gold row has that label)\n")


def _check_writable(folder: Path) -> None:
    existing = next((p for p in [folder, *folder.parents] if p.exists()), Path("."))
    if not os.access(existing, os.W_OK):
        raise InputError("output folder is not writable", folder)


def _cmd_report(args: argparse.Namespace) -> None:
    from .report import render

    texts = {Path(path).name: read_article(path) for path in args.articles}
    detector = _load_detector(args.model)
    html = render(texts, args.target, detector, model_name=args.model)
    with atomic_output(args.output) as handle:
        handle.write(html)


def _cmd_export(args: argparse.Namespace) -> None:
    output = Path(args.output)
    if output.exists():
        raise InputError("already exists; choose a new folder", output)
    _check_writable(output)
    if _is_onnx_folder(args.model):
        raise InputError("is already an ONNX model; export from the model it was exported from", args.model)
    onnx = _onnx_module(args.model)
    detector = _load_detector(args.model)
    staging = output.with_name(f".{output.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        onnx.export_onnx(detector, staging, quantize=args.int8)
        staging.rename(output)  # a failed export leaves no half-written model folder behind
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"stancekit: {'int8' if args.int8 else 'fp32'} ONNX model written to {output}", file=sys.stderr)


def _one_line(err: Exception) -> str:
    if isinstance(err, OSError) and not isinstance(err, StanceKitError) and err.strerror:
        return f"{err.filename}: {err.strerror}" if err.filename else err.strerror
    return str(err).splitlines()[0] if str(err) else type(err).__name__


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``stancekit`` console script."""
    args = build_parser().parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    warnings.filterwarnings("ignore", category=FutureWarning)
    try:
        args.func(args)
    except (StanceKitError, OSError) as err:
        print(f"stancekit: error: {_one_line(err)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("stancekit: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
