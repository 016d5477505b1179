"""rashomon's exceptions, grouped by what the caller can do about them.

A message names the file or item, says what went wrong, and says what to do.
"""

from __future__ import annotations

from pathlib import Path


class RashomonError(Exception):
    """Base class of every error rashomon raises on purpose."""


class InputError(RashomonError):
    """An input file cannot be read as an article. The run goes on without it."""

    def __init__(self, path: str | Path, problem: str, *, advice: str = "") -> None:
        self.path = str(path)
        self.problem = problem
        self.advice = advice
        super().__init__(f"{self.path}: {problem}" + (f". {advice}" if advice else ""))


class ConfigError(RashomonError):
    """A setting or option has a value rashomon cannot use."""


class StoreError(RashomonError):
    """The store cannot be opened, read or written."""

    def __init__(self, path: str | Path, problem: str, *, advice: str = "") -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {problem}" + (f". {advice}" if advice else ""))


class StoreMissingError(StoreError):
    """No store at the path given: analyse articles into it first, or point --db at an existing store."""


class StoreCorruptError(StoreError):
    """The store file (or the write-ahead log beside it) is damaged or not what rashomon wrote; `rashomon check`
    says what is wrong, and a backup or a new store helps."""


class StoreInUseError(StoreError):
    """Another process holds the store file for writing; waiting for it, or another --db, helps."""


class ModelError(RashomonError):
    """The spaCy model is missing or unusable."""


class SpanError(RashomonError, ValueError):
    """Offsets that do not fall inside a document's text."""


class DataFileError(RashomonError):
    """A data file (a word list of rashomon/data/) has a line rashomon cannot read."""

    def __init__(self, path: str | Path, line: int, problem: str, *, advice: str = "") -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        self.advice = advice
        super().__init__(f"{self.path} line {line}: {problem}" + (f". {advice}" if advice else ""))
