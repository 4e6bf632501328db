"""The history of one article across versions, followed through renumbering.

An article's eId is its number (``art_12``), so the same eId in two versions
can be two different articles — the 反垄断法 of 2022 inserted 第五条, and the
2007 第五条 is 第六条 since.  The history therefore starts from the article as
numbered in the newest version that has it and follows it version by version
with the aligner (``diff_documents``): backwards to where it was inserted,
forwards to where it was deleted.  A version in which its words are the same
under another number is a renumbering, not a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .align import own_text
from .diff import diff_documents
from .model import Expression, Provision


@dataclass(frozen=True, slots=True)
class Step:
    """What one version did to the article: ``index`` is the version's place in
    the list given; ``previous`` the article before it (None when added)."""

    index: int
    change: str  # "added" | "changed" | "renumbered" | "removed"
    article: Provision | None  # None when removed
    previous: Provision | None = None


def article_steps(expressions: Sequence[Expression], eid: str) -> list[Step]:
    """The versions (oldest first) in which the article with ``eid`` — in the
    newest version that has it — was added, changed, renumbered or removed.
    Empty if no version has ``eid``."""
    anchor = next((k for k in range(len(expressions) - 1, -1, -1) if eid in expressions[k].by_eid()), None)
    if anchor is None:
        return []
    chain: list[Provision | None] = [None] * len(expressions)
    chain[anchor] = expressions[anchor].by_eid()[eid]
    for k in range(anchor, 0, -1):  # backwards: which old article became this one
        if chain[k] is None:
            break
        chain[k - 1] = _partner(expressions[k - 1], expressions[k], chain[k], backwards=True)
    for k in range(anchor, len(expressions) - 1):  # forwards: what became of it
        if chain[k] is None:
            break
        chain[k + 1] = _partner(expressions[k], expressions[k + 1], chain[k], backwards=False)
    return [step for k in range(len(expressions)) if (step := _step(k, chain[k - 1] if k else None, chain[k]))]


def _partner(old: Expression, new: Expression, article: Provision, *, backwards: bool) -> Provision | None:
    for change in diff_documents(old, new).changes:
        mine, theirs = (change.new, change.old) if backwards else (change.old, change.new)
        if mine is not None and mine.eid == article.eid:
            return theirs
    return None


def _step(index: int, before: Provision | None, after: Provision | None) -> Step | None:
    if before is None and after is None:
        return None
    if before is None:
        return Step(index, "added", after)
    if after is None:
        return Step(index, "removed", None, before)
    if own_text(before) != own_text(after):
        return Step(index, "changed", after, before)
    if (before.num, before.suffix) != (after.num, after.suffix):
        return Step(index, "renumbered", after, before)
    return None
