"""Plain text as printed: one source line per line, blank lines dropped.

Whitespace around a line is layout, not text (official copies indent each 款
with ``　　``), so lines are stripped as the other readers strip paragraphs.
"""

from __future__ import annotations

from ..source import SourceLine, SourceText


def split_lines(text: str) -> tuple[SourceLine, ...]:
    return tuple(SourceLine(raw.strip(), number) for number, raw in enumerate(text.split("\n"), 1) if raw.strip())


def read_text(text: str, path: str, encoding: str, notes: tuple[str, ...]) -> SourceText:
    return SourceText(path, "text", encoding, split_lines(text), notes)
