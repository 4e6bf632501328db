"""Explicit, reported normalisation of source lines before parsing.

Guarantees after ``normalise``: ``lines[body_start:]`` is the body with no table
of contents, no paragraph cut by a page break, and container headings without
letter-spacing; ``lines[:body_start]`` is the preface (title, history lines),
untouched.  Every change is a ``Normalisation`` record that names the source
line and keeps the original text, so each can be reported and undone.  No
character of the text is ever replaced: joins concatenate, heading spacing
removes only whitespace between Chinese characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .grammar import CONTAINER_KINDS_SET, TERMINAL, Marker, classify
from .numerals import find_dates
from .source import SourceLine, SourceText

_HISTORY_WORDS = ("通过", "修正", "修订", "公布", "施行", "发布", "批准", "废止")
_SPACED = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000\u00a0]+(?=[\u4e00-\u9fff])")


@dataclass(frozen=True, slots=True)
class Normalisation:
    """One change made to the source: what, where, and the text before it."""

    kind: str  # "page-break-joined" | "heading-joined" | "heading-spacing" | "toc-skipped" |
    #            "invisible-line-dropped" | "decoded"
    line: int
    message: str
    original: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Normalised:
    source: SourceText
    lines: tuple[SourceLine, ...]
    body_start: int
    changes: tuple[Normalisation, ...]
    markers: tuple[Marker, ...]  # one per body line: ``lines[body_start:]``


def normalise(source: SourceText) -> Normalised:
    """Split preface from body, then skip a repeated TOC, rejoin page-broken
    paragraphs and unspace headings in the body."""
    changes = [Normalisation("decoded", 0, note) for note in source.notes]
    lines = _drop_invisible(list(source.lines), changes)
    start = find_body_start(lines)
    body = [(line, mark(line)) for line in lines[start:]]
    body = _skip_toc(body, changes)
    body = _join_page_breaks(body, changes)
    body = [_unspace_heading(line, marker, changes) for line, marker in body]
    return Normalised(source, tuple(lines[:start]) + tuple(line for line, _ in body), start,
                      tuple(changes), tuple(marker for _, marker in body))


_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def _drop_invisible(lines: list[SourceLine], changes: list[Normalisation]) -> list[SourceLine]:
    """Lines holding only zero-width characters (U+200B…) are not paragraphs."""
    kept = []
    for line in lines:
        if line.text and not line.text.strip(_INVISIBLE + " \u3000"):
            changes.append(Normalisation("invisible-line-dropped", line.line,
                                         f"dropped line {line.line}: only zero-width characters", (line.text,)))
        else:
            kept.append(line)
    return kept


def mark(line: SourceLine) -> Marker:
    return classify(line.text, styled_heading=line.style == "heading")


def is_history_line(text: str) -> bool:
    """``2007年8月30日 …通过``, ``(2024年12月19日…通过)``, ``根据…修正``."""
    return any(word in text for word in _HISTORY_WORDS) and bool(find_dates(text))


def find_body_start(lines: list[SourceLine]) -> int:
    """Index of the first body line: after ``<!-- INFO END -->`` where present,
    else after the title line(s) and the history lines that follow them."""
    for index, line in enumerate(lines):
        if line.style == "end-preface":
            return index + 1
    index = 0
    while index < len(lines) and (index == 0 or lines[index].style == "title") and mark(lines[index]).kind == "text":
        index += 1
    while index < len(lines) and is_history_line(lines[index].text) and mark(lines[index]).kind == "text":
        index += 1
    return index


_Pair = tuple[SourceLine, Marker]


def _skip_toc(body: list[_Pair], changes: list[Normalisation]) -> list[_Pair]:
    """Drop a table of contents: an optional 目录 line and a run of headings
    whose first entry is repeated right after the run."""
    index = 0
    while index < min(3, len(body)) and body[index][1].kind == "text":
        index += 1  # a few unstructured lines may precede the TOC (e.g. a subtitle)
    first = index
    has_marker = index < len(body) and body[index][1].kind == "toc"
    index += has_marker
    keys: list[tuple] = []
    while index < len(body) and body[index][1].kind in CONTAINER_KINDS_SET:
        key = (body[index][1].kind, body[index][1].num, body[index][1].suffix)
        if keys and key == keys[0]:
            break
        keys.append(key)
        index += 1
    repeated = bool(keys) and index < len(body) and \
        (body[index][1].kind, body[index][1].num, body[index][1].suffix) == keys[0]
    if not repeated or (len(keys) < 2 and not has_marker):
        return body
    skipped = [line for line, _ in body[first:index]]
    changes.append(Normalisation(
        "toc-skipped", skipped[0].line,
        f"skipped a table of contents of {len(skipped)} lines (lines {skipped[0].line}–{skipped[-1].line})",
        tuple(line.text for line in skipped)))
    return body[:first] + body[index:]


def _join_page_breaks(body: list[_Pair], changes: list[Normalisation]) -> list[_Pair]:
    out: list[_Pair] = []
    for position, (line, marker) in enumerate(body):
        if out and _is_cut(*out[-1]) and _continues(line, marker):
            previous = out[-1][0]
            joined = previous._replace(text=previous.text + line.text)
            changes.append(Normalisation(
                "page-break-joined", previous.line,
                f"joined line {line.line} to line {previous.line}: paragraph broken across a page "
                f"(…{previous.text[-6:]}|{line.text[:6]}…)", (previous.text, line.text)))
            out[-1] = (joined, mark(joined))
        elif out and _continues_heading(out[-1], (line, marker), body[position + 1:position + 2]):
            previous = out[-1][0]
            joined = previous._replace(text=previous.text + line.text)
            changes.append(Normalisation(
                "heading-joined", previous.line,
                f"joined line {line.line} to heading on line {previous.line}: heading wrapped over two lines",
                (previous.text, line.text)))
            out[-1] = (joined, mark(joined))
        else:
            out.append((line, marker))
    return out


def _is_cut(line: SourceLine, marker: Marker) -> bool:
    if line.style or line.text.startswith("|") or line.text.endswith(TERMINAL):
        return False
    return marker.kind not in CONTAINER_KINDS_SET and marker.kind != "toc"


def _continues(line: SourceLine, marker: Marker) -> bool:
    return not line.style and not line.text.startswith("|") and marker.kind == "text"


def _continues_heading(previous: _Pair, current: _Pair, following: list[_Pair]) -> bool:
    """``第二章 听取和审议人民政府、人民法院和`` / ``人民检察院的专项工作报告``: a
    short unpunctuated line between a heading and the next structural line."""
    (_, before), (line, marker) = previous, current
    return (before.kind in CONTAINER_KINDS_SET and before.rest.endswith(("和", "及", "与", "、", "或", "的"))
            and marker.kind == "text" and len(line.text) <= 30 and not line.text.endswith(TERMINAL)
            and (not following or following[0][1].kind != "text"))


def _unspace_heading(line: SourceLine, marker: Marker, changes: list[Normalisation]) -> _Pair:
    if marker.kind not in CONTAINER_KINDS_SET or not _SPACED.search(marker.rest):
        return line, marker
    text = line.text[: len(line.text) - len(marker.rest)] + _SPACED.sub("", marker.rest)
    changes.append(Normalisation("heading-spacing", line.line,
                                 f"removed letter-spacing in heading {line.text!r} → {text!r}", (line.text,)))
    fixed = line._replace(text=text)
    return fixed, mark(fixed)
