"""The command line that reproduces a script's run, and the results files that record it."""

from __future__ import annotations

import argparse
import json
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


def write_results(output: str, report: dict, lines: list[str]) -> None:
    """``OUTPUT.json`` (the report) and ``OUTPUT.md`` (the lines, then the command; the folder made if
    missing), and print the lines."""
    lines = [*lines, "", f"Command: `{report['command']}`"]
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    Path(output + ".json").write_text(json.dumps(report, indent=2) + "\n")
    Path(output + ".md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
