"""LawRefBook Markdown: ``# title``, history lines, ``<!-- INFO END -->``, ``## 第一章``.

Markdown marks (``#``, ``>``, emphasis) are removed; a ``#`` line is kept as a
``title`` (level 1 before the body) or ``heading`` line, and the INFO END marker
becomes an ``end-preface`` line so the parser knows where the body starts.
"""

from __future__ import annotations

import re

from ..source import SourceLine, SourceText

_HEADING = re.compile(r"^(#{1,6})(.*)$")  # closing #s are stripped by ``_heading_text``, not a lazy regex
_QUOTE = re.compile(r"^(?:>\s?)+")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_INFO_END = "<!-- INFO END -->"


def looks_like_markdown(text: str) -> bool:
    head = text[:5000]
    return _INFO_END in head or bool(re.search(r"(?m)^#{1,6} \S", head))


def read_markdown(text: str, path: str, encoding: str, notes: tuple[str, ...]) -> SourceText:
    lines = []
    for number, raw in enumerate(text.split("\n"), 1):
        stripped = raw.strip()
        if not stripped:
            continue
        if stripped == _INFO_END:
            lines.append(SourceLine("", number, "end-preface"))
            continue
        if stripped.startswith("<!--") and stripped.endswith("-->"):
            continue
        stripped = _unmarked(stripped)
        heading = _HEADING.match(stripped) if stripped.startswith("#") else None
        if heading:
            style = "title" if len(heading.group(1)) == 1 else "heading"
            if content := _heading_text(heading.group(2)):
                lines.append(SourceLine(content, number, style))
        elif stripped:
            lines.append(SourceLine(stripped, number))
    return SourceText(path, "markdown", encoding, tuple(lines), notes)


def _unmarked(stripped: str) -> str:
    """A stripped line without quote marks and emphasis.  Most lines have
    neither: the substring tests spare them two regex substitutions."""
    if stripped.startswith(">"):
        stripped = _QUOTE.sub("", stripped).strip()
    if "**" in stripped or "__" in stripped:
        stripped = _EMPHASIS.sub(r"\2", stripped).strip()
    return stripped


def _heading_text(text: str) -> str:
    """``## 第一章 总则 ##`` → ``第一章 总则``: spaces and closing ``#``s removed."""
    return text.strip().rstrip("#").rstrip()
