"""JSON for comparisons: ``{"old", "new", "summary", "changes": [...]}``."""

from __future__ import annotations

import json

from ..diff import Change, DocumentDiff
from ..model import Expression


def expression_meta(expression: Expression) -> dict:
    return {"title": expression.work.title, "work": expression.work.uri, "expression": expression.uri,
            "date": expression.date.isoformat()}


def change_dict(change: Change) -> dict:
    return {
        "kind": change.kind,
        "old_eid": change.old.eid if change.old else None,
        "new_eid": change.new.eid if change.new else None,
        "old_num": change.old.label if change.old else None,
        "new_num": change.new.label if change.new else None,
        "similarity": change.similarity,
        "ops": [[op, text] for op, text in change.ops],
        "children": [change_dict(child) for child in change.children],
    }


def diff_json(diff: DocumentDiff, *, only_changes: bool = False) -> str:
    changes = [c for c in diff.changes if not (only_changes and c.kind == "unchanged")]
    return json.dumps({"old": expression_meta(diff.old), "new": expression_meta(diff.new),
                       "summary": diff.summary, "changes": [change_dict(c) for c in changes]},
                      ensure_ascii=False, indent=1)
