"""From a comparison to an amendment decision, in the drafting conventions.

``amendment_report(diff)`` writes one item per changed article, in the order of
the new text, referring to provisions by their OLD numbers and placing new
ones by their NEW numbers.  Choices a drafter would make, made explicit:

* an article whose only changes are references renumbered by the new
  numbering is not itemised: ``此外，对条文顺序作相应调整`` covers it, as pure
  renumbering does;
* a renumbered article that also changes opens with ``将第X条改为第Y条``;
* inside an article, a 款 is rewritten word by word when at most
  ``MAX_WORD_EDITS`` runs of words changed and it kept at least
  ``MIN_WORD_SIMILARITY`` of its text; otherwise ``第Y款修改为：“…”``; the whole
  article is rewritten (``修改为：“…”``) when its 款 cannot be paired one to one
  or less than ``MIN_ARTICLE_SIMILARITY`` of it survives;
* quoted words are extended with context until they occur once in the 款,
  and never start with punctuation; a change to more than ``MAX_WORD_SHARE``
  of a 款 rewrites it;
* articles changed only word by word are gathered, when there are at least
  two, into a last item ``对部分条文作以下修改：（一）…``, as in the 2022
  反垄断法 decision.

Every choice is checked by applying it: ``draft_amendment`` renders the
report, reads the wording back, applies it to the old text and diffs the
result against the new one (``lawdiff amend --verify``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .apply import Applied, apply_decision, apply_words
from .decision_parse import parse_decision
from .decision import Decision, Edit, Item, Ref, implicit_separator, render_decision
from .diff import Change, DocumentDiff, diff_documents
from .model import Expression, Provision
from .render.plaintext import render_body, render_provision
from .renumber import PROTECT_CLOSE, PROTECT_OPEN, renumber_references, strip_protection
from .textdiff import diff_text

MAX_WORD_EDITS = 3
MIN_WORD_SIMILARITY = 0.6
MIN_ARTICLE_SIMILARITY = 0.5
MAX_WORD_SHARE = 0.4  # a run rewriting more of the 款 than this: rewrite the 款
_MIN_QUOTE = 2


def amendment_report(diff: DocumentDiff) -> Decision:
    articles = _article_map(diff)
    splits = _splits(diff.changes)
    itemised = set(splits)
    structural, wordy = [], []
    for change in diff.changes:
        if change.old is not None and change.old.eid in splits:
            item = splits.pop(change.old.eid)
        elif change.old is not None and change.old.eid in itemised:
            continue  # the other parts of a split already itemised
        else:
            item = _item(change, articles)
        if item is None:
            continue
        (wordy if _word_level(item) else structural).append(item)
    items = structural + ([Item(group=tuple(wordy))] if len(wordy) > 1 else wordy)
    renumber = any((c.old.num, c.old.suffix) != (c.new.num, c.new.suffix)
                   for c in diff.changes if c.old is not None and c.new is not None)
    renumber = renumber or any(c.kind in ("inserted", "deleted") for c in diff.changes)
    tail = items[len(structural):]
    draft = Decision(tuple(items), renumber)
    for _ in range(3):  # explicit numbers for articles the closing sentence would misplace
        misplaced = _misplaced(diff, draft)
        if not misplaced:
            break
        structural += [Item(edits=(Edit("renumber", _ref(c.old), (_ref(c.new),)),)) for c in misplaced]
        draft = Decision(tuple(structural + tail), renumber)
    layout = _structure_items(diff.old, diff.new, draft)
    if layout:
        draft = Decision(tuple(structural) + tuple(layout) + tuple(tail), True)
    return draft


def _misplaced(diff: DocumentDiff, draft: Decision) -> list[Change]:
    """Articles that applying the draft would number otherwise than the new text:
    in a heavy reorganisation, filling the free places in old order is not enough."""
    placed = apply_decision(diff.old, draft).articles
    return [c for c in diff.changes if c.old is not None and c.new is not None and c.kind != "split"
            and placed.get((c.old.num, c.old.suffix)) not in (None, (c.new.num, c.new.suffix))]


def _containers(expression: Expression) -> list[tuple[str, str, tuple, tuple, Provision | None, Provision]]:
    """(kind, heading, first article, last article, parent, node) of every 章 and 节, in order."""
    out = []

    def visit(nodes, parent):
        for node in nodes:
            if node.kind in ("chapter", "section"):
                keys = [(a.num, a.suffix) for a in node.walk() if a.kind == "article"]
                if keys:
                    out.append((node.kind, node.heading, keys[0], keys[-1], parent, node))
                visit(node.children, node)
            elif node.kind in ("part", "subpart"):
                visit(node.children, parent)

    visit(expression.body, None)
    return out


def _structure_items(old: Expression, new: Expression, draft: Decision) -> list[Item]:
    """章/节 the article items alone would not give: 节 no longer there
    (``删去第X章第Y节的节名``), renamed 章 (``将第X章的章名修改为“…”``), and the
    rest restated with their articles (``增加一章，作为第N章“…”，由第A条至第B条组成``)."""
    default = _containers(apply_decision(old, draft).expression)
    wanted = _containers(new)
    if [(k, h, a, b) for k, h, a, b, _, _ in default] == [(k, h, a, b) for k, h, a, b, _, _ in wanted]:
        return []
    have = {(k, h, a, b) for k, h, a, b, _, _ in default}
    old_containers = _containers(old)
    old_headings = {(k, h): node for k, h, _, _, _, node in old_containers}
    wanted_sections = {h for k, h, _, _, _, _ in wanted if k == "section"}
    items = [Item(edits=(Edit("unsection", Ref(chapter=parent.num, section=node.num)),))
             for kind, heading, _, _, parent, node in old_containers
             if kind == "section" and heading not in wanted_sections and parent is not None]
    laid_out: list[tuple[tuple, tuple]] = []  # spans of the 章 restated below: their 节 are restated too
    for kind, heading, first, last, parent, node in wanted:
        inside = any(a <= first and last <= b for a, b in laid_out)
        if (kind, heading, first, last) in have and not (kind == "section" and inside):
            continue
        wanted_headings = {h for k, h, _, _, _, _ in wanted if k == kind}
        same_span = [d for d in default if d[0] == kind and d[2:4] == (first, last) and d[1] not in wanted_headings]
        source = old_headings.get((kind, same_span[0][1])) if same_span else None  # a rename: the old name is gone
        if source is not None and kind == "chapter":
            items.append(Item(edits=(Edit("rename", Ref(chapter=source.num), new=heading),)))
            continue
        where = Ref(chapter=node.num) if kind == "chapter" else Ref(chapter=parent.num if parent else 1, section=node.num)
        fresh = "" if (kind, heading) in old_headings else "new"
        items.append(Item(edits=(Edit("layout", None, (where, Ref(*first), Ref(*last)), old=fresh, new=heading),)))
        if kind == "chapter":
            laid_out.append((first, last))
    return items


def _article_map(diff: DocumentDiff) -> dict[tuple[int, int], tuple[int, int]]:
    return {(c.old.num, c.old.suffix): (c.new.num, c.new.suffix) for c in diff.changes
            if c.old is not None and c.new is not None and c.kind != "split" and c.old.kind == "article"}


def _splits(changes: tuple[Change, ...]) -> dict[str, Item]:
    """``将第十三条第二款改为第十六条，第一款改为第十七条``: an article whose 款
    became separate articles unchanged, one 款 each."""
    found: dict[str, Item] = {}
    for source in {c.old.eid: c.old for c in changes if c.kind == "split"}.values():
        parts = sorted((c for c in changes if c.old is source and c.new is not None), key=lambda c: c.new.num)
        edits, used = [], []
        for part in parts:
            kept = [k for k in part.children if k.new is not None]
            if len(kept) != 1 or kept[0].kind not in ("unchanged", "renumbered") or len(part.new.children) != 1:
                break
            paragraph = _ordinal(source.children, kept[0].old)
            used.append(paragraph)
            edits.append(Edit("renumber", _ref(source, paragraph=paragraph), (_ref(part.new),)))
        else:
            if sorted(used) == list(range(1, len(source.children) + 1)):
                found[source.eid] = Item(edits=tuple(edits))
    return found


def _word_level(item: Item) -> bool:
    return all(e.action in ("renumber", "replace_words", "delete_words", "insert_words") for e in item.edits) \
        and any(e.action != "renumber" for e in item.edits)


def _ref(provision: Provision, **parts) -> Ref:
    return Ref(provision.num, provision.suffix, **parts)


def _item(change: Change, articles) -> Item | None:
    old, new = change.old, change.new
    if change.kind == "unchanged" or (change.kind == "renumbered"):
        return None
    if change.kind == "inserted":
        return Item(edits=(Edit("insert", None, (_ref(new),), new=_body_text(new)),))
    if change.kind == "deleted":
        return Item(edits=(Edit("delete", _ref(old)),))
    if change.kind in ("split", "merged"):
        return _split_or_merge(change)
    same_words = _only_references(old, new, articles)
    if same_words and change.kind != "moved":
        return None  # covered by 对条文顺序作相应调整
    edits = []
    if (old.num, old.suffix) != (new.num, new.suffix) or change.kind == "moved":
        edits.append(Edit("renumber", _ref(old), (_ref(new),)))
    if not same_words:
        edits += _article_edits(change, articles)
    return Item(edits=tuple(edits))


def _body_text(article: Provision) -> str:
    """An article's text without its number label, 款 on separate lines."""
    text = render_provision(article)
    return text[len(article.label):].lstrip(" ") if article.label and text.startswith(article.label) else text


def _only_references(old: Provision, new: Provision, articles) -> bool:
    renumbered = [renumber_references(p.text, articles, {})[0] for p in old.walk()]
    return len(renumbered) == sum(1 for _ in new.walk()) and renumbered == [p.text for p in new.walk()]


def _split_or_merge(change: Change) -> Item:
    """Parts of an article that became another article: delete + insert keeps
    the round trip exact whatever the parts look like (see closing note)."""
    if change.kind == "split":
        return Item(edits=(Edit("insert", None, (_ref(change.new),), new=_body_text(change.new)),))
    return Item(edits=(Edit("delete", _ref(change.old)),))


def _article_edits(change: Change, articles) -> list[Edit]:
    old, new = change.old, change.new
    pairs = change.children
    paired_one_to_one = all(p.kind in ("unchanged", "renumbered", "modified", "inserted", "deleted") for p in pairs)
    if change.similarity < MIN_ARTICLE_SIMILARITY or not paired_one_to_one:
        return [Edit("replace", _ref(old), new=_body_text(new))]
    edits: list[Edit] = []
    inserted: list[Provision] = []
    for pair in list(pairs) + [None]:
        if pair is not None and pair.kind == "inserted":
            inserted.append(pair.new)
            continue
        if inserted:
            positions = tuple(_ref(old, paragraph=_ordinal(new.children, p)) for p in inserted)
            edits.append(Edit("insert", _ref(old), positions, new="\n".join(render_provision(p) for p in inserted)))
            inserted = []
        if pair is None or pair.kind in ("unchanged", "renumbered"):
            continue
        if pair.kind == "deleted":
            edits.append(Edit("delete", _ref(old, paragraph=_ordinal(old.children, pair.old))))
        else:
            edits += _paragraph_edits(pair, old, new, articles)
    return edits


def _shifted(pair: Change, old: Provision, new: Provision) -> tuple[int, int] | None:
    """(old, new) number of a 款 that moved because 款 were added or removed before it."""
    before, after = _ordinal(old.children, pair.old), _ordinal(new.children, pair.new)
    return (before, after) if before != after else None


def _ordinal(siblings: tuple[Provision, ...], provision: Provision) -> int:
    return next(k for k, p in enumerate(siblings, 1) if p is provision)


def _paragraph_edits(pair: Change, article: Provision, new_article: Provision, articles) -> list[Edit]:
    target = _ref(article, paragraph=_ordinal(article.children, pair.old))
    if len(article.children) == 1 and len(new_article.children) == 1:
        target = _ref(article)
    words = _word_edits(pair.old, pair.new, target, articles)
    if words is not None:
        shifted = _shifted(pair, article, new_article)
        if shifted and target.paragraph:  # 将第三款改为第四款，其中的“…”修改为“…”
            return [Edit("renumber", target, (_ref(article, paragraph=shifted[1]),))] + words
        return words
    return [Edit("replace", target if target.paragraph else _ref(article, paragraph=1)
                 if len(article.children) > 1 else _ref(article), new=render_provision(pair.new))]


def _word_edits(old: Provision, new: Provision, target: Ref, articles) -> list[Edit] | None:
    """Word-level edits of one 款, or None when a rewrite reads better.  Edits are
    chosen left to right on the text as the earlier ones left it (that is how
    ``apply`` reads them), and the whole sequence is checked by replaying it."""
    if not _same_children(old, new) or pair_similarity(old.text, new.text) < MIN_WORD_SIMILARITY:
        return None
    others = "\n".join(p.text for child in old.children for p in child.walk())
    runs = _merge_close_runs(old.text, _runs(diff_text(old.text, new.text)))
    runs = [r for r in runs if renumber_references(old.text[r[0]:r[1]], articles, {})[0] != r[2]]
    changed = sum(end - start for start, end, _ in runs)
    if not runs or len(runs) > MAX_WORD_EDITS or changed > MAX_WORD_SHARE * len(old.text):
        return None
    current, shift, edits, floor = old.text, 0, [], 0
    for start, end, inserted in runs:
        edit = _word_edit(current, start + shift, end + shift, inserted, target, articles, floor, others)
        if edit is None:
            return None
        after = apply_words(current, edit)
        floor = _edited_end(after)
        shift += len(after) - len(current)
        current, edits = after, edits + [edit]
    final = strip_protection(renumber_references(current, articles, {})[0])
    return edits if final == new.text else None


def _same_children(old: Provision, new: Provision) -> bool:
    """Word edits of a 款's lead-in are only drafted when its 项 did not change."""
    return [(c.label, c.full_text) for c in old.children] == [(c.label, c.full_text) for c in new.children]


def _edited_end(text: str) -> int:
    """Where the last protected (edited) span ends: later quotes start after it."""
    return text.rfind(PROTECT_CLOSE) + 1


def _merge_close_runs(source: str, runs: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Runs inside one clause become one edit: quoting the clause twice would
    make the second quote stale once the first is applied."""
    merged: list[tuple[int, int, str]] = []
    for start, end, inserted in runs:
        if merged:
            previous_start, previous_end, previous_inserted = merged[-1]
            if not any(c in _CLAUSE_BREAKS for c in source[previous_end:start]) or start - previous_end < 4:
                merged[-1] = (previous_start, end, previous_inserted + source[previous_end:start] + inserted)
                continue
        merged.append((start, end, inserted))
    return merged


def pair_similarity(a: str, b: str) -> float:
    ops = diff_text(a, b)
    kept = sum(len(t) for op, t in ops if op == 0)
    return 2 * kept / (len(a) + len(b)) if a or b else 1.0


def _runs(ops) -> list[tuple[int, int, str]]:
    """Maximal change runs as (old start, old end, inserted text)."""
    runs, position, current = [], 0, None
    for op, text in ops:
        if op == 0:
            if current:
                runs.append(tuple(current))
                current = None
            position += len(text)
            continue
        if current is None:
            current = [position, position, ""]
        if op == -1:
            position += len(text)
            current[1] = position
        else:
            current[2] += text
    if current:
        runs.append(tuple(current))
    return runs


_CLAUSE_BREAKS = "，。；：、！？（）“”\n"
_MAX_CLAUSE_QUOTE = 40


def _word_edit(source: str, start: int, end: int, inserted: str, target: Ref, articles,
               floor: int = 0, others: str = "") -> Edit | None:
    """The wording for one run of changed words, quoting whole phrases: the
    clause around the change when it is short, else the change with growing
    context; the quote lies after ``floor`` (earlier edits), occurs once, has
    balanced quotation marks, and applying it must give the new text."""
    if start == end:
        insertion = _insertion(source, start, inserted, target, floor, others)
        if insertion is not None:
            return insertion
    renumbered = lambda text: renumber_references(text, articles, {})[0]
    expected = renumbered(source[:start]) + inserted + renumbered(source[end:])
    for left, right in _windows(source, start, end):
        old_words = source[left:right]
        if left < floor or len(old_words) < _MIN_QUOTE or source.count(old_words) != 1 or old_words in others \
                or not _balanced(old_words) or not _balanced(inserted) or old_words[0] in "，、；。：":
            continue
        new_words = renumbered(source[left:start]) + inserted + renumbered(source[end:right])
        edit = Edit("delete_words", target, old=old_words) if not new_words else \
            Edit("replace_words", target, old=old_words, new=new_words)
        if renumbered(source[:left]) + new_words + renumbered(source[right:]) == expected:
            return edit
    return None


def _balanced(text: str) -> bool:
    """Quoted words must not hold quotation marks (“A”“B” would read as two
    paragraphs) nor protection marks."""
    return not any(mark in text for mark in ("“", "”", PROTECT_OPEN, PROTECT_CLOSE))


def _insertion(source: str, at: int, inserted: str, target: Ref, floor: int = 0, others: str = "") -> Edit | None:
    """``在“A”后增加“B”`` with the clause before the insertion point as A, when the
    conventions' implicit punctuation rebuilds the text exactly."""
    if inserted and at + 1 == len(source) and source[at] == inserted[0]:
        at, inserted = at + 1, inserted[1:] + source[at]  # 建议|。X|。 at the end → 建议。|X。: an appended sentence
    if inserted and inserted[-1] in "，、" and source[at - 1:at] == inserted[-1]:
        at, inserted = at - 1, inserted[-1] + inserted[:-1]  # 竞争，|鼓励创新，|提高 → 竞争|，鼓励创新|，提高
    if at == len(source) and not others:  # 在第一款最后增加“…”
        return Edit("insert_words", target, anchor="", new=inserted) if _balanced(inserted) else None
    words = inserted[1:] if inserted[:1] in "，、" else inserted
    if not words or implicit_separator(source[at:at + 1], words) + words != inserted:
        return None
    if not source[:at].rstrip("。；") or not _balanced(words):
        return None
    left = at
    while left > floor and source[left - 1] not in _CLAUSE_BREAKS:
        left -= 1
    if at - left <= _MAX_CLAUSE_QUOTE and at - left >= _MIN_QUOTE and source.count(source[left:at]) == 1 \
            and source[left:at] not in others:
        return Edit("insert_words", target, anchor=source[left:at], new=words)  # the whole clause
    for start in range(at - _MIN_QUOTE, left - 1, -1):
        anchor = source[start:at]
        if len(anchor) >= 4 and source.count(anchor) == 1 and anchor not in others:
            return Edit("insert_words", target, anchor=anchor, new=words)
    return None


def _windows(source: str, start: int, end: int):
    """Candidate (left, right) quotes: the enclosing clause if short, then the
    change grown by one character a side at a time."""
    left, right = start, end
    while left > 0 and source[left - 1] not in _CLAUSE_BREAKS:
        left -= 1
    while right < len(source) and source[right] not in _CLAUSE_BREAKS:
        right += 1
    if right - left <= _MAX_CLAUSE_QUOTE:
        yield left, right
    for grow in range(0, len(source) + 1):
        yield max(0, start - grow), min(len(source), end + grow)
        if start - grow <= 0 and end + grow >= len(source):
            return


@dataclass(frozen=True, slots=True)
class Drafted:
    """A drafted decision, proven by applying its own wording to the old text:
    ``residue`` is None when that gives the new text exactly."""

    decision: Decision
    applied: Applied
    residue: DocumentDiff | None


def draft_amendment(old: Expression, new: Expression) -> Drafted:
    """Draft the decision from old to new, render it, read the wording back and
    apply it: what is checked is the text a drafter would paste."""
    decision = amendment_report(diff_documents(old, new))
    reread = parse_decision(render_decision(decision)).decision
    applied = apply_decision(old, reread)
    residue = None
    if render_body(applied.expression) != render_body(new) or applied.problems:
        residue = diff_documents(applied.expression, new)
    return Drafted(reread, applied, residue)
