"""The command line that reproduces a script's run, for the results files it writes."""

from __future__ import annotations

import argparse
from pathlib import Path


def reproducing_command(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str:
    """``python scripts/<script> ...``: every positional argument, then the options whose values
    differ from their defaults."""
    words = [f"python scripts/{Path(parser.prog).name}"]
    for action in parser._actions:
        value = getattr(args, action.dest, None)
        if action.option_strings and action.dest != "help" and value != action.default:
            flag = action.option_strings[-1]
            words.append(flag if value is True else f"{flag} {_joined(value)}")
        elif not action.option_strings and value not in (None, []):
            words.append(_joined(value))
    return " ".join(words)


def _joined(value) -> str:
    return " ".join(map(str, value)) if isinstance(value, list) else str(value)
