"""Typed errors.  Library code raises these; only ``cli`` maps them to exit codes."""

from __future__ import annotations


class LawdiffError(Exception):
    """Base class of every error lawdiff raises on purpose."""


class InputError(LawdiffError):
    """Input that cannot be used (exit code 2): names the file and, where known, the line."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None):
        self.path, self.message, self.line, self.column = str(path), message, line, column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"
