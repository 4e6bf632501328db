"""Applying an amendment decision to the old version: the consolidated new version.

The old expression becomes mutable drafts (articles holding 款, 款 holding 项),
each remembering its number in the old text.  Edits are applied in three
phases, because decisions name provisions by OLD numbers but place new ones
by NEW numbers:

1. structure — renumbering, splits, deletions, insertions with their target
   places;
2. content — whole-provision replacements and word edits, matched against
   the old wording; text a decision supplies is marked as protected;
3. numbering — articles (and 款 within an article) are numbered: sequentially
   when the decision says ``对条文顺序作相应调整``, else by their given numbers
   (之一 insertions, as in 刑法修正案); then every internal reference outside
   protected text is rewritten old → new (``renumber``), each rewrite listed.

An edit that does not fit the old text (a target that does not exist, words
not found) is reported with its item, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .decision import Decision, Edit, Item, Ref, implicit_separator
from .eids import assign_eids
from .grammar import classify
from .model import CONTAINER_KINDS, Expression, Provision
from .nesting import chapters_run_on, nest, renumber_containers
from .numerals import int_to_cn
from .renumber import PROTECT_CLOSE, PROTECT_OPEN, Rewrite, renumber_references, strip_protection

ArticleKey = tuple[int, int]


@dataclass
class _Node:
    """A 款, 项 or 目 being edited."""

    kind: str
    label: str
    text: str
    children: list["_Node"] = field(default_factory=list)
    origin: int | None = None  # 1-based place among its siblings in the old text
    position: int | None = None  # explicit 1-based place in the new text
    fresh: bool = False  # supplied by the decision (already in new numbering)
    relabel: bool = False  # children's numbers must be recomputed


@dataclass
class _Article:
    origin: ArticleKey | None
    position: ArticleKey | None
    paragraphs: list[_Node]
    chain: tuple[Provision, ...]  # enclosing 编/章/节 in the old text
    fresh: bool = False
    deleted: bool = False
    heading: str = ""


@dataclass(frozen=True, slots=True)
class Problem:
    item: str
    message: str


@dataclass(frozen=True, slots=True)
class Applied:
    """The consolidated version, the reference rewrites made, the edits that did
    not fit, and where each old article (and 款) went: old key → new key."""

    expression: Expression
    rewrites: tuple[Rewrite, ...]
    problems: tuple[Problem, ...]
    articles: dict = field(default_factory=dict)
    paragraphs: dict = field(default_factory=dict)

    def new_eid(self, ref: Ref) -> str | None:
        """The eId in the new version of a provision named by its old numbers."""
        key = self.articles.get((ref.article, ref.suffix))
        if key is None:
            return None
        eid = f"art_{key[0]}" + (f"-{key[1]}" if key[1] else "")
        if ref.paragraph is not None:
            paragraph = self.paragraphs.get((ref.article, ref.suffix), {}).get(ref.paragraph)
            if paragraph is None:
                return None
            eid += f"__para_{paragraph}"
        return eid + (f"__point_{ref.point}" if ref.point is not None else "")


class _Unfit(Exception):
    """An edit that does not fit the old text."""


def apply_decision(old: Expression, decision: Decision) -> Applied:
    articles = _drafts(old)
    problems: list[Problem] = []
    layouts: list[Edit] = []
    for number, item in _numbered(decision.items):
        for edit in item.edits:
            if edit.action == "layout":  # placed once the new numbering is known
                layouts.append(edit)
                continue
            try:
                _apply_edit(articles, edit)
            except _Unfit as unfit:
                problems.append(Problem(number, f"{unfit} (in: {item.text or edit})"))
    final = _order_articles(articles, sequential=decision.renumber, problems=problems)
    body, rewrites, article_map, paragraph_maps = _build(final, layouts)
    if decision.renumber:
        body = renumber_containers(body, {}, chapters_run_on(old))
    return Applied(replace(old, body=assign_eids(body)), tuple(rewrites), tuple(problems), article_map, paragraph_maps)


def _numbered(items: tuple[Item, ...], prefix: str = ""):
    for k, item in enumerate(items, 1):
        number = f"{prefix}{int_to_cn(k)}" if not prefix else f"{prefix}（{int_to_cn(k)}）"
        if item.group:
            yield from _numbered(item.group, number)
        else:
            yield number, item


# ---------------------------------------------------------------- drafts


def _drafts(expression: Expression) -> list[_Article]:
    out: list[_Article] = []

    def visit(nodes: tuple[Provision, ...], chain: tuple[Provision, ...]) -> None:
        for node in nodes:
            if node.kind in CONTAINER_KINDS:
                visit(node.children, chain + (node,))
            elif node.kind == "article":
                out.append(_Article((node.num, node.suffix), None, _nodes(node.children), chain, heading=node.heading))

    visit(expression.body, ())
    return out


def _nodes(provisions: tuple[Provision, ...]) -> list[_Node]:
    return [_Node(p.kind, p.label, p.text, _nodes(p.children), k) for k, p in enumerate(provisions, 1)]


def _fresh_nodes(text: str) -> list[_Node]:
    """Paragraphs (with their points) from new text a decision supplies."""
    paragraphs: list[_Node] = []
    for line in text.split("\n"):
        marker = classify(line)
        if marker.kind == "point" and paragraphs:
            paragraphs[-1].children.append(_Node("point", marker.label, marker.rest, fresh=True))
        elif marker.kind == "subpoint" and paragraphs and paragraphs[-1].children:
            paragraphs[-1].children[-1].children.append(_Node("subpoint", marker.label, marker.rest, fresh=True))
        else:
            paragraphs.append(_Node("paragraph", "", line, fresh=True))
    return paragraphs


def _fresh_articles(text: str, positions: tuple[Ref, ...]) -> list[tuple[Ref, str]]:
    """Split the text of several inserted articles (each opening with its label)."""
    if len(positions) == 1:
        return [(positions[0], _strip_label(text))]
    parts: list[list[str]] = []
    for line in text.split("\n"):
        if classify(line).kind == "article" or not parts:
            parts.append([])
        parts[-1].append(line)
    if len(parts) != len(positions):
        raise _Unfit(f"{len(positions)} articles announced, {len(parts)} given")
    return [(ref, _strip_label("\n".join(part))) for ref, part in zip(positions, parts)]


def _strip_label(text: str) -> str:
    marker = classify(text.split("\n", 1)[0])
    if marker.kind == "article":
        return marker.rest + text[len(text.split("\n", 1)[0]):]
    return text


# ---------------------------------------------------------------- edits


def _find_article(articles: list[_Article], ref: Ref | None) -> _Article:
    if ref is not None and ref.preamble:
        raise _Unfit(f"{ref.label()}: edits to the preamble (序言) are not applied")
    if ref is None or ref.article is None:
        raise _Unfit("no article named")
    for article in articles:
        if article.origin == (ref.article, ref.suffix) and not article.deleted:
            return article
    raise _Unfit(f"{ref.label()} is not in the old text")


def _find_node(siblings: list[_Node], origin: int, what: str) -> _Node:
    for node in siblings:
        if node.origin == origin:
            return node
    raise _Unfit(f"{what} is not in the old text")


def _targets(article: _Article, ref: Ref) -> list[_Node]:
    """The nodes a reference names inside its article (all 款 for a bare article)."""
    if ref.paragraph is None:
        if ref.point is not None:  # 第X条第Y项: an article with a single 款
            return [_find_node(article.paragraphs[0].children, ref.point, ref.label())]
        return article.paragraphs
    paragraph = _find_node(article.paragraphs, ref.paragraph, ref.label())
    if ref.point is None:
        return [paragraph]
    return [_find_node(paragraph.children, ref.point, ref.label())]


def _apply_edit(articles: list[_Article], edit: Edit) -> None:
    handler = _HANDLERS.get(edit.action)
    if handler is None:
        raise _Unfit(f"unsupported edit {edit.action}")
    handler(articles, edit)


def _renumber(articles: list[_Article], edit: Edit) -> None:
    article = _find_article(articles, edit.target)
    place = edit.position[0]
    if edit.target.paragraph is None:
        article.position = (place.article, place.suffix)
    elif place.paragraph is None:  # 将第十三条第二款改为第十六条: a 款 becomes an article
        node = _find_node(article.paragraphs, edit.target.paragraph, edit.target.label())
        article.paragraphs.remove(node)
        articles.append(_Article(None, (place.article, place.suffix), [replace(node, origin=1)], article.chain))
    else:
        _find_node(article.paragraphs, edit.target.paragraph, edit.target.label()).position = place.paragraph


def _replace(articles: list[_Article], edit: Edit) -> None:
    article = _find_article(articles, edit.target)
    fresh = _fresh_nodes(edit.new)
    if edit.target.paragraph is None and edit.target.point is None:
        article.paragraphs[:] = fresh
        article.fresh = True
        return
    targets = [_targets(article, ref)[0] for ref in (edit.target, *edit.position)]  # 第一款、第二款修改为
    if targets[0].kind == "paragraph":
        if len(fresh) != len(targets):
            raise _Unfit(f"{len(targets)} paragraphs replaced by {len(fresh)}")
        for node, replacement in zip(targets, fresh):
            node.text, node.children, node.fresh = replacement.text, replacement.children, True
    else:
        node, marker = targets[0], classify(edit.new)
        node.text, node.fresh = (marker.rest if marker.kind == node.kind else edit.new), True


def _word_edit(articles: list[_Article], edit: Edit) -> None:
    article = _find_article(articles, edit.target)
    nodes = [n for top in _targets(article, edit.target) for n in _walk(top)]
    if edit.action == "insert_words" and not edit.anchor:  # 在第一款最后增加“…”
        nodes[-1].text = apply_words(nodes[-1].text, edit)
        return
    needle = edit.anchor if edit.action == "insert_words" else edit.old
    hits = [n for n in nodes if needle in n.text]
    if not hits:
        raise _Unfit(f"“{needle}” not found in {edit.target.label()}")
    for node in hits:
        node.text = apply_words(node.text, edit)


def apply_words(text: str, edit: Edit) -> str:
    """One word-level edit on one text, at every occurrence of its quoted words;
    what the decision supplies is wrapped in protection marks."""
    new = PROTECT_OPEN + edit.new + PROTECT_CLOSE if edit.new else ""
    if edit.action == "insert_words" and not edit.anchor:
        return text + new
    if edit.action != "insert_words":
        return text.replace(edit.old, new)
    out, start = [], 0
    while (found := text.find(edit.anchor, start)) >= 0:
        end = found + len(edit.anchor)
        if edit.before:
            out.append(text[start:found] + new + edit.anchor)
        else:
            separator = implicit_separator(text[end:end + 1], edit.new)
            out.append(text[start:end] + PROTECT_OPEN + separator + edit.new + PROTECT_CLOSE)
        start = end
    return "".join(out) + text[start:]


def _walk(node: _Node):
    yield node
    for child in node.children:
        yield from _walk(child)


def _delete(articles: list[_Article], edit: Edit) -> None:
    article = _find_article(articles, edit.target)
    if edit.target.paragraph is None and edit.target.point is None:
        article.deleted = True
        return
    [node] = _targets(article, edit.target)
    holder = article.paragraphs if node.kind == "paragraph" else next(
        p.children for p in article.paragraphs if node in p.children)
    holder.remove(node)
    if node.kind == "point":
        next(p for p in article.paragraphs if p.children is holder).relabel = True


def _insert(articles: list[_Article], edit: Edit) -> None:
    if not edit.position:
        raise _Unfit("insertion without a place")
    unit = edit.position[0].unit
    if unit == "article":
        for ref, text in _fresh_articles(edit.new, edit.position):
            articles.append(_Article(None, (ref.article, ref.suffix), _fresh_nodes(text), (), fresh=True))
        return
    article = _find_article(articles, edit.target)
    if unit == "paragraph":
        fresh = _fresh_nodes(edit.new)
        if len(fresh) != len(edit.position):
            raise _Unfit(f"{len(edit.position)} paragraphs announced, {len(fresh)} given")
        for ref, node in zip(edit.position, fresh):
            node.position = ref.paragraph or None  # 0: at the end
            article.paragraphs.append(node)
        return
    paragraph = _targets(article, replace(edit.target, point=None))[0] if edit.target.paragraph else article.paragraphs[0]
    for ref, line in zip(edit.position, edit.new.split("\n")):
        marker = classify(line)
        paragraph.children.append(_Node("point", "", marker.rest if marker.kind == "point" else line,
                                        position=ref.point, fresh=True))
    paragraph.relabel = True




# ---------------------------------------------------------------- numbering and assembly


def _fill(items: list, place) -> list:
    """Items with an explicit 1-based place go there; the rest keep their order around them."""
    fixed = {place(i): i for i in items if place(i)}
    rest = [i for i in items if not place(i)]
    out = []
    for slot in range(1, len(items) + 1):
        out.append(fixed.pop(slot) if slot in fixed else rest.pop(0) if rest else None)
    leftovers = [i for i in fixed.values()] + rest
    return [i for i in out if i is not None] + leftovers


def _order_articles(articles: list[_Article], *, sequential: bool, problems: list[Problem]) -> list[tuple[ArticleKey, _Article]]:
    alive = [a for a in articles if not a.deleted and a.paragraphs]
    if sequential:
        old_order = sorted((a for a in alive if a.origin), key=lambda a: a.origin)
        ordered = _fill(old_order + [a for a in alive if not a.origin],
                        lambda a: a.position[0] if a.position and not a.position[1] else None)
        return [((k, 0), a) for k, a in enumerate(ordered, 1)]
    keyed = sorted((((a.position or a.origin), a) for a in alive), key=lambda pair: pair[0])
    seen = set()
    for key, _ in keyed:
        if key in seen:
            problems.append(Problem("", f"two articles numbered {key}"))
        seen.add(key)
    return keyed


def _build(final: list[tuple[ArticleKey, _Article]], layouts: list[Edit] = ()):
    article_map = {a.origin: key for key, a in final if a.origin}
    paragraph_maps: dict[ArticleKey, dict[int, int]] = {}
    built: list[tuple[tuple[Provision, ...], Provision]] = []
    made: dict = {}  # containers the decision creates, shared by the articles they hold
    rewrites: list[Rewrite] = []
    for index, (key, article) in enumerate(final):
        paragraphs = _fill(article.paragraphs, lambda n: n.position)
        if article.origin:
            paragraph_maps[article.origin] = {n.origin: k for k, n in enumerate(paragraphs, 1) if n.origin}
        chain = _laid_out(article.chain or _neighbour_chain(final, index), key, layouts, final, made)
        built.append((chain, article, key, paragraphs))
    out = []
    for chain, article, key, paragraphs in built:
        eid = f"art_{key[0]}" + (f"-{key[1]}" if key[1] else "")
        children = tuple(_provision(n, article_map, paragraph_maps, eid, rewrites, False) for n in paragraphs)
        label = f"第{int_to_cn(key[0])}条" + (f"之{int_to_cn(key[1])}" if key[1] else "")
        out.append((chain, Provision("article", key[0], label, article.heading, "", children, suffix=key[1])))
    return nest(out), rewrites, article_map, paragraph_maps


def _laid_out(chain: tuple[Provision, ...], key: ArticleKey, layouts: list[Edit], final,
              made: dict) -> tuple[Provision, ...]:
    """The 章/节 an article belongs to after the decision's layout items
    (``第三章“…”，由第八条至第十条组成``), chapters first, then sections."""
    for unit in ("chapter", "section"):
        for edit in layouts:
            where, first, last = edit.position
            if where.unit != unit or not first.article <= key[0] <= last.article:
                continue
            container = _container(where, edit.new, final, made)
            if unit == "chapter":  # its 节 stays only if the article stays in the same 章
                same = any(c.kind == "chapter" and c.heading == container.heading for c in chain)
                chain = tuple(c for c in chain if c.kind in ("part", "subpart")) + (container,) + \
                    tuple(c for c in chain if c.kind == "section" and same)
            else:
                chain = tuple(c for c in chain if c.kind != "section") + (container,)
    return chain


def _container(where: Ref, heading: str, final, made: dict) -> Provision:
    """The old 章/节 of that heading if there is one (so its articles stay
    together), else a new one; numbers are set afterwards."""
    kind = where.unit
    for _, article in final:
        for container in article.chain:
            if container.kind == kind and container.heading == heading:
                return container
    number = where.section or where.chapter
    unit = "节" if kind == "section" else "章"
    return made.setdefault((kind, number, heading), Provision(kind, number, f"第{int_to_cn(number)}{unit}", heading))


def _old_container(articles: list[_Article], where: Ref) -> Provision:
    """The 章 (or 节 within it) an edit names by its old number."""
    chapters = {c for a in articles for c in a.chain if c.kind == "chapter" and c.num == where.chapter}
    if len(chapters) != 1:
        raise _Unfit(f"{where.label()} is not in the old text")
    found = chapters.pop()
    if where.section:
        sections = {c for a in articles if found in a.chain for c in a.chain
                    if c.kind == "section" and c.num == where.section}
        if len(sections) != 1:
            raise _Unfit(f"{where.label()} is not in the old text")
        found = sections.pop()
    return found


def _unsection(articles: list[_Article], edit: Edit) -> None:
    """删去第X章第Y节的节名: the 节 goes, its articles stay in the 章."""
    section = _old_container(articles, edit.target)
    for article in articles:
        article.chain = tuple(c for c in article.chain if c is not section)


def _rename(articles: list[_Article], edit: Edit) -> None:
    found = _old_container(articles, edit.target)
    renamed = replace(found, heading=edit.new)
    for article in articles:
        article.chain = tuple(renamed if c is found else c for c in article.chain)


def _neighbour_chain(final, index: int) -> tuple[Provision, ...]:
    """A new article sits in the 章/节 of the article before it (or after it, if first)."""
    for _, article in reversed(final[:index]):
        if article.chain:
            return article.chain
    for _, article in final[index + 1:]:
        if article.chain:
            return article.chain
    return ()


def _provision(node: _Node, article_map, paragraph_maps, eid: str, rewrites: list[Rewrite], relabel: bool) -> Provision:
    text = node.text
    if not node.fresh:
        text, found = renumber_references(text, article_map, paragraph_maps, eid)
        rewrites.extend(found)
    children = _fill(node.children, lambda n: n.position)
    label = node.label
    if relabel and node.kind == "point":
        label = f"（{int_to_cn(relabel)}）"
    return Provision(node.kind, _number(node, label), label, "", strip_protection(text), tuple(
        _provision(c, article_map, paragraph_maps, eid, rewrites, k if node.relabel else False)
        for k, c in enumerate(children, 1)))


def _number(node: _Node, label: str) -> int | None:
    if node.kind == "paragraph":
        return None
    marker = classify(label)
    return marker.num


_HANDLERS = {"renumber": _renumber, "replace": _replace, "replace_words": _word_edit,
             "delete_words": _word_edit, "insert_words": _word_edit, "delete": _delete, "insert": _insert,
             "rename": _rename, "unsection": _unsection}
