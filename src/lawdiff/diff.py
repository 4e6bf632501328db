"""Document comparison: aligned articles (or a decision's items) with character edits.

``diff_documents(old, new)`` aligns the top-level units — articles, or the
numbered items of a document that has none — with ``align_siblings``, and
gives every pair the character edits between the two provisions *as printed*
(label included, so a renumbering shows as ``第五条`` → ``第六条``); each pair's
款/项 pairs carry their own edits.  Joining the kept and inserted texts of an
article's ops gives the new article exactly.

Every pair except an ``unchanged`` one is diffed, and its 款/项 aligned, when
the comparison is built.  An ``unchanged`` pair (same words, same number: 1,207
of the 民法典's 1,260 articles in ``bench/diff.py``) has edits and 款/项 pairs
that follow from its two provisions alone — nearly always one kept text and
unchanged children — so they are worked out on first access to ``ops`` or
``children``, with the same result.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

from .align import KINDS, align_siblings, inner_lists
from .model import Expression, Provision
from .render.plaintext import render_provision
from .textdiff import Op, diff_text


@dataclass(slots=True)
class Change:
    """One aligned pair with its character edits (``ops``) and its 款/项 pairs
    (``children``).  Both are functions of ``kind``, ``old`` and ``new`` —
    which is why they take no part in ``==`` — given on construction, or
    worked out on first access when left ``None`` (an ``unchanged`` pair).

    Read-only by convention, not ``frozen``: a comparison builds one per
    article (1,260 for the 民法典), and a frozen dataclass's ``__init__``
    (``object.__setattr__`` per field) costs four times as much."""

    kind: str
    old: Provision | None
    new: Provision | None
    similarity: float
    given_ops: tuple[Op, ...] | None = field(default=None, compare=False, repr=False)
    given_children: tuple["Change", ...] | None = field(default=None, compare=False, repr=False)

    @property
    def ops(self) -> tuple[Op, ...]:
        if self.given_ops is None:
            self.given_ops = _ops(self.old, self.new)
        return self.given_ops

    @property
    def children(self) -> tuple["Change", ...]:
        if self.given_children is None:
            self.given_children = _inner_changes(self.kind, self.old, self.new)
        return self.given_children

    @property
    def old_text(self) -> str:
        return _printed(self.old)

    @property
    def new_text(self) -> str:
        return _printed(self.new)


@dataclass(frozen=True, slots=True)
class DocumentDiff:
    old: Expression
    new: Expression
    changes: tuple[Change, ...]

    @property
    def summary(self) -> dict[str, int]:
        counts = Counter(change.kind for change in self.changes)
        return {kind: counts[kind] for kind in KINDS if counts[kind]}


def units(expression: Expression) -> list[Provision]:
    """What a comparison lines up: the articles, or the top-level items of a
    document that has no articles."""
    articles = list(expression.articles())
    return articles or list(expression.body)


def diff_documents(old: Expression, new: Expression) -> DocumentDiff:
    return DocumentDiff(old, new, _changes(units(old), units(new)))


def _changes(old: Sequence[Provision], new: Sequence[Provision]) -> tuple[Change, ...]:
    """An ``unchanged`` pair is left to work out its edits and 款/项 pairs on access."""
    return tuple(Change(kind, a, b, similarity) if kind == "unchanged"
                 else Change(kind, a, b, similarity, _ops(a, b), _inner_changes(kind, a, b))
                 for kind, a, b, similarity in align_siblings(old, new))


def _ops(old: Provision | None, new: Provision | None) -> tuple[Op, ...]:
    return diff_text(_printed(old), _printed(new))


def _printed(provision: Provision | None) -> str:
    return render_provision(provision) if provision is not None else ""


def _inner_changes(kind: str, old: Provision | None, new: Provision | None) -> tuple[Change, ...]:
    inner = inner_lists(kind, old, new)
    return _changes(*inner) if inner else ()
