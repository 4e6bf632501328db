"""Reading amendment decisions: lawdiff's own wording and real, pasted ones.

Pasted decisions vary; ``clean_decision_text`` makes them regular first —
Markdown marks dropped, straight quotes turned into “ ”, paragraphs rejoined —
and ``parse_decision`` then cuts items (``一、`` or ``第X条 `` at a line start,
``（一）`` inside a ``对部分条文作以下修改`` group), keeps only the section for the
amended law when one decision amends several (``一、对《X法》作出修改``), and
reads each item clause by clause with the patterns below.  A clause it cannot
read makes its item *not understood*: the item is reported with its text,
never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .decision import Decision, Edit, Item, Ref
from .numerals import NUMERAL_CHARS, cn_to_int

_N = f"[{NUMERAL_CHARS}]+"
_CN = "[一二三四五六七八九十百千零两]+"
_LAW = r"(?:刑法|宪法|本法|本条例|该法|该条例)?"
REF = (rf"{_LAW}(?:序言第(?P<R>{_N})自然段)?(?:第(?P<A>{_N})条(?:之(?P<S>{_CN}))?"
       rf"(?:[\u4e00-\u9fff]{{2,16}}?(?=第{_N}项)|\uE000\d+\uE001中(?=第{_N}项))?)?"
       rf"(?:第(?P<P>{_N})款)?(?:第(?P<I>{_N})项)?"
       r"(?:第[一二三四五六七八九十]+句|[前后][一二三四五六七八九十两]+句)?")  # 宪法第六十七条…职权第二十项, 第二句
_Q = "\uE000(?P<{}>\\d+)\uE001"  # a quotation, replaced by its index before matching
_SEP = re.compile(r"[，,；;。\s]*")
_ITEM = re.compile(rf"^(?:(?P<cn>{_CN})、|第(?P<art>{_N})条[\s　]+)")
_SUB = re.compile(rf"^[（(](?P<cn>{_CN})[）)]")


def _ref(name: str) -> str:
    pattern = REF
    for group in "ASPIR":
        pattern = pattern.replace(f"?P<{group}>", f"?P<{name}{group}>")
    return pattern


def _q(name: str) -> str:
    return _Q.format(name)


#: Clause patterns, tried in order at each position of an item.
_COLON = r"[：:]?\s*"
CLAUSES = [
    ("new_section", re.compile(  # 宪法修正案 (2018) 第五十二条: a 节 and its articles, given after 内容如下
        rf"{_LAW}第(?P<chapter>{_N})章(?:{_q('desc')})?中增加一节，作为第(?P<section>{_N})节{_q('caption')}[；;，,]"
        rf"增加(?P<count>{_CN})条，分别作为第(?P<first>{_N})条至第(?P<last>{_N})条。?内容如下[：:]\s*(?P<body>[\s\S]+)$")),
    ("renumber_range", re.compile(rf"第{_N}(?P<u>条|款|项)(?:[至、]第{_N}(?P=u))+相应地?改为"
                                  rf"第{_N}(?P=u)(?:[至、]第{_N}(?P=u))+")),
    ("renumber", re.compile(rf"(?:将|原)?{_ref('t')}(?:相应地?)?(?:改为|作为){_ref('p')}(?!：|:|“)")),
    ("insert_words", re.compile(
        rf"在?{_ref('t')}(?:中的?|[：:])?{_q('anchor')}之?(?P<side>后|前)(?:增加|增写(?:一句，内容为)?){_COLON}{_q('new')}")),
    ("append_words", re.compile(rf"在?{_ref('t')}(?:最后|末尾)增加{_COLON}{_q('new')}")),
    ("replace_words", re.compile(
        rf"(?:将)?{_ref('t')}(?:中的?|[：:]|其中的)?{_q('old')}修改为{_COLON}{_q('new')}")),
    ("replace", re.compile(rf"(?:将)?(?:该条|这一条|这一款|这一自然段)?{_ref('t')}(?P<also>(?:、第{_N}款)*)"
                           rf"(?:相应地?)?修改为{_COLON}{_q('new')}")),
    ("rename", re.compile(rf"(?:将)?{_LAW}第(?P<chapter>{_N})章(?:第(?P<section>{_N})节)?的?(?:章名|节名)"
                          rf"(?:中的)?(?:{_q('old')})?修改为{_COLON}{_q('new')}")),
    ("unsection", re.compile(rf"删去{_LAW}第(?P<chapter>{_N})章第(?P<section>{_N})节的节名")),
    ("layout", re.compile(rf"(?P<fresh>增加一(?:章|节)，作为)?第(?P<chapter>{_N})章(?:第(?P<section>{_N})节)?"
                          rf"{_q('new')}，?由第(?P<first>{_N})条至第(?P<last>{_N})条组成")),
    ("delete_words", re.compile(rf"删去{_ref('t')}(?:中的|其中的)?{_q('old')}")),
    ("delete", re.compile(rf"删去{_ref('t')}(?P<more>(?:、{REF.replace('?P<', '?P<x')})*)(?=[。；，\s]|$)")),
    ("insert", re.compile(
        rf"(?:在?{_ref('t')}(?:{_q('desc')})?(?:中|后)?|{_ref('u')})?增加(?P<count>{_CN})(?P<unit>条|款|项)[，,]?"
        rf"(?:(?:分别)?作为(?P<places>第[^：:“，,\uE000]*))?(?:{_q('caption')})?[，,]?(?:规定)?{_COLON}(?:{_q('new')})?")),
    ("insert_provision", re.compile(rf"{_ref('t')}增加规定{_COLON}{_q('new')}")),
]
_PLACE = re.compile(rf"第(?P<A>{_N})(?P<unit>条|款|项)(?:之(?P<S>{_CN}))?")


@dataclass(frozen=True, slots=True)
class ParseResult:
    decision: Decision
    not_understood: tuple[Item, ...]


def clean_decision_text(text: str) -> str:
    """Regularise pasted text: drop Markdown marks, curl straight quotes, and
    rejoin lines that only a page or blank line separated."""
    lines = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = re.sub(r"^#{1,6}\s+", "", re.sub(r"^(?:>\s?)+", "", raw.strip()).strip()).strip()
        if line and line != "<!-- INFO END -->":
            lines.append(line)
    return _curl_quotes("\n".join(lines))


def _curl_quotes(text: str) -> str:
    """Straight " → “ or ”: a quote opens unless one is open; an opening quote
    at a line start continues a multi-paragraph quotation."""
    out, open_ = [], False
    for index, char in enumerate(text):
        if char == '"':
            at_line_start = index == 0 or text[index - 1] == "\n"
            char = "“" if (not open_ or at_line_start) else "”"
            open_ = char == "“"
        elif char in "“”":
            open_ = char == "“" and not (open_ and not (index == 0 or text[index - 1] == "\n"))
        out.append(char)
    return "".join(out)


def parse_decision(text: str, *, law_title: str | None = None) -> ParseResult:
    """Items of a decision (its section for ``law_title`` if it amends several laws)."""
    cleaned = clean_decision_text(text)
    renumber = "条文顺序作相应调整" in cleaned or "条文顺序作相应的调整" in cleaned
    chunks = _items(cleaned)
    if law_title is not None:
        chunks = _section_for(chunks, law_title)
    items = [_parse_item(chunk) for chunk in chunks]
    items = [item for item in items if item is not None]
    bad = tuple(item for item in items if _not_understood(item))
    return ParseResult(Decision(tuple(items), renumber), bad)


_CLOSING = re.compile(r"^(?:本决定自|本修正案自|此外，|《[^》]+》根据本决定)")


def _items(text: str) -> list[str]:
    chunks: list[str] = []
    for line in text.split("\n"):
        if _CLOSING.match(line):
            break
        quoting = bool(chunks) and re.search(r"内容如下[：:]", chunks[-1]) is not None
        if (_ITEM.match(line) and (not quoting or _follows(chunks[-1], line))) or not chunks:
            chunks.append(line)
        else:
            chunks[-1] += "\n" + line
    items = [c for c in chunks if _ITEM.match(c)]
    if not items and chunks:  # a one-item decision without a number: 删去第九条。
        whole = _PURPOSE.sub("", "\n".join(chunks), count=1)
        if any(p.match(whole) for _, p in CLAUSES):
            return ["一、" + whole]
    return items


def _follows(previous: str, line: str) -> bool:
    """Is ``line`` the item after ``previous`` (一、→二、, 第五十二条→第五十三条)?  Inside
    articles quoted after 内容如下, other 第X条 lines are content, not items."""
    numbers = [_ITEM.match(text) for text in (previous, line)]
    values = [cn_to_int(m.group("cn") or m.group("art")) for m in numbers]
    return values[1] == values[0] + 1


#: 为了惩治…，将刑法第三百四十二条修改为：… — the purpose before a one-item decision.
_PURPOSE = re.compile(r"^为了[^“”]*?，(?=将|在|删去|增加)")


def _section_for(chunks: list[str], law_title: str) -> list[str]:
    """``一、对《中华人民共和国X法》作出修改`` sections: keep the one for the law."""
    heads = [re.match(rf"^{_CN}、对《([^》]+)》(?:作出修改|的修改|作如下修改)", c) for c in chunks]
    if not any(heads):
        return chunks
    short = law_title.removeprefix("中华人民共和国")
    for head, chunk in zip(heads, chunks):
        if head and head.group(1).removeprefix("中华人民共和国") == short:
            return _items_of_section(chunk)
    return []


def _items_of_section(chunk: str) -> list[str]:
    body = chunk.split("\n", 1)[1] if "\n" in chunk else ""
    out: list[str] = []
    for line in body.split("\n"):
        if _SUB.match(line):
            out.append("一、" + _SUB.sub("", line, count=1))
        elif out:
            out[-1] += "\n" + line
    return out


def _parse_item(chunk: str) -> Item | None:
    body = _ITEM.sub("", chunk, count=1).strip()
    if body.startswith(("本决定自", "本修正案自", "本法自", "此外")) or "根据本决定作相应修改" in body:
        return None
    group = re.match(r"^对部分条文作(?:以下|如下)修改[：:]\s*", body)
    if group:
        subs = [s for s in re.split(rf"\n(?=[（(]{_CN}[）)])", body[group.end():]) if s.strip()]
        return Item(group=tuple(_parse_clauses(_SUB.sub("", s.strip(), count=1), s.strip()) for s in subs),
                    text=body)
    return _parse_clauses(body, body)


def _not_understood(item: Item) -> bool:
    return (not item.edits and not item.group) or any(_not_understood(sub) for sub in item.group)


def _hide_quotations(text: str) -> tuple[str, list[str]]:
    """Replace each outermost “…” by a numbered placeholder, so quoted text —
    which may itself contain “三个代表” or 第X条 — never confuses the clause
    patterns.  A “ at a line start continues a multi-paragraph quotation."""
    out, quotes, depth, current = [], [], 0, []
    for index, char in enumerate(text):
        continues = char == "“" and depth == 1 and index > 0 and text[index - 1] == "\n" \
            and current and current[-1] == "\n"
        if char == "“" and not continues:
            depth += 1
            if depth == 1:
                current = []
                continue
        elif char == "”" and depth:
            depth -= 1
            if depth == 0:
                out.append(f"\uE000{len(quotes)}\uE001")
                quotes.append("".join(current))
                continue
        if depth:
            if not continues:
                current.append(char)
        else:
            out.append(char)
    if depth == 1:  # a quotation left open at the end of an item ends with the item
        out.append(f"\uE000{len(quotes)}\uE001")
        quotes.append("".join(current))
    elif depth:
        return text, []
    return _merge_adjacent("".join(out), quotes)


def _restore(text: str, quotes: list[str]) -> str:
    """Put hidden quotations back (text a clause takes whole, e.g. articles after 内容如下)."""
    return re.sub(r"\uE000(\d+)\uE001", lambda m: "“" + quotes[int(m.group(1))] + "”", text)


def _merge_adjacent(text: str, quotes: list[str]) -> tuple[str, list[str]]:
    """``“甲。”“乙。”`` (宪法修正案 style) is one quotation of two paragraphs."""
    def merge(match: re.Match) -> str:
        numbers = [int(n) for n in re.findall(r"\uE000(\d+)\uE001", match.group())]
        quotes[numbers[0]] = "\n".join(quotes[n] for n in numbers)
        return f"\uE000{numbers[0]}\uE001"

    return re.sub(r"(?:\uE000\d+\uE001){2,}", merge, text), quotes


def _parse_clauses(body: str, text: str) -> Item:
    body, quotes = _hide_quotations(body)
    edits: list[Edit] = []
    article: tuple[int, int, int | None] | None = None  # the item's article (and 款) in context
    position = 0
    while True:
        position = _SEP.match(body, position).end()
        if position >= len(body):
            return Item(edits=tuple(edits), text=text)
        for action, pattern in CLAUSES:
            match = pattern.match(body, position)
            if match and match.end() > position:
                edit, article = _edit(action, match, article, quotes)
                if isinstance(edit, list):
                    edits.extend(edit)
                elif edit is not None:
                    edits.append(edit)
                position = match.end()
                break
        else:
            return Item(edits=(), text=text)  # a clause it cannot read: the whole item is not understood


def _target(match: re.Match, prefix: str, article: tuple[int, int] | None) -> Ref | None:
    groups = {k: match.groupdict().get(prefix + k) for k in "ASPIR"}
    if groups["R"]:
        return Ref(None, 0, None, None, cn_to_int(groups["R"]))
    if not any(groups.values()):  # 其中的…: the item's article, or the 款 just renumbered
        return Ref(*article) if article else None
    article = article[:2] if article else None
    number = cn_to_int(groups["A"]) if groups["A"] else (article[0] if article else None)
    suffix = cn_to_int(groups["S"]) if groups["S"] else (0 if groups["A"] else (article[1] if article else 0))
    return Ref(number, suffix, cn_to_int(groups["P"]) if groups["P"] else None,
               cn_to_int(groups["I"]) if groups["I"] else None)


def _edit(action: str, match: re.Match, article: tuple[int, int] | None, quotes: list[str]):
    target = _target(match, "t", article) or _target(match, "u", article)
    named = (target.article, target.suffix, None) if target and target.article is not None else article
    get = match.groupdict().get
    text = lambda name: quotes[int(get(name))] if get(name) is not None else ""
    if action == "new_section":
        first, last = cn_to_int(get("first")), cn_to_int(get("last"))
        body = "\n".join(line for line in get("body").split("\n") if not re.match(rf"^第{_N}节", line))
        where = Ref(chapter=cn_to_int(get("chapter")), section=cn_to_int(get("section")))
        return [Edit("layout", None, (where, Ref(first), Ref(last)), old="new", new=text("caption")),
                Edit("insert", None, tuple(Ref(n) for n in range(first, last + 1)), new=_restore(body, quotes))], named
    if action in ("rename", "layout", "unsection"):
        container = Ref(chapter=cn_to_int(get("chapter")), section=cn_to_int(get("section")) if get("section") else None)
        if action == "unsection":
            return Edit("unsection", container), named
        if action == "rename":
            return Edit("rename", container, old=text("old"), new=text("new")), named
        span = (Ref(cn_to_int(get("first"))), Ref(cn_to_int(get("last"))))
        return Edit("layout", None, (container, *span), old="new" if get("fresh") else "", new=text("new")), named
    if action == "renumber_range":  # 第七项至第十五项相应改为第八项至第十六项: implied by the insertion
        return None, named
    if action == "renumber":
        position = _target(match, "p", None)
        if position is not None and position.article is None and target is not None:
            position = replace(position, article=target.article, suffix=target.suffix)
        if position is not None and position.unit == "paragraph" and target is not None:
            named = (target.article, target.suffix, target.paragraph)  # 将第三款改为第四款，其中的…
        return Edit("renumber", target, (position,) if position else ()), named
    if action == "insert_words":
        return Edit("insert_words", target, anchor=text("anchor"), new=text("new"), before=get("side") == "前"), named
    if action == "append_words":
        return Edit("insert_words", target, anchor="", new=text("new")), named
    if action in ("replace_words", "delete_words"):
        return Edit(action, target, old=text("old"), new=text("new")), named
    if action == "replace":
        also = tuple(replace(target, paragraph=cn_to_int(n)) for n in re.findall(rf"第({_N})款", get("also") or ""))
        return Edit("replace", target, also, new=text("new")), named
    if action == "delete":
        return Edit("delete", target), named
    if action == "insert_provision":
        return Edit("insert", target, (Ref(target.article, target.suffix, paragraph=0),), new=text("new")), named
    return _insert(match, target, article, text("new") or text("caption")), named


def _insert(match: re.Match, target: Ref | None, article, new: str) -> Edit | None:
    unit = {"条": "article", "款": "paragraph", "项": "point"}[match.group("unit")]
    count = cn_to_int(match.group("count"))
    places = [m for m in _PLACE.finditer(match.group("places") or "")]
    positions = []
    for place in places:
        number = cn_to_int(place.group("A"))
        suffix = cn_to_int(place.group("S")) if place.group("S") else 0
        if unit == "article":
            positions.append(Ref(number, suffix))
        elif unit == "paragraph":
            positions.append(Ref(target.article if target else None, target.suffix if target else 0, number))
        else:
            base = target or Ref()
            positions.append(Ref(base.article, base.suffix, base.paragraph, number))
    if not new:  # "增加一款作为第二款，将该条修改为：" — the replace that follows carries the text
        return None
    if len(positions) != count:
        positions = positions[:count] if positions else [Ref(None, 0, 0)] * 0
    return Edit("insert", target, tuple(positions), new=new)
