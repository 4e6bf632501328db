"""The amending decision as an AKN act, and the amended expression's metadata.

``decision_document`` writes the decision (``<act name="decision">``: a 修改决定
is itself an act) whose items are ``<paragraph>``s numbered 一、二、, each edit a
``<mod>`` with its quoted words as ``<quotedText>``; ``activeModifications``
has one ``textualMod`` per edit — substitution, insertion, repeal or
renumbering — whose ``destination`` is the provision's eId in the OLD
expression (for an insertion: the article after which, or the article or 款
inside which, it goes).  It also returns the NEW expression carrying the
matching ``passiveModifications`` (destinations in the new expression) and
the amendment lifecycle event.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from lxml import etree

from ..decision import GROUP_LEAD, Decision, Edit, Item, Ref, item_clauses, item_end
from ..model import Event, Expression, Modification, Work
from ..numerals import int_to_cn
from .act import E, _meta, _preface

_TYPE = {"replace": "substitution", "replace_words": "substitution", "delete_words": "repeal",
         "insert_words": "insertion", "insert": "insertion", "delete": "repeal", "renumber": "renumbering"}
_QUOTE = re.compile(r"“((?:[^“”]|\n“)*)”")


def old_eid(ref: Ref) -> str:
    eid = f"art_{ref.article}" + (f"-{ref.suffix}" if ref.suffix else "")
    if ref.paragraph:
        eid += f"__para_{ref.paragraph}"
    return eid + (f"__point_{ref.point}" if ref.point else "")


def decision_work(old: Expression, when: date) -> Work:
    return Work(f"关于修改《{old.work.title}》的决定", old.work.country, "decision",
                f"xiugai-{old.work.number}", when)


def decision_document(decision: Decision, old: Expression, applied, when: date) -> tuple[etree._Element, Expression]:
    """``applied`` is ``apply_decision(old, decision)``: it says where each old
    provision went, for the passive side."""
    work = decision_work(old, when)
    shell = Expression(work, when, ())
    active, passive, paragraphs = [], [], []
    for number, item in enumerate(decision.items, 1):
        eid = f"para_{number}"
        element = E.paragraph(E.num(f"{int_to_cn(number)}、"), eId=eid)
        if item.group:
            element.append(E.intro(E.p(GROUP_LEAD)))
            for sub_number, sub in enumerate(item.group, 1):
                point = E.point(E.num(f"（{int_to_cn(sub_number)}）"), eId=f"{eid}__point_{sub_number}")
                point.append(E.content(_item_p(sub, f"{eid}__point_{sub_number}", old, applied, shell, active, passive)))
                element.append(point)
        else:
            element.append(E.content(_item_p(item, eid, old, applied, shell, active, passive)))
        paragraphs.append(element)
    meta = _meta(shell)
    meta.insert(1, E.analysis(E.activeModifications(*active), source="#lawdiff"))
    act = E.act(meta, _preface(shell), E.body(*paragraphs), name="decision")
    if decision.renumber:
        act.find(f"{{{act.nsmap[None]}}}body").append(E.paragraph(
            E.content(E.p(f"《{old.work.title}》根据本决定作相应修改并对条文顺序作相应调整，重新公布。")),
            eId=f"para_{len(paragraphs) + 1}"))
    new = replace(applied.expression, date=when, events=old.events + (Event(when, "amendment"),),
                  modifications=tuple(passive))
    return E.akomaNtoso(act), new


def _item_p(item: Item, eid: str, old: Expression, applied, shell: Expression, active: list, passive: list):
    paragraph = E.p()
    for number, (separator, edit, text) in enumerate(item_clauses(item), 1):
        _append_text(paragraph, separator)
        mod_eid = f"{eid}__mod_{number}"
        mod = E.mod(eId=mod_eid)
        quotes = _quoted(mod, text, mod_eid)
        paragraph.append(mod)
        active.append(_active(edit, mod_eid, quotes, old, len(active) + 1))
        passive.append(_passive(edit, f"{shell.uri}/~{mod_eid}", old, applied))
    _append_text(paragraph, item_end(item))
    return paragraph


def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _quoted(mod: etree._Element, text: str, mod_eid: str) -> list[str]:
    """Wording with each “…” as a quotedText; returns their eIds in order."""
    eids, position = [], 0
    for match in _QUOTE.finditer(text):
        _append_text(mod, text[position:match.start()])
        eid = f"{mod_eid}__qtext_{len(eids) + 1}"
        mod.append(E.quotedText(match.group(1).replace("\n“", "\n"), eId=eid, startQuote="“", endQuote="”"))
        eids.append(eid)
        position = match.end()
    _append_text(mod, text[position:])
    return eids


def _active(edit: Edit, mod_eid: str, quotes: list[str], old: Expression, number: int) -> etree._Element:
    destination, pos = _destination(edit, old)
    element = E.textualMod(E.source(href=f"#{mod_eid}"), eId=f"amod_{number}", type=_TYPE[edit.action])
    element.append(E.destination(href=f"{old.uri}/~{destination}", **({"pos": pos} if pos else {})))
    if edit.action in ("replace_words", "delete_words") and quotes:
        element.append(E.old(href=f"#{quotes[0]}"))
    if edit.action in ("replace_words", "insert_words", "replace", "insert") and quotes:
        element.append(E.new(href=f"#{quotes[-1]}"))
    return element


def _destination(edit: Edit, old: Expression) -> tuple[str, str]:
    if edit.action != "insert":
        return old_eid(edit.target), ""
    place = edit.position[0]
    if place.unit == "article":
        before = [a for a in old.articles() if (a.num, a.suffix) < (place.article, place.suffix)]
        target = edit.target or (Ref(before[-1].num, before[-1].suffix) if before else None)
        return (old_eid(target), "after") if target else (next(old.articles()).eid, "before")
    return old_eid(edit.target), "inside"


def _passive(edit: Edit, source: str, old: Expression, applied) -> Modification:
    kind = _TYPE[edit.action]
    if edit.action == "delete":
        return Modification(kind, source, f"{old.uri}/~{old_eid(edit.target)}")
    if edit.action == "insert":
        place = edit.position[0]
        if place.unit == "article":
            return Modification(kind, source, f"#{old_eid(place)}")
        return Modification(kind, source, f"#{_new_eid(applied, replace(place, paragraph=None, point=None))}")
    if edit.action == "renumber":
        place = edit.position[0]
        destination = old_eid(place) if place.paragraph is None else _new_eid(applied, edit.target)
        return Modification(kind, source, f"#{destination}", f"{old.uri}/~{old_eid(edit.target)}")
    return Modification(kind, source, f"#{_new_eid(applied, edit.target)}")


def _new_eid(applied, ref: Ref) -> str:
    """Where a provision named by old numbers is now; its article if the 款 itself is gone."""
    return applied.new_eid(ref) or applied.new_eid(Ref(ref.article, ref.suffix)) or old_eid(ref)
