"""Document comparison: aligned articles (or a decision's items) with character edits.

``diff_documents(old, new)`` aligns the top-level units — articles, or the
numbered items of a document that has none — with ``align_provisions``, and
gives every pair the character edits between the two provisions *as printed*
(label included, so a renumbering shows as ``第五条`` → ``第六条``); each pair's
款/项 pairs carry their own edits.  Joining the kept and inserted texts of an
article's ops gives the new article exactly.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .align import KINDS, Pair, align_provisions
from .model import Expression, Provision
from .render.plaintext import render_provision
from .textdiff import Op, diff_text


@dataclass(frozen=True, slots=True)
class Change:
    kind: str
    old: Provision | None
    new: Provision | None
    similarity: float
    ops: tuple[Op, ...]
    children: tuple["Change", ...] = ()

    @property
    def old_text(self) -> str:
        return render_provision(self.old) if self.old is not None else ""

    @property
    def new_text(self) -> str:
        return render_provision(self.new) if self.new is not None else ""


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
    pairs = align_provisions(units(old), units(new))
    return DocumentDiff(old, new, tuple(_change(pair) for pair in pairs))


def _change(pair: Pair) -> Change:
    old_text = render_provision(pair.old) if pair.old is not None else ""
    new_text = render_provision(pair.new) if pair.new is not None else ""
    return Change(pair.kind, pair.old, pair.new, pair.similarity, diff_text(old_text, new_text),
                  tuple(_change(child) for child in pair.children))
