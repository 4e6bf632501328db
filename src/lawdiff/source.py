"""The text of a source file as lines, each remembering where it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class SourceLine(NamedTuple):
    """One paragraph of the source.  ``line`` is 1-based in the original file
    (for .docx/.html: the paragraph's ordinal); ``style`` is what the format
    said about it: ``""``, ``"title"`` or ``"heading"``, or ``"end-preface"``
    for LawRefBook's ``<!-- INFO END -->`` marker.  A named tuple (immutable,
    built at a third of a frozen dataclass's cost): every line of every file is one."""

    text: str
    line: int
    style: str = ""


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded source file: its lines plus how it was read."""

    path: str
    format: str  # "text" | "markdown" | "docx" | "html"
    encoding: str
    lines: tuple[SourceLine, ...]
    notes: tuple[str, ...] = ()  # decoding facts for --explain (encoding, BOM, CRLF)
