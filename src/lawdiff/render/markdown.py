"""The 对照表 as a Markdown table: ``~~deleted~~`` and ``**inserted**``."""

from __future__ import annotations

from ..diff import Change, DocumentDiff
from .labels import KIND_LABELS


def diff_markdown(diff: DocumentDiff, *, only_changes: bool = False) -> str:
    lines = [f"# 《{diff.new.work.title}》修改前后对照表", "",
             f"修改前：{diff.old.date.isoformat()}　修改后：{diff.new.date.isoformat()}", "",
             "　".join(f"{KIND_LABELS[kind]} {count}" for kind, count in diff.summary.items()), "",
             "| 类别 | 修改前 | 修改后 |", "|---|---|---|"]
    for change in diff.changes:
        if not (only_changes and change.kind == "unchanged"):
            lines.append(f"| {KIND_LABELS[change.kind]} | {_cell(change, -1)} | {_cell(change, 1)} |")
    return "\n".join(lines) + "\n"


def _cell(change: Change, which: int) -> str:
    mark = "~~" if which < 0 else "**"
    parts = []
    for op, piece in change.ops:
        if op == 0 or op == which:
            escaped = piece.replace("|", "\\|").replace("*", "\\*").replace("~", "\\~")
            if op:
                escaped = "<br>".join(f"{mark}{line}{mark}" if line else "" for line in escaped.split("\n"))
            else:
                escaped = escaped.replace("\n", "<br>")
            parts.append(escaped)
    return "".join(parts)
