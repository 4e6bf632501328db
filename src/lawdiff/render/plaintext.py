"""The model as printed text: the inverse of ``parse_text`` for the body.

``render_provision`` gives a provision as a drafter reads it (``第五条 经营者…``,
later 款 on their own lines, ``（一）…`` points); diffs, reports and the
对照表 compare these strings, so they show numbering changes as text too.
"""

from __future__ import annotations

from ..model import CONTAINER_KINDS, Expression, Provision


def render_provision(provision: Provision) -> str:
    return "\n".join(_lines(provision))


def render_body(expression: Expression) -> str:
    return "\n".join(line for provision in expression.body for line in _lines(provision))


def render_expression(expression: Expression) -> str:
    """Title, history lines, preamble and body: text that ``parse_text`` reads back."""
    head = [expression.work.title, *expression.preface, *expression.preamble]
    return "\n".join(head) + "\n" + render_body(expression) + "\n"


def _lines(provision: Provision) -> list[str]:
    if provision.kind in CONTAINER_KINDS:
        head = " ".join(part for part in (provision.label, provision.heading) if part)
        return [head] + [line for child in provision.children for line in _lines(child)]
    if provision.kind == "article":
        lines = [line for child in provision.children for line in _lines(child)] or [""]
        lines[0] = f"{provision.label} {lines[0]}".rstrip() if lines[0] or provision.label else lines[0]
        return lines
    own = f"{provision.label}{provision.text}" if provision.kind != "paragraph" or provision.label else provision.text
    lines = own.split("\n") if own or not provision.children else []
    return lines + [line for child in provision.children for line in _lines(child)]
