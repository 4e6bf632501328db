"""Normalised lines → document model: a small stack machine over ``grammar.classify``.

Guarantees: every body character of the normalised text lands in exactly one
provision's ``text`` or ``heading`` (or the preamble), in order; nothing is
renumbered — ``num`` is what the label says, so gaps and duplicates survive for
``validate`` to report.  Documents without articles (decisions listing 一、二、,
case summaries) keep their own shape: numbered items become top-level
paragraphs, and are never forced into articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .eids import child_eids
from .errors import InputError
from .grammar import CONTAINER_KINDS_SET, Marker
from .metadata import read_metadata
from .model import Expression, KINDS, Provision
from .normalise import Normalised

#: Which open nodes a new node of each kind may hang under (outer kinds, or the root).
_UNDER = {kind: frozenset(("root", *KINDS[:rank])) for rank, kind in enumerate(KINDS)}
_UNDER_TEXT = frozenset(("root", "article", *CONTAINER_KINDS_SET))  # a plain paragraph
_UNDER_ARTICLE = frozenset(("root", *CONTAINER_KINDS_SET))
_UNDER_ROOT = frozenset(("root",))  # a decision's numbered item
_UNDER_POINT, _UNDER_SUBPOINT = frozenset(("paragraph",)), frozenset(("point",))


@dataclass
class _Node:
    """Mutable twin of ``Provision`` used only while building the tree."""

    kind: str
    num: int | None = None
    label: str = ""
    heading: str = ""
    text: str = ""
    suffix: int = 0
    line: int = 0
    children: list["_Node"] = field(default_factory=list)

    def freeze(self, eid: str, seen: dict[str, int]) -> Provision:
        """The immutable provision, eIds assigned on the way (one pass, not two)."""
        if self.children:  # each child's eId is taken just before its subtree freezes (dup numbering order)
            eids = child_eids(self.children, eid, seen)
            children = tuple([child.freeze(next(eids), seen) for child in self.children])
        else:  # most provisions are leaves
            children = ()
        return Provision(self.kind, self.num, self.label, self.heading, self.text, children, eid,
                         self.suffix, self.line)


def parse_text(normalised: Normalised, *, expression_date: date | None = None,
               work_uri: str | None = None) -> Expression:
    """Build the ``Expression`` of a normalised source."""
    body_lines = normalised.lines[normalised.body_start:]
    markers = normalised.markers
    article_structured = any(m.kind == "article" for m in markers)
    numbered = article_structured or any(m.kind == "item" for m in markers)
    builder = _Builder(article_structured, numbered)
    for line, marker in zip(body_lines, markers):
        builder.feed(marker, line.text, line.line)
    if not builder.root.children:
        raise InputError(normalised.source.path, "no body text after the title and history lines",
                         body_lines[0].line if body_lines else None)
    body = builder.root.freeze("", {}).children
    work, when, events, preface = read_metadata(
        normalised.lines[: normalised.body_start], body, normalised.source.path,
        expression_date=expression_date, work_uri=work_uri)
    return Expression(work, when, body, "zho", preface, events, tuple(builder.preamble))


class _Builder:
    def __init__(self, article_structured: bool, numbered: bool):
        self.article_structured = article_structured
        self.numbered = numbered
        self.root = _Node("root")
        self.stack: list[_Node] = [self.root]
        self.preamble: list[str] = []

    def feed(self, marker: Marker, text: str, line: int) -> None:
        kind = marker.kind
        if kind == "item" and self.article_structured or kind == "toc":
            kind = "text"
        if kind == "subpoint" and not self._open("point"):
            kind = "text"
        if kind in CONTAINER_KINDS_SET:
            self._push_under(_UNDER[kind], _Node(kind, marker.num, marker.label, marker.rest, "", marker.suffix, line))
        elif kind == "article":
            self._push_under(_UNDER_ARTICLE, _Node("article", marker.num, marker.label, "", "", marker.suffix, line))
            if marker.rest:  # its first 款, on the label's line
                self._push_under(_UNDER["paragraph"], _Node("paragraph", text=marker.rest, line=line))
        elif kind == "item":
            self._push_under(_UNDER_ROOT, _Node("paragraph", marker.num, marker.label, "", marker.rest, line=line))
        elif kind in ("point", "subpoint"):
            self._feed_point(kind, marker, line)
        else:
            self._feed_text(text, line)

    def _open(self, kind: str) -> bool:
        return any(node.kind == kind for node in self.stack)

    def _push_under(self, parents: frozenset[str], node: _Node) -> None:
        """Close open nodes until one of a kind in ``parents`` is on top, then open ``node`` in it."""
        while self.stack[-1].kind not in parents:
            self.stack.pop()
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def _feed_point(self, kind: str, marker: Marker, line: int) -> None:
        point = _Node(kind, marker.num, marker.label, "", marker.rest, marker.suffix, line)
        if kind == "subpoint":
            self._push_under(_UNDER_SUBPOINT, point)
            return
        if not self._open("paragraph"):
            self._ensure_paragraph(line)
        self._push_under(_UNDER_POINT, point)

    def _ensure_paragraph(self, line: int) -> None:
        """A point with no 款 to hang on (``第三条`` alone on its line, then ``（一）``)."""
        self._push_under(_UNDER["paragraph"], _Node("paragraph", line=line))

    def _feed_text(self, text: str, line: int) -> None:
        if not self.article_structured and self._open("paragraph") and self.root.children[-1].num is not None:
            self.stack[-1].text += "\n" + text  # a numbered item's continuation (quoted text, closing words)
        elif self.stack[-1] is self.root and self.numbered and not self.root.children:
            self.preamble.append(text)
        else:
            self._push_under(_UNDER_TEXT, _Node("paragraph", text=text, line=line))
