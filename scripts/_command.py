"""The command line that reproduces a script's run, for the results files it writes."""

from __future__ import annotations

import argparse
from pathlib import Path


def reproducing_command(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str:
    """``python scripts/<script> ...`` with the options whose values differ from their defaults."""
    words = [f"python scripts/{Path(parser.prog).name}"]
    for action in parser._actions:
        value = getattr(args, action.dest, None)
        if not action.option_strings or action.dest == "help" or value == action.default:
            continue
        flag = action.option_strings[-1]
        words.append(flag if value is True else f"{flag} {' '.join(map(str, value)) if isinstance(value, list) else value}")
    return " ".join(words)
