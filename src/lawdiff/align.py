"""Align the provisions of two versions: which old article became which new one.

Algorithm (the same at every level: articles, then 款 inside a pair, then 项):

1. **Exact anchors.**  Provisions whose text (without the number label) is
   identical are paired through a hash table, in document order when a text
   occurs several times.  O(n).
2. **Order.**  The longest increasing subsequence of the anchors (by old
   position, in new order; patience sorting, O(n log n)) is the unmoved
   backbone; anchors off it are ``moved``.  On the backbone, the same number
   is ``unchanged``, a different one ``renumbered``.
3. **Similar pairs.**  For the provisions still unpaired, candidates come from
   an inverted index of character bigrams that are rare in the document (the
   ``max_postings`` cut skips bigrams like ``应当``), so each provision is scored
   against a handful of candidates, never against all of them.  Similarity is
   the Dice coefficient of bigram multisets, each held as a set of occurrences
   so that an intersection is one set operation; a candidate whose rare
   bigrams missing from the other text already rule out both kinds of match
   is skipped without one.  Pairs are taken greedily, best
   first, above ``threshold``; then pairs where one text is kept whole inside
   the other (款 added or removed: 第二十一条 → 第二十六条 of the 反垄断法 gained two
   款 and scores only 0.4) at 90 % containment; a pair counts as ``moved`` if it breaks the order
   of the backbone, else ``modified``.
4. **Same place.**  Between two consecutive ordered pairs, as many unpaired
   old as new provisions are paired in order when they share some words
   (``gap_threshold``): a 款 rewritten in place is ``modified``, not
   ``deleted`` + ``inserted``.
5. **Splits and merges.**  A provision left unpaired on one side whose bigrams
   are mostly (``containment``) found in a provision that is already paired on
   the other side was split off from it (new side) or merged into it (old side).
6. What is left is ``deleted`` (old side) or ``inserted`` (new side).

Cost is O(n log n) plus the candidate scoring, which the posting-list cut keeps
near-linear: the 民法典 (1,260 articles) aligns in well under a second.
``align_siblings`` does one level; ``align_provisions`` also descends into
every pair (``diff_documents`` descends lazily into ``unchanged`` ones).
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain
from operator import add, itemgetter
from typing import Sequence

from .model import Provision

KINDS = ("unchanged", "renumbered", "modified", "moved", "split", "merged", "inserted", "deleted")


@dataclass(frozen=True, slots=True)
class Pair:
    """One line of an alignment: an old provision, a new one, or both."""

    kind: str
    old: Provision | None
    new: Provision | None
    similarity: float
    children: tuple["Pair", ...] = ()


Line = tuple[str, Provision | None, Provision | None, float]  # kind, old, new, similarity


def align_provisions(old: Sequence[Provision], new: Sequence[Provision], *, threshold: float = 0.5,
                     gap_threshold: float = 0.2, containment: float = 0.75,
                     max_postings: int = 40) -> tuple[Pair, ...]:
    """Align two sibling lists (articles of two versions, or 款 of two articles)
    and, inside every pair, their 款/项."""
    lines = align_siblings(old, new, threshold=threshold, gap_threshold=gap_threshold,
                           containment=containment, max_postings=max_postings)
    return tuple(Pair(*line, _inner_pairs(*line[:3])) for line in lines)


def _inner_pairs(kind: str, a: Provision | None, b: Provision | None) -> tuple[Pair, ...]:
    inner = inner_lists(kind, a, b)
    return align_provisions(*inner) if inner else ()


def inner_lists(kind: str, a: Provision | None,
                b: Provision | None) -> tuple[tuple[Provision, ...], tuple[Provision, ...]] | None:
    """The two child lists to align inside a pair, or None when there is
    nothing to align: one side missing, no children on either side, or an
    ``unchanged`` old provision without children."""
    if a is None or b is None or not (a.children or b.children) or (kind == "unchanged" and not a.children):
        return None
    return a.children, b.children


def align_siblings(old: Sequence[Provision], new: Sequence[Provision], *, threshold: float = 0.5,
                   gap_threshold: float = 0.2, containment: float = 0.75,
                   max_postings: int = 40) -> list[Line]:
    """One level of ``align_provisions``: the pairs in document order, without
    looking inside them (``diff_documents`` descends only where it needs to)."""
    old_text = [own_text(p) for p in old]
    new_text = [own_text(p) for p in new]
    if old_text == new_text:  # the common case inside unchanged articles: no search at all
        return [(_number_kind(a, b), a, b, 1.0) for a, b in zip(old, new)]
    if len(old) == len(new):
        in_place = _edited_in_place(old_text, new_text, threshold)
        if in_place is not None:
            return [(_number_kind(a, b), a, b, 1.0) if k not in in_place else ("modified", a, b, _rounded(in_place[k]))
                    for k, (a, b) in enumerate(zip(old, new))]
    matched = _exact_anchors(old_text, new_text)
    backbone = _Backbone(_longest_increasing(list(matched.items())))
    old_grams = _LazyGrams(old_text)
    new_grams = _LazyGrams(new_text)
    similar = _rewritten_in_place(old_text, new_text, matched, backbone, threshold)
    similar.update(_similar_pairs(old_grams, new_grams, {**matched, **dict(similar.keys())}, threshold, max_postings))
    pairs: list[tuple[int | None, int | None, str, float]] = []
    for i, j in matched.items():
        kind = "moved" if (i, j) not in backbone.pairs else _number_kind(old[i], new[j])
        pairs.append((i, j, kind, 1.0))
    for (i, j), score in similar.items():
        kind = "moved" if backbone.crossed_by(i, j) else "modified"
        pairs.append((i, j, kind, _rounded(score)))
    paired = {**matched, **{i: j for i, j in similar}}
    for i, j in _fill_gaps(paired, len(old), len(new)):
        score = _dice(old_grams[i], new_grams[j])
        if score >= gap_threshold:
            paired[i] = j
            pairs.append((i, j, "modified", _rounded(score)))
    pairs += _splits_and_merges(old_grams, new_grams, paired, containment)
    return [(kind, old[i] if i is not None else None, new[j] if j is not None else None, score)
            for i, j, kind, score in _document_order(pairs)]


def _rounded(score: float) -> float:
    """A similarity as reported (对照表, JSON): four places, rounded where the
    score is made, so the exact pairs' 1.0 is never rounded again."""
    return round(score, 4)


def _edited_in_place(old_text: list[str], new_text: list[str], threshold: float) -> dict[int, float] | None:
    """The scores of the provisions edited where they stand, when that is the
    whole alignment (the common case inside a modified article: one 款
    rewritten), or None.  What the full search would find, found without it:
    every edited place has unedited neighbours, and neither of its texts
    occurs elsewhere, so everything else anchors in order and each edit is a
    1:1 gap of ``_rewritten_in_place``."""
    edited = [k for k, (a, b) in enumerate(zip(old_text, new_text)) if a != b]
    if any(later - earlier == 1 for earlier, later in zip(edited, edited[1:])):
        return None
    olds, news = set(old_text), set(new_text)
    scores = {}
    for k in edited:
        if old_text[k] in news or new_text[k] in olds:
            return None
        score = _pair_score(old_text[k], new_text[k], threshold)
        if score is None:
            return None
        scores[k] = score
    return scores


def own_text(provision: Provision) -> str:
    """A provision's words without its number label: what alignment compares
    (its own text, then every non-empty descendant's, one a line)."""
    children = provision.children
    if not children:
        return provision.text
    texts = [provision.text]
    for child in children:  # the first level unrolled: a call fewer per article (a fifth of the cost)
        if child.text:
            texts.append(child.text)
        if child.children:
            _add_texts(child.children, texts)
    return "\n".join(texts)


def _add_texts(children: tuple[Provision, ...], texts: list[str]) -> None:
    """Appends in document order; a plain loop, as this runs for every
    provision of both versions."""
    for child in children:
        if child.text:
            texts.append(child.text)
        if child.children:
            _add_texts(child.children, texts)


def _number_kind(a: Provision, b: Provision) -> str:
    """The kind of a pair of equal texts on the backbone."""
    return "unchanged" if a.num == b.num and a.suffix == b.suffix else "renumbered"


def _exact_anchors(old_text: list[str], new_text: list[str]) -> dict[int, int]:
    """Equal texts paired, the k-th occurrence in the old list with the k-th
    in the new one; in new order."""
    first = dict(zip(reversed(old_text), range(len(old_text) - 1, -1, -1)))  # each text's first place
    later: dict[str, list[int]] = defaultdict(list)  # the other places of a text found twice or more
    if len(first) < len(old_text):
        for i, text in enumerate(old_text):
            if first[text] != i:
                later[text].append(i)
    matched = {}
    for j, text in enumerate(new_text):
        i = first.pop(text, None)
        if i is None and later.get(text):
            i = later[text].pop(0)
        if i is not None:
            matched[i] = j
    return matched


def _longest_increasing(items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence of (old, new) pairs, sorted by new, increasing in old;
    in order."""
    olds = [i for i, _ in items]
    if olds == sorted(olds):  # nothing moved, the common case: the whole sequence, no search
        return items
    tails: list[int] = []
    tail_index: list[int] = []
    parents = [-1] * len(items)
    for index, i in enumerate(olds):
        slot = bisect.bisect_left(tails, i)
        if slot == len(tails):
            tails.append(i)
            tail_index.append(index)
        else:
            tails[slot], tail_index[slot] = i, index
        parents[index] = tail_index[slot - 1] if slot else -1
    longest, index = [], tail_index[-1] if tail_index else -1
    while index >= 0:
        longest.append(items[index])
        index = parents[index]
    return longest[::-1]


class _Backbone:
    """The unmoved pairs, increasing in both old and new position."""

    def __init__(self, ordered: list[tuple[int, int]]):
        self.pairs = set(ordered)
        self.olds = [a for a, _ in ordered]
        self.news = [b for _, b in ordered]

    def crossed_by(self, i: int, j: int) -> bool:
        """Would pairing old i with new j cross a backbone pair?  O(log n)."""
        k = bisect.bisect_left(self.olds, i)
        return (k > 0 and self.news[k - 1] > j) or (k < len(self.news) and self.news[k] < j)


class _Grams:
    """A text's character bigrams as a multiset: ``distinct`` in order of first
    occurrence (a dict used as an ordered set), and ``occurrences`` — every
    bigram once, its second occurrence as ``(bigram, 1)``, and so on — so that
    the size of a multiset intersection is one C-level set intersection
    instead of a ``Counter &`` loop.  Only the repeats are counted: building a
    ``Counter`` of every bigram cost half of this for a short text."""

    __slots__ = ("distinct", "occurrences", "size")

    def __init__(self, text: str):
        compact = "".join(text.split())
        grams = list(map(add, compact, compact[1:])) if len(compact) > 1 else list(compact)
        self.distinct = dict.fromkeys(grams)
        self.occurrences = set(self.distinct)
        if len(self.distinct) < len(grams):
            seen: set[str] = set()
            repeats = Counter(gram for gram in grams if gram in seen or seen.add(gram))
            self.occurrences.update((gram, k) for gram, count in repeats.items() for k in range(1, count + 1))
        self.size = len(grams)

    def common(self, other: "_Grams") -> int:
        """Size of the multiset intersection."""
        return len(self.occurrences & other.occurrences)


class _LazyGrams:
    """Bigram multisets computed on first use: exact anchors never need them."""

    def __init__(self, texts: list[str]):
        self.texts, self.cache = texts, {}

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index: int) -> _Grams:
        if index not in self.cache:
            self.cache[index] = _Grams(self.texts[index])
        return self.cache[index]


def _dice(a: _Grams, b: _Grams) -> float:
    total = a.size + b.size
    return 2 * a.common(b) / total if total else 1.0


def _rewritten_in_place(old_text: list[str], new_text: list[str], matched: dict[int, int],
                        backbone: "_Backbone", threshold: float) -> dict[tuple[int, int], float]:
    """Pairs of the one old and the one new provision left between the same
    two backbone neighbours, when they match: the article rewritten where it
    stood, as a drafter's ``第十二条修改为`` says.  Taken before the search
    for moved provisions, which then only looks at what is left."""
    olds = _unpaired_by_gap(len(old_text), matched, backbone.olds)
    news = _unpaired_by_gap(len(new_text), set(matched.values()), backbone.news)
    pairs = {}
    for gap, gap_olds in olds.items():
        gap_news = news.get(gap, ())
        if len(gap_olds) == 1 and len(gap_news) == 1:
            score = _pair_score(old_text[gap_olds[0]], new_text[gap_news[0]], threshold)
            if score is not None:
                pairs[(gap_olds[0], gap_news[0])] = score
    return pairs


def _similar_pairs(old_grams: _LazyGrams, new_grams: _LazyGrams, matched: dict[int, int],
                   threshold: float, max_postings: int) -> dict[tuple[int, int], float]:
    free_old = [i for i in range(len(old_grams)) if i not in matched]
    taken_new = set(matched.values())
    free_new = [j for j in range(len(new_grams)) if j not in taken_new]
    if not free_old or not free_new:
        return {}
    if len(free_old) == 1 and len(free_new) == 1:  # one 款 rewritten, the common case: no index to build
        (i,), (j,) = free_old, free_new
        score = _pair_score(old_grams.texts[i], new_grams.texts[j], threshold)
        return {(i, j): score} if score is not None else {}
    postings: dict[str, list[int]] = defaultdict(list)
    for i in free_old:
        for gram in old_grams[i].distinct:
            postings[gram].append(i)
    frequent = {gram for gram, posting in postings.items() if len(posting) > max_postings}
    rare = {gram: posting for gram, posting in postings.items() if gram not in frequent}
    old_rare = {i: len(old_grams[i].distinct) - len(frequent.intersection(old_grams[i].distinct)) for i in free_old}
    scored = []
    for j in free_new:
        b = new_grams[j]
        hits = Counter(chain.from_iterable(filter(None, map(rare.get, b.distinct))))
        b_rare = len(b.distinct) - len(frequent.intersection(b.distinct))
        for i, shared in hits.most_common(8):
            a = old_grams[i]
            if _may_match(a, b, a.size - old_rare[i] + shared, b.size - b_rare + shared, threshold):
                score = _dice(a, b)
                if score >= threshold:
                    scored.append((0, score, i, j))
                elif _grown_or_shrunk(a, b):
                    scored.append((1, score, i, j))
    return _greedy(scored)


def _pair_score(a: str, b: str, threshold: float) -> float | None:
    """The Dice score of two texts known to be candidates for each other, or
    None if they are no match (below ``threshold`` and neither kept whole in
    the other).  Same result as ``_dice`` on their ``_Grams``, without building
    them: an edit leaves a common prefix and suffix, whose bigrams are shared
    (a multiset intersection keeps a common part whole), so only the bigrams
    of the two middles are counted."""
    a, b = "".join(a.split()), "".join(b.split())
    if len(a) < 2 or len(b) < 2:
        first, second = _Grams(a), _Grams(b)
        common, size_a, size_b = first.common(second), first.size, second.size
    else:
        prefix = _common_prefix(a, b)
        suffix = _common_prefix(a[prefix:][::-1], b[prefix:][::-1])
        head, tail = max(prefix - 1, 0), max(suffix - 1, 0)
        middle_a, middle_b = a[head:len(a) - tail], b[head:len(b) - tail]
        shared = _middles_common(middle_a, middle_b)
        common, size_a, size_b = head + tail + shared, len(a) - 1, len(b) - 1
    total = size_a + size_b
    score = 2 * common / total if total else 1.0
    return score if score >= threshold or _kept_whole(common, min(size_a, size_b)) else None


def _middles_common(a: str, b: str) -> int:
    """Bigrams shared by two compact texts.  After a pure insertion or
    deletion one middle is the single bigram around the edit, and whether it
    is shared is a substring test (two adjacent characters of a text without
    whitespace are one of its bigrams)."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 2:
        return 0
    if len(short) == 2:
        return int(short in long)
    return _Grams(a).common(_Grams(b))


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by bisection over slice comparisons."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _may_match(a: _Grams, b: _Grams, a_bound: int, b_bound: int, threshold: float) -> bool:
    """Could the pair score ``threshold`` or be grown or shrunk?  Each rare
    bigram of one text missing from the other is an occurrence outside the
    intersection, so ``size - rare + shared`` bounds it from either side;
    most candidates fail here and are never intersected."""
    bound = min(a_bound, b_bound)
    small = min(a.size, b.size)
    return 2 * bound / (a.size + b.size) >= threshold or _kept_whole(bound, small)


def _fill_gaps(paired: dict[int, int], old_count: int, new_count: int) -> list[tuple[int, int]]:
    """Unpaired provisions holding the same place between two ordered pairs
    (one old 款 and one new 款 between the same neighbours) are one provision
    rewritten, as a drafter's ``第一款修改为`` says, if they share some words."""
    if len(paired) in (old_count, new_count):  # one side wholly paired: no gap holds both
        return []
    anchors = _longest_increasing(sorted(paired.items(), key=itemgetter(1)))
    olds = _unpaired_by_gap(old_count, paired, [i for i, _ in anchors])
    news = _unpaired_by_gap(new_count, set(paired.values()), [j for _, j in anchors])
    found = []
    for gap, gap_olds in olds.items():
        if len(gap_olds) == len(news.get(gap, ())):
            found += zip(gap_olds, news[gap])
    return found


def _unpaired_by_gap(count: int, taken, anchors: list[int]) -> dict[int, list[int]]:
    """The positions below ``count`` not in ``taken`` (ascending), by the gap
    between anchors they fall in: looking only at those, not at every gap,
    keeps this cheap when nearly everything is paired."""
    gaps: dict[int, list[int]] = defaultdict(list)
    for position in range(count):
        if position not in taken:
            gaps[bisect.bisect_left(anchors, position)].append(position)
    return gaps


def _grown_or_shrunk(a: _Grams, b: _Grams) -> bool:
    """One text kept whole inside the other (款 added or removed): a match even
    though the Dice score is low; ranked after every ordinary match."""
    return _kept_whole(a.common(b), min(a.size, b.size))


def _kept_whole(common: int, small: int) -> bool:
    """Is the smaller text (``small`` bigrams, ``common`` of them shared) kept
    whole inside the other?"""
    return small >= 8 and common / small >= 0.9


def _greedy(scored: list[tuple[int, float, int, int]]) -> dict[tuple[int, int], float]:
    pairs, used_old, used_new = {}, set(), set()
    for _, score, i, j in sorted(scored, key=lambda s: (s[0], -s[1], s[2], s[3])):
        if i not in used_old and j not in used_new:
            pairs[(i, j)] = score
            used_old.add(i)
            used_new.add(j)
    return pairs


def _splits_and_merges(old_grams: _LazyGrams, new_grams: _LazyGrams, paired: dict[int, int],
                       containment: float) -> list[tuple[int | None, int | None, str, float]]:
    inverse = {j: i for i, j in paired.items()}
    found = []
    for j, best, score in _leftovers(new_grams, old_grams, inverse, containment):
        found.append((best, j, "split", score) if best is not None else (None, j, "inserted", 0.0))
    for i, best, score in _leftovers(old_grams, new_grams, paired, containment):
        found.append((i, best, "merged", score) if best is not None else (i, None, "deleted", 0.0))
    return found


def _leftovers(grams: _LazyGrams, others: _LazyGrams, partner: dict[int, int], containment: float):
    """Each unpaired provision of one side, with the paired provision of the
    other side that contains it.  A split-off or merged provision sits next to
    its partner, so only pairs within ``_WINDOW`` places are candidates."""
    for index in sorted(set(range(len(grams))).difference(partner)):
        near = [partner[k] for k in range(index - _WINDOW, index + _WINDOW + 1) if k in partner]
        best = _best_container(grams[index], others, near, containment)
        yield index, best, (_rounded(_contained(grams[index], others[best])) if best is not None else 0.0)


_WINDOW = 3


def _best_container(part: _Grams, others: _LazyGrams, candidates, containment: float) -> int | None:
    if part.size < 8:
        return None
    scores = [(_contained(part, others[k]), k) for k in candidates if _may_contain(part, others.texts[k], containment)]
    score, best = max(scores, default=(0.0, None))
    return best if score >= containment else None


def _may_contain(part: _Grams, whole: str, containment: float) -> bool:
    """Could ``whole`` contain ``part`` at ``containment``?  Each distinct bigram
    of ``part`` that is no substring of ``whole`` (compact, as its grams are)
    is an occurrence outside the intersection; a neighbour that fails here,
    as nearly every one does, never has its grams built."""
    compact = "".join(whole.split())
    missing = 0
    for gram in part.distinct:
        if gram not in compact:
            missing += 1
            if (part.size - missing) / part.size < containment:  # the bound, as ``_contained`` divides
                return False
    return True


def _contained(part: _Grams, whole: _Grams) -> float:
    return part.common(whole) / part.size if part.size else 0.0


def _document_order(pairs):
    """New-document order; a provision only in the old text follows the pair
    that precedes it in the old text (the last pair, in new order, holding an
    earlier old provision), after those already placed there."""
    with_new = sorted((p for p in pairs if p[1] is not None), key=itemgetter(1))  # stable: a merge follows its partner
    only_old = sorted((p for p in pairs if p[1] is None), key=itemgetter(0))
    if not only_old:
        return with_new
    lowest = _lowest_old_from(with_new)
    after: dict[int, list] = defaultdict(list)  # place in with_new (-1: the start) → what follows it
    for p in only_old:
        after[bisect.bisect_left(lowest, p[0]) - 1].append(p)
    out = after[-1]
    for k, p in enumerate(with_new):
        out.append(p)
        out += after.get(k, ())
    return out


def _lowest_old_from(pairs) -> list[float]:
    """For each place, the lowest old position held from there to the end:
    non-decreasing, so the last pair holding an old position below ``i`` is
    found by bisection."""
    lowest, low = [], float("inf")
    for p in reversed(pairs):
        if p[0] is not None and p[0] < low:
            low = p[0]
        lowest.append(low)
    lowest.reverse()
    return lowest
