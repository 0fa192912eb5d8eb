"""Mix two LoRA adapters of one model in weight space (WiSE-FT interpolation, model soups).

    python scripts/interpolate_adapters.py FIRST SECOND --alpha 0.5 --output runs/mix_0.5
    python scripts/recalibrate.py --model runs/mix_0.5 --method length_temperature

FIRST and SECOND are stancekit LoRA model folders over the same base encoder and target
modules: a stage-1 adapter and the stage 2 that continued it, or two training seeds of one recipe
(``--alpha 0.5`` is their uniform soup; a third seed as FIRST and that soup as SECOND at
``--alpha 0.6667`` give the three-seed soup). The output is one adapter of
rank r1 + r2 whose merged weight changes are exactly ``(1 - alpha) * dW_first + alpha *
dW_second`` (the two low-rank factors stacked), with the full head mixed the same way; the
rest of the folder (classifier config, tokenizer, training summary where it has one) is
SECOND's. ``alpha`` 1 is SECOND, 0 is FIRST. The calibration is SECOND's until
``scripts/recalibrate.py`` refits it on the mixture's dev split. OUTPUT must not exist yet.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file, save_file

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _command import reproducing_command  # noqa: E402

from stancekit.model import ADAPTER_CONFIG  # noqa: E402

WEIGHTS = "adapter_model.safetensors"
_SAME_IN_BOTH = ("base_model_name_or_path", "target_modules", "modules_to_save", "use_rslora", "use_dora", "bias")


def _comparable(value):
    """Module lists compare as sets (peft does not keep their order)."""
    return sorted(value) if isinstance(value, list) else value


def _lora_scale(config: dict) -> float:
    return config["lora_alpha"] / config["r"]


def mix_adapters(first: dict, second: dict, first_config: dict, second_config: dict, alpha: float) -> dict:
    """The mixed adapter's tensors (float16): LoRA factors stacked, everything else interpolated."""
    if set(first) != set(second):
        raise SystemExit("the two adapters hold different tensors (not stages of one model)")
    scale_first, scale_second = _lora_scale(first_config), _lora_scale(second_config)
    mixed = {}
    for name in first:
        a, b = first[name].astype(np.float32), second[name].astype(np.float32)
        if ".lora_A." in name:  # rows are ranks: fold each stage's weight and LoRA scale into its rows
            mixed[name] = np.concatenate([(1 - alpha) * scale_first * a, alpha * scale_second * b], axis=0)
        elif ".lora_B." in name:  # columns are ranks
            mixed[name] = np.concatenate([a, b], axis=1)
        else:
            mixed[name] = (1 - alpha) * a + alpha * b
    return {name: tensor.astype(np.float16) for name, tensor in mixed.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("first", type=Path, help="the earlier stage's model folder (alpha 0)")
    parser.add_argument("second", type=Path, help="the later stage's model folder (alpha 1)")
    parser.add_argument("--alpha", type=float, required=True, help="weight of SECOND, usually in [0, 1]")
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.output.exists():
        parser.error(f"{args.output}: already exists; choose a new folder")
    configs = [json.loads((folder / ADAPTER_CONFIG).read_text()) for folder in (args.first, args.second)]
    for key in _SAME_IN_BOTH:
        if _comparable(configs[0].get(key)) != _comparable(configs[1].get(key)):
            parser.error(f"{ADAPTER_CONFIG}: '{key}' differs between the two adapters")
    if configs[0].get("use_rslora") or configs[0].get("use_dora"):
        parser.error("rsLoRA and DoRA adapters are not supported (their scale is not lora_alpha / r)")
    mixed = mix_adapters(load_file(args.first / WEIGHTS), load_file(args.second / WEIGHTS), *configs, args.alpha)

    shutil.copytree(args.second, args.output, ignore=shutil.ignore_patterns(WEIGHTS, "README.md"))
    rank = configs[0]["r"] + configs[1]["r"]
    config = configs[1] | {"r": rank, "lora_alpha": rank}  # scale 1: the stages' scales are in lora_A
    (args.output / ADAPTER_CONFIG).write_text(json.dumps(config, indent=2) + "\n")
    save_file(mixed, str(args.output / WEIGHTS))
    summary_path = args.output / "train_summary.json"
    if summary_path.is_file():  # a packaged model's summary (recalibrate.py rebuilds its dev split from it)
        summary = json.loads(summary_path.read_text())
        summary["interpolated"] = {"command": reproducing_command(parser, args), "first": str(args.first),
                                   "second": str(args.second), "alpha": args.alpha}
        summary_path.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"{args.output}: rank {rank}, alpha {args.alpha}")


if __name__ == "__main__":
    main()
