"""The project's own error types: one line, naming what was wrong and where."""

from __future__ import annotations

from pathlib import Path


class StanceKitError(Exception):
    """Base class of every error stancekit raises on bad input or configuration."""


class InputError(StanceKitError, ValueError):
    """A bad input file or record: says which file, which line and what is wrong."""

    def __init__(self, problem: str, path: str | Path | None = None, line: int | None = None):
        self.problem = " ".join(problem.split("\n"))  # errors are one line, whatever the input held
        self.path = None if path is None else str(path)
        self.line = line
        where = ""
        if self.path is not None:
            where = f"{self.path}:{line}: " if line is not None else f"{self.path}: "
        super().__init__(f"{where}{self.problem}")


class DataNotFoundError(StanceKitError, FileNotFoundError):
    """A corpus folder or file that is not where it was looked for."""


class ModelLoadError(StanceKitError, OSError):
    """A model name or folder that does not hold a usable stance model."""
