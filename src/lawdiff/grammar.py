"""Line grammar of Chinese legislation: one pattern per level, anchored at line start.

Chinese structure is marked at the start of a line, so classifying lines is
enough; ``parse`` turns the classified lines into a tree with a small stack
machine.  Patterns, with an example line each:

====================  ==================================  ============================
kind                  example                             pattern
====================  ==================================  ============================
part (编)             ``第一编 总则``                      ``CONTAINER`` unit 编
subpart (分编)        ``第一分编 通则``                    ``CONTAINER`` unit 分编
chapter (章)          ``第一章 总 则`` / ``第一章　总则``    ``CONTAINER`` unit 章
section (节)          ``第一节 数字基础设施建设``           ``CONTAINER`` unit 节
article (条)          ``第十条之一 ……``                    ``ARTICLE``
point (项)            ``（二）……`` / ``(二)……``            ``POINT``
subpoint (目)         ``1.……`` / ``1．……``                 ``SUBPOINT``
item (decisions)      ``一、将第十条修改为……``              ``ITEM``
table of contents     ``目　录``                           ``TOC``
====================  ==================================  ============================

Order matters only between ARTICLE and the others: an article line never
matches a container.  A line that matches nothing is text (a 款, a title, a
history line — the parser decides by position).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .numerals import NUMERAL_CHARS, cn_to_int

_N = f"[{NUMERAL_CHARS}]{{1,12}}"  # bounded: a 4,000-digit "number" is text, not a provision
_CN = "[〇零一二三四五六七八九十百千两]{1,12}"
_SPACE = "[ \t\u3000\u00a0]"

CONTAINER = re.compile(rf"""
    ^第(?P<num>{_N})(?P<unit>分编|编|章|节)       # 第一章 — 分编 before 编
    (?:之(?P<suffix>{_CN}))?                       # 第一章之一 (rare)
    {_SPACE}*(?P<rest>.*)$                         # heading, possibly spaced: 总 则
""", re.X)

ARTICLE = re.compile(rf"""
    ^第(?P<num>{_N})条                             # 第一千二百六十条
    (?:之(?P<suffix>{_CN}))?                       # 之一
    (?P<sep>{_SPACE}+|$|(?![规的、，,至和或中所第及与项款条起前后]))  # text follows a space, or directly
    (?P<rest>.*)$
""", re.X)

POINT = re.compile(rf"^[（(](?P<num>{_CN})[）)]{_SPACE}*(?P<rest>.*)$")
SUBPOINT = re.compile(rf"^(?P<num>[0-9０-９]{{1,2}})[.．、](?![0-9０-９]){_SPACE}*(?P<rest>.*)$")
ITEM = re.compile(rf"^(?P<num>{_CN})、{_SPACE}*(?P<rest>.*)$")
TOC = re.compile(rf"^目{_SPACE}*录$")

_POINT_FIRST = frozenset("（(")
_SUBPOINT_FIRST = frozenset("0123456789０１２３４５６７８９")
_ITEM_FIRST = frozenset("〇零一二三四五六七八九十百千两")
UNIT_KIND = {"编": "part", "分编": "subpart", "章": "chapter", "节": "section"}
KIND_UNIT = {v: k for k, v in UNIT_KIND.items()}
#: Sentence-final characters: a line ending otherwise is probably cut by a page break.
TERMINAL = tuple("。；：！？…”’）」』】》;:!?)\"'")


class Marker(NamedTuple):
    """A classified line: its kind, number, suffix, label as printed and the rest.
    A named tuple, not a frozen dataclass: every line of every source gets one,
    and a tuple is built at a third of the cost."""

    kind: str  # container kinds, "article", "point", "subpoint", "item", "toc" or "text"
    num: int | None = None
    suffix: int = 0
    label: str = ""
    rest: str = ""


def classify(text: str, styled_heading: bool = False) -> Marker:
    """Classify one line of normalised source text.  ``styled_heading``: the
    format marked the line as a heading (Markdown ``##``, Word Heading style),
    so a container pattern is trusted whatever its heading says."""
    first = text[:1]  # every pattern is anchored at a character of its own: most lines try one or none
    if first == "第":
        if match := ARTICLE.match(text):
            return _marker("article", match, text, match.group("suffix"))
        if (match := CONTAINER.match(text)) and (styled_heading or _is_heading(match.group("rest"))):
            return _marker(UNIT_KIND[match.group("unit")], match, text, match.group("suffix"))
    elif first in _POINT_FIRST:
        if match := POINT.match(text):
            return _marker("point", match, text)
    elif first in _SUBPOINT_FIRST:
        if match := SUBPOINT.match(text):
            return _marker("subpoint", match, text)
    elif first in _ITEM_FIRST:
        if match := ITEM.match(text):
            return _marker("item", match, text)
    elif first == "目" and TOC.match(text):
        return Marker("toc", rest=text)
    return Marker("text", rest=text)


def _marker(kind: str, match: re.Match, text: str, suffix: str | None = None) -> Marker:
    num, rest = match.group("num", "rest")
    label = text[: match.start("rest")].rstrip(" \t\u3000\u00a0")
    return Marker(kind, cn_to_int(num), cn_to_int(suffix) if suffix else 0, label, rest)


def _is_heading(rest: str) -> bool:
    """A container heading is short and is not a sentence (第一章规定的…。 is text)."""
    return len(rest) <= 60 and "。" not in rest and not rest.endswith(("；", "，", "：", "的"))

CONTAINER_KINDS_SET = frozenset(UNIT_KIND.values())


@lru_cache(maxsize=4096)
def label_number(label: str) -> tuple[int | None, int]:
    """``(num, suffix)`` of a printed label: 第十条之一 → (10, 1), （二） → (2, 0)."""
    marker = classify(label)
    return (marker.num, marker.suffix) if marker.kind != "text" else (None, 0)
