"""Numbering checks on the model: gaps, duplicates and disorder at every level.

Articles are numbered across the whole act (之一 articles follow their base
article); chapters within their part, sections within their chapter, points
within their paragraph, 目 within their point, a decision's items within the
body.  A gap is reported with the unlabelled paragraph that probably holds the
missing provision (a source that lost a ``第十三条`` label leaves its text as
the last 款 of 第十二条), so a defect is named, never silently renumbered.
"""

from __future__ import annotations

from .findings import Finding, Severity
from .model import CONTAINER_KINDS, Expression, Provision
from .numerals import int_to_cn

_GROUP_ORDER = CONTAINER_KINDS + ("point", "subpoint", "paragraph")
_UNIT = {"part": "编", "subpart": "分编", "chapter": "章", "section": "节", "article": "条"}


def numbering_findings(expression: Expression, path: str = "") -> list[Finding]:
    findings: list[Finding] = []
    articles = list(expression.articles())
    _check_sequence(articles, findings, path, _loose_paragraphs(expression))
    _check_groups(expression.body, findings, path)
    return findings


def _label(kind: str, num: int) -> str:
    return f"第{int_to_cn(num)}{_UNIT[kind]}" if kind in _UNIT else f"（{int_to_cn(num)}）" if kind == "point" else str(num)


def _check_groups(children: tuple[Provision, ...], findings: list[Finding], path: str) -> None:
    groups: dict[str, list[Provision]] = {}
    for child in children:
        if child.num is not None and child.kind != "article":
            groups.setdefault(child.kind, []).append(child)
    for kind in _GROUP_ORDER:
        if kind in groups:
            _check_sequence(groups[kind], findings, path, [])
    for child in children:
        _check_groups(child.children, findings, path)


def _check_sequence(items: list[Provision], findings: list[Finding], path: str,
                    loose: list[Provision]) -> None:
    expected, previous = 1, None
    for item in items:
        if item.suffix:  # 第十条之一 must follow 第十条 (or 之(k-1))
            if previous is None or previous.num != item.num or previous.suffix != item.suffix - 1:
                findings.append(_finding("numbering-order", item, path,
                                         f"{item.label} does not follow {_label(item.kind, item.num)}"
                                         f"{'之' + int_to_cn(item.suffix - 1) if item.suffix > 1 else ''}"))
            previous = item
            continue
        if item.num == expected - 1 and previous is not None:
            findings.append(_finding("numbering-duplicate", item, path,
                                     f"{item.label} appears again (first as {previous.eid})"))
        elif item.num < expected:
            findings.append(_finding("numbering-order", item, path,
                                     f"{item.label} comes after {previous.label if previous else 'the start'}"))
        elif item.num > expected:
            missing = _label(item.kind, expected) + (
                f"–{_label(item.kind, item.num - 1)}" if item.num - 1 > expected else "")
            findings.append(_finding("numbering-gap", item, path,
                                     f"numbering jumps to {item.label}: {missing} missing"
                                     + _suspect(item.kind, previous, loose)))
        expected, previous = max(expected, item.num + 1), item


def _suspect(kind: str, previous: Provision | None, loose: list[Provision]) -> str:
    """Name the unlabelled text that probably is the missing provision."""
    if kind != "article":
        return ""
    if previous is None and loose:
        names = ", ".join(f"{p.eid} (line {p.line})" for p in loose[:3])
        return f"; unlabelled paragraph(s) before it probably hold the missing article(s): {names}"
    if previous is not None and len(previous.children) > 1:
        last = previous.children[-1]
        return (f"; the last paragraph of {previous.label}, {last.eid} (line {last.line}), "
                f"probably is the missing article with its label lost: “{last.text[:20]}…”")
    return ""


def _loose_paragraphs(expression: Expression) -> list[Provision]:
    """Paragraphs not inside any article (text a container holds directly)."""
    out: list[Provision] = []

    def visit(nodes: tuple[Provision, ...]) -> None:
        for node in nodes:
            if node.kind == "paragraph":
                out.append(node)
            elif node.kind in CONTAINER_KINDS:
                visit(node.children)

    visit(expression.body)
    return out


def _finding(rule: str, item: Provision, path: str, message: str) -> Finding:
    return Finding(rule, message, Severity.ERROR, item.eid, None, item.label, path, item.line or None)
