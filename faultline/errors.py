"""The exception hierarchy: one base, exit codes the CLI maps them to."""

from __future__ import annotations


class FaultlineError(Exception):
    """Base of every error faultline raises on purpose."""

    exit_code = 1


class UsageError(FaultlineError):
    """The request itself is wrong: a missing path, an unknown format, a bad option."""

    exit_code = 2


class InputError(FaultlineError):
    """One input (file, record) cannot be used; it is reported and skipped."""

    def __init__(self, reason: str, *, source: str = "", line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.source = source
        self.line = line


class DataFileError(FaultlineError):
    """A packaged or user data file (actors, verb patterns, codebook) is invalid."""


class StoreError(FaultlineError):
    """The database cannot be opened or written."""


class OutputError(FaultlineError):
    """An output folder or file cannot be written."""
