"""The 修改前后对照表 as one self-contained HTML page.

A drafter opens the file from a mail attachment or prints it: so the page
carries its own CSS (``akoma_ntoso/comparison.css``, inlined), loads nothing
and runs no script.  Each ``Change`` is one row: the old article with its
deletions struck through on the left, the new article with its insertions
underlined on the right, built from ``change.ops`` so that the two columns are
exactly the two printed texts.  Counts and anchors carry stable attributes
(``data-kind``, ``#new-art_13``/``#old-art_21``) for tools and tests.

``cell_lines`` (ops → lines of marked segments) is shared with the Word
renderer, so the two formats cannot disagree about what was struck out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import groupby
from typing import NamedTuple

from ..align import KINDS
from ..diff import Change, DocumentDiff
from ..model import Expression, Provision
from ..textdiff import Op
from .labels import KIND_LABELS

TEMPLATE = "comparison.html.j2"
STYLESHEET = "comparison.css"
OLD, NEW = -1, 1


class Segment(NamedTuple):
    """A run of text in one column: ``op`` -1 deleted, 0 kept, 1 inserted;
    ``label`` marks the article number at the start of the cell."""

    op: int
    text: str
    label: bool = False


@dataclass(frozen=True, slots=True)
class Cell:
    lines: tuple[tuple[Segment, ...], ...]
    runs: tuple[tuple[tuple[int, tuple[Segment, ...]], ...], ...]  # lines of (op, same-op segments)
    anchor: str  # this side's id ("old-art_13"), "" when an earlier row took it


@dataclass(frozen=True, slots=True)
class Row:
    kind: str
    label: str  # Chinese name of the kind, for the badge
    anchor: str  # the row's id, what the navigation links to
    old: Cell
    new: Cell
    link_text: str  # how the navigation names this row
    link_title: str


def diff_html(diff: DocumentDiff, *, only_changes: bool = False) -> str:
    """The comparison as an HTML page (UTF-8 text, no external resources)."""
    rows = comparison_rows(diff)
    shown = [row for row in rows if not (only_changes and row.kind == "unchanged")]
    return _template().render(
        title=diff.new.work.title,
        old=_version(diff.old),
        new=_version(diff.new),
        summary=[(kind, KIND_LABELS[kind], count) for kind, count in diff.summary.items()],
        total=len(diff.changes),
        hidden=len(rows) - len(shown),
        navigation=_navigation(rows),
        rows=shown,
        css=_stylesheet(),
    )


def cell_lines(ops: tuple[Op, ...], side: int, label_length: int = 0) -> tuple[tuple[Segment, ...], ...]:
    """One column's text as lines of segments.

    ``side`` is -1 (old column: kept and deleted text) or 1 (new column: kept
    and inserted text).  Every ``\\n`` starts a new line, also inside a
    deleted or inserted stretch; the first ``label_length`` characters (the
    article number) are flagged so they can be set in bold.  An empty column
    (inserted or deleted article) has no lines at all.
    """
    lines: list[list[Segment]] = [[]]
    offset = 0
    for op, text in ops:
        if op not in (0, side):
            continue
        for index, piece in enumerate(text.split("\n")):
            if index:
                lines.append([])
                offset += 1
            cut = max(0, min(len(piece), label_length - offset))
            if cut:
                lines[-1].append(Segment(op, piece[:cut], True))
            if piece[cut:]:
                lines[-1].append(Segment(op, piece[cut:]))
            offset += len(piece)
    if lines == [[]]:
        return ()
    return tuple(tuple(line) for line in lines)


def comparison_rows(diff: DocumentDiff) -> list[Row]:
    """Every change as a row, with unique anchors.

    An old article can appear twice (split: the article and the part split
    off it) and a new one too (merged), so each side's ``old-``/``new-`` id
    goes to its first row only; a row links by its new id, else its old id,
    else its position.
    """
    taken: set[str] = set()
    rows = []
    for index, change in enumerate(diff.changes, 1):
        old = _cell(change, OLD, change.old, "old", taken)
        new = _cell(change, NEW, change.new, "new", taken)
        anchor = new.anchor or old.anchor or f"change-{index}"
        text, title = _link(change)
        rows.append(Row(change.kind, KIND_LABELS[change.kind], anchor, old, new, text, title))
    return rows


def label_length(provision: Provision | None, text: str) -> int:
    """Length of the number (第十三条) that opens a cell, 0 when it has none."""
    if provision is None or not provision.label or not text.startswith(provision.label):
        return 0
    return len(provision.label)


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _cell(change: Change, side: int, provision: Provision | None, prefix: str, taken: set[str]) -> Cell:
    if provision is None:
        return Cell((), (), "")
    anchor = f"{prefix}-{provision.eid}" if provision.eid else ""
    if anchor in taken:
        anchor = ""
    taken.add(anchor)
    lines = cell_lines(change.ops, side, label_length(provision, change.old_text if side == OLD else change.new_text))
    return Cell(lines, tuple(_runs(line) for line in lines), anchor)


def _runs(line: tuple[Segment, ...]) -> tuple[tuple[int, tuple[Segment, ...]], ...]:
    """Consecutive segments with the same op, so that one insertion is one <ins>
    even when it starts with the (bold) article number."""
    return tuple((op, tuple(group)) for op, group in groupby(line, key=lambda segment: segment.op))


def _link(change: Change) -> tuple[str, str]:
    """Name a row as the drafter looks for it: the new number, or 原第…条 for
    an article that is gone (deleted, or merged into another); an unnumbered
    unit (a decision's 款) by its first words."""
    old = change.old.label if change.old is not None else ""
    new = change.new.label if change.new is not None else ""
    gone = change.kind in ("deleted", "merged") or change.new is None
    if gone and old:
        return f"原{old}", f"原{old}" + (f"，并入{new}" if new else "")
    if not gone and new:
        return new, (f"原{old}" if old and old != new else new)
    words = (change.old_text if gone else change.new_text).split("\n")[0]
    return (words[:12] + "…" if len(words) > 12 else words), words


def _navigation(rows: list[Row]) -> list[tuple[str, str, list[Row]]]:
    """Changed rows grouped by kind, in the order of ``KINDS``."""
    groups = []
    for kind in KINDS:
        if kind != "unchanged":
            members = [row for row in rows if row.kind == kind]
            if members:
                groups.append((kind, KIND_LABELS[kind], members))
    return groups


def _version(expression: Expression) -> dict:
    return {"title": expression.work.title, "date": expression.date.isoformat(),
            "date_cn": chinese_date(expression.date)}


@lru_cache(maxsize=1)
def _template():
    """The jinja2 template, autoescaped: every law text and title is escaped."""
    import jinja2
    from akoma_ntoso import HERE

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE)), autoescape=True,
                                     trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                                     undefined=jinja2.StrictUndefined)
    return environment.get_template(TEMPLATE)


@lru_cache(maxsize=1)
def _stylesheet():
    """The CSS, trusted (it is ours) but checked so it cannot close the <style>."""
    from markupsafe import Markup
    from akoma_ntoso import HERE

    css = (HERE / STYLESHEET).read_text("utf-8")
    if "</" in css:
        raise ValueError(f"{STYLESHEET} must not contain '</'")
    return Markup(css)
