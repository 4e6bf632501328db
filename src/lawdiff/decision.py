"""Amendment decisions (修改决定) as data, and their official wording.

A ``Decision`` is a list of numbered ``Item``s, each a list of ``Edit``s.  Edits
refer to provisions by their numbers in the OLD text (``target``) and place new
provisions by their numbers in the NEW text (``position``), as Chinese
amendment decisions do.  ``render_decision`` writes the wording of the national
drafting conventions; ``decision_parse.parse_decision`` reads it back (and
real decisions).  The two are inverses: ``parse(render(d)) == d``.

Wording used (X, Y, N: Chinese numerals; “…” the quoted text, each paragraph
opening with “ and only the last closing with ”):

=====================  ==============================================================
edit                   wording
=====================  ==============================================================
replace                将第X条[第Y款[第Z项]]修改为：“…”
replace_words          将第X条[第Y款]中的“A”修改为“B”
delete_words           删去第X条[第Y款]中的“A”
insert_words           在第X条[第Y款]中的“A”后增加“B”（…“A”前增加“B”）
insert (article)       增加一条，作为第N条：“…” / 在第X条后增加一条，作为第X条之一：“…”
insert (paragraph)     在第X条中增加一款，作为第N款：“…”（增加二款，作为第二款、第三款）
insert (point)         在第X条第Y款中增加一项，作为第N项：“…”
delete                 删去第X条[第Y款[第Z项]]。
renumber               将第X条改为第Y条 / 将第X条第Y款改为第N条（拆分）
rename                 将第X章[第Y节]的章名（节名）修改为“…”
unsection              删去第X章第Y节的节名（其条文不再分节）
layout                 [增加一章，作为]第N章“…”由第A条至第B条组成（新编号）
=====================  ==============================================================

``在“A”后增加“B”`` carries implicit punctuation, as official decisions do
(2022 反垄断法 decision: 在“保护市场公平竞争”后增加“鼓励创新” gives
``保护市场公平竞争，鼓励创新，``; 在“商业秘密”后增加“个人隐私和个人信息” gives
``商业秘密、个人隐私和个人信息``): see ``implicit_separator``.  lawdiff's own
reports only use this form where the rule gives exactly the new text.

Inside one item the first edit names the article; later edits of the same
article leave it implicit (``将第十条改为第十三条，第一款修改为：“…”``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .numerals import int_to_cn

#: Closing sentence of a decision whose numbering changed.
RENUMBER_CLOSING = "此外，对条文顺序作相应调整。"


@dataclass(frozen=True, slots=True)
class Ref:
    """第X条[之S][第Y款][第Z项]; ``article`` None means "the item's article"."""

    article: int | None = None
    suffix: int = 0
    paragraph: int | None = None
    point: int | None = None
    preamble: int | None = None  # 序言第N自然段 (宪法)
    chapter: int | None = None  # 第N章[第M节]: a container, for renames and layouts
    section: int | None = None

    def label(self, *, with_article: bool = True, with_paragraph: bool = True) -> str:
        out = f"序言第{int_to_cn(self.preamble)}自然段" if self.preamble else ""
        if self.chapter is not None:
            return f"第{int_to_cn(self.chapter)}章" + (f"第{int_to_cn(self.section)}节" if self.section else "")
        if self.article is not None and with_article:
            out = f"第{int_to_cn(self.article)}条" + (f"之{int_to_cn(self.suffix)}" if self.suffix else "")
        if self.paragraph is not None and with_paragraph:
            out += f"第{int_to_cn(self.paragraph)}款"
        if self.point is not None:
            out += f"第{int_to_cn(self.point)}项"
        return out

    @property
    def unit(self) -> str:
        if self.chapter is not None:
            return "section" if self.section else "chapter"
        return "point" if self.point is not None else "paragraph" if self.paragraph is not None else "article"


@dataclass(frozen=True, slots=True)
class Edit:
    """One operation.  ``new`` holds new provision text with ``\\n`` between
    paragraphs; ``old`` the quoted words being replaced or deleted; ``anchor``
    the words an insertion goes after (or before, with ``before``)."""

    action: str  # replace | replace_words | delete_words | insert_words | insert | delete | renumber | rename | layout
    target: Ref | None = None
    position: tuple[Ref, ...] = ()
    old: str = ""
    new: str = ""
    anchor: str = ""
    before: bool = False


@dataclass(frozen=True, slots=True)
class Item:
    """A numbered item of the decision; ``group`` items hold sub-items (（一）…)."""

    edits: tuple[Edit, ...] = ()
    group: tuple["Item", ...] = ()
    text: str = field(default="", compare=False)  # the item as read; not part of its meaning


@dataclass(frozen=True, slots=True)
class Decision:
    items: tuple[Item, ...]
    renumber: bool = False  # 对条文顺序作相应调整


_CONJUNCTIONS = ("和", "或者", "或", "及", "以及", "并", "并且", "与", "等", "的")
_PUNCTUATION = "，、；。：！？）”"


def implicit_separator(following: str, words: str) -> str:
    """The punctuation an insertion after an anchor brings with it: none when
    the words start with punctuation or a conjunction; ``，`` before a clause
    break; ``、`` otherwise (an item added to an enumeration)."""
    if not words or words[0] in _PUNCTUATION or words.startswith(_CONJUNCTIONS):
        return ""
    if following in ("，", "；", "。", "："):
        return "，"
    return "、"


def quote(text: str) -> str:
    """Quote provision text the official way: “p1\\n“p2” (one closing mark)."""
    return "\n".join("“" + line for line in text.split("\n")) + "”"


def render_edit(edit: Edit, *, with_article: bool, with_paragraph: bool = True) -> str:
    """The wording of one edit; ``with_article`` False inside an item that has
    already named its article (then no 将: ``，第一款修改为：“…”``), and
    ``with_paragraph`` False right after that 款 was renumbered (``其中的…``)."""
    target = edit.target.label(with_article=with_article, with_paragraph=with_paragraph) if edit.target else ""
    lead = "将" if with_article and target else ""
    if edit.action == "replace":
        return f"{lead}{target}修改为：{quote(edit.new)}"
    if edit.action == "replace_words":
        return f"{lead}{target}中的“{edit.old}”修改为“{edit.new}”" if target else f"其中的“{edit.old}”修改为“{edit.new}”"
    if edit.action == "delete_words":
        return f"删去{target}中的“{edit.old}”" if target else f"删去其中的“{edit.old}”"
    if edit.action == "insert_words" and not edit.anchor:
        return f"在{target}最后增加“{edit.new}”"
    if edit.action == "insert_words":
        where = f"{target}中的" if target else ""
        return f"在{where}“{edit.anchor}”{'前' if edit.before else '后'}增加“{edit.new}”"
    if edit.action == "delete":
        return f"删去{target}"
    if edit.action == "renumber":  # 将第三款改为第四款 keeps its 将 even inside an item, as in official decisions
        lead = "将" if lead or edit.position[0].unit == "paragraph" else ""
        return f"{lead}{target}改为{edit.position[0].label(with_article=edit.position[0].unit == 'article')}"
    if edit.action == "insert":
        return _render_insert(edit, target)
    if edit.action == "rename":
        return f"将{edit.target.label()}的{'节' if edit.target.section else '章'}名修改为“{edit.new}”"
    if edit.action == "unsection":
        return f"删去{edit.target.label()}的节名"
    if edit.action == "layout":
        where, first, last = edit.position
        lead = f"增加一{'节' if where.section else '章'}，作为" if edit.old == "new" else ""
        return f"{lead}{where.label()}“{edit.new}”，由{first.label()}至{last.label()}组成"
    raise ValueError(f"unknown edit action {edit.action!r}")


_UNIT_WORD = {"article": "条", "paragraph": "款", "point": "项"}


def _render_insert(edit: Edit, target: str) -> str:
    unit = edit.position[0].unit
    count = int_to_cn(len(edit.position))
    places = "、".join(p.label(with_article=unit == "article") for p in edit.position)
    where = ""
    if target and unit == "article":
        where = f"在{target}后"
    elif target:
        where = f"在{target}中"
    return f"{where}增加{count}{_UNIT_WORD[unit]}，作为{places}：{quote(edit.new)}"


GROUP_LEAD = "对部分条文作以下修改："


def item_clauses(item: Item) -> list[tuple[str, Edit, str]]:
    """(separator before, edit, wording) for each edit of a plain item; the
    item's text is their concatenation plus ``item_end(item)``."""
    clauses: list[tuple[str, Edit, str]] = []
    named, renumbered_paragraph = None, None
    for edit in item.edits:
        in_paragraph = edit.target is not None and edit.target.paragraph is not None \
            and edit.target.paragraph == renumbered_paragraph and edit.target.point is None
        text = render_edit(edit, with_article=edit.target is None or edit.target.article != named,
                           with_paragraph=not in_paragraph)
        if edit.target is not None and edit.target.article is not None:
            named = edit.target.article
        is_paragraph_move = edit.action == "renumber" and edit.position and edit.position[0].unit == "paragraph"
        renumbered_paragraph = edit.target.paragraph if is_paragraph_move else None
        previous = clauses[-1][2] if clauses else ""
        separator = "" if not clauses else "\n" if previous.endswith("”") and "：“" in previous else "，"
        clauses.append((separator, edit, text))
    return clauses


def item_end(item: Item) -> str:
    """A quoted provision or sentence closes an item by itself; other items end with 。"""
    last = item.edits[-1] if item.edits else None
    closed = last is not None and (last.action in ("replace", "insert") or last.new.endswith(("。", "；", "：")))
    return "" if closed else "。"


def render_item(item: Item) -> str:
    if item.group:
        lines = [GROUP_LEAD] + [f"（{int_to_cn(k)}）{render_item(sub)}" for k, sub in enumerate(item.group, 1)]
        return "\n".join(lines)
    return "".join(separator + text for separator, _, text in item_clauses(item)) + item_end(item)


def render_decision(decision: Decision) -> str:
    """The body of the decision, ready to paste: 一、…  二、…  (closing sentence)."""
    lines = [f"{int_to_cn(k)}、{render_item(item)}" for k, item in enumerate(decision.items, 1)]
    if decision.renumber:
        lines.append(RENUMBER_CLOSING)
    return "\n".join(lines) + "\n"
