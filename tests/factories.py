"""Factories for expected values and small documents."""

from __future__ import annotations

from datetime import date

from lawdiff.eids import assign_eids
from lawdiff.model import Expression, Provision, Work
from lawdiff.numerals import int_to_cn


def paragraph(text: str, *points: Provision) -> Provision:
    return Provision("paragraph", text=text, children=points)


def point(num: int, text: str) -> Provision:
    return Provision("point", num, f"（{int_to_cn(num)}）", text=text)


def article(num: int, *paragraphs: str | Provision, suffix: int = 0) -> Provision:
    label = f"第{int_to_cn(num)}条" + (f"之{int_to_cn(suffix)}" if suffix else "")
    children = tuple(paragraph(p) if isinstance(p, str) else p for p in paragraphs)
    return Provision("article", num, label, children=children, suffix=suffix)


def chapter(num: int, heading: str, *children: Provision) -> Provision:
    return Provision("chapter", num, f"第{int_to_cn(num)}章", heading, children=children)


def expression(when: date, *body: Provision, title: str = "测试条例") -> Expression:
    work = Work(title, "cn-hl", "regulation", "ceshi", date(2020, 1, 1))
    return Expression(work, when, assign_eids(body))
