"""The 对照表 in a terminal (rich): deletions struck through in red, insertions
underlined in green, one row per aligned article."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from ..diff import Change, DocumentDiff
from .labels import KIND_LABELS


def diff_table(diff: DocumentDiff, *, only_changes: bool = False) -> Table:
    summary = "，".join(f"{KIND_LABELS[kind]} {count}" for kind, count in diff.summary.items())
    table = Table(title=f"《{diff.new.work.title}》修改前后对照表", caption=summary, show_lines=True, expand=True)
    table.add_column("类别", no_wrap=True)
    table.add_column(f"修改前（{diff.old.date.isoformat()}）", ratio=1, overflow="fold")
    table.add_column(f"修改后（{diff.new.date.isoformat()}）", ratio=1, overflow="fold")
    for change in diff.changes:
        if only_changes and change.kind == "unchanged":
            continue
        table.add_row(KIND_LABELS[change.kind], side(change, -1), side(change, 1))
    return table


def side(change: Change, which: int) -> Text:
    """One column of a row: the ops for the old (-1) or new (1) text, styled."""
    text = Text()
    style = "strike red" if which < 0 else "underline green"
    for op, piece in change.ops:
        if op == 0:
            text.append(piece)
        elif op == which:
            text.append(piece, style=style)
    return text
