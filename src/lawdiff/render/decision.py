"""An amendment report (a decision drafted from two versions) as text, Markdown, JSON and Word."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

from ..apply import Applied
from ..decision import Decision, Edit, Item, Ref, render_decision, render_item
from ..numerals import int_to_cn
from ..akn.amendment import old_eid


def report_markdown(decision: Decision, title: str) -> str:
    body = render_decision(decision).replace("\n", "\n\n")
    return f"# 关于修改《{title}》的决定（草案）\n\n{body}"


def _main_edit(item: Item) -> Edit:
    return next((e for e in item.edits if e.action != "renumber"), item.edits[0])


def _items(decision: Decision):
    for number, item in enumerate(decision.items, 1):
        if item.group:
            for sub_number, sub in enumerate(item.group, 1):
                yield f"{int_to_cn(number)}（{int_to_cn(sub_number)}）", sub
        else:
            yield int_to_cn(number), item


def report_json(decision: Decision, applied: Applied) -> str:
    """``{"items": [{"no", "kind", "old_eid", "new_eid", "old_text", "new_text", "wording", "edits"}]}``."""
    items = []
    for number, item in _items(decision):
        edit = _main_edit(item)
        items.append({"no": number, "kind": edit.action, "old_eid": _old(edit), "new_eid": _new(edit, applied),
                      "old_text": edit.old, "new_text": edit.new, "wording": render_item(item),
                      "edits": [{"kind": e.action, "old_eid": _old(e), "new_eid": _new(e, applied),
                                 "old_text": e.old or e.anchor, "new_text": e.new} for e in item.edits]})
    return json.dumps({"items": items, "renumber": decision.renumber}, ensure_ascii=False, indent=1)


def _old(edit: Edit) -> str | None:
    return old_eid(edit.target) if edit.target is not None and edit.target.article is not None else None


def _new(edit: Edit, applied: Applied) -> str | None:
    """The eId in the new version: of the inserted or renumbered provision, or
    of the provision the edit changes."""
    if edit.action in ("insert", "renumber") and edit.position:
        place = edit.position[0]
        if place.unit == "article":
            return old_eid(place)
        article = applied.new_eid(Ref(edit.target.article, edit.target.suffix)) if edit.target else None
        return article and f"{article}__para_{place.paragraph}" + (f"__point_{place.point}" if place.point else "")
    if edit.action == "delete" or edit.target is None:
        return None
    return applied.new_eid(edit.target)


def report_docx(decision: Decision, title: str, when: date) -> bytes:
    """The draft decision as a Word document: centred title, one paragraph per line."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    document = docx.Document()
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(f"关于修改《{title}》的决定（草案）")
    run.bold = True
    for line in render_decision(decision).rstrip("\n").split("\n"):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = docx.shared.Pt(24)
        text_run = paragraph.add_run(line)
        text_run.font.name = "SimSun"
        text_run._element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    stamp = datetime(when.year, when.month, when.day)  # deterministic output: the decision's date, not now
    document.core_properties.created = document.core_properties.modified = stamp
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
