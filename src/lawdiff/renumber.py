"""Rewriting internal references after articles were renumbered.

When a decision ends ``对条文顺序作相应调整``, the consolidated text renumbers
every reference to one of its own articles (and 款 shifted by an insertion):
deleting 第九条 turns a later ``依照本法第十五条`` into ``第十四条``.  References
to other laws are left alone: a ``第X条`` right after ``》`` or after a law's
name (``刑法第X条``, ``该法第X条``) is external; ``本法``/``本条例`` or no name is
internal.  Each rewrite is returned for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import NUMERAL_CHARS, cn_to_int, int_to_cn

_REF = re.compile(rf"第(?P<a>[{NUMERAL_CHARS}]+)条(?:之(?P<s>[一二三四五六七八九十]+))?(?:第(?P<p>[{NUMERAL_CHARS}]+)款)?")
_INTERNAL_LEAD = re.compile(r"(?:本法|本条例|本规定|本办法|本细则|本决定|本章|本节)$")
_EXTERNAL_LEAD = re.compile(r"(?:》|法|例|定|则|典|令|约|该法|该条例)$")  # 约: 专利合作条约第二十三条
#: Private-use marks around text a decision supplied (already in new numbering).
PROTECT_OPEN, PROTECT_CLOSE = "\U000F8000", "\U000F8001"

ArticleKey = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Rewrite:
    """One reference rewritten: where, and from what to what."""

    eid: str
    before: str
    after: str
    context: str


def article_label(key: ArticleKey) -> str:
    return f"第{int_to_cn(key[0])}条" + (f"之{int_to_cn(key[1])}" if key[1] else "")


def renumber_references(text: str, articles: dict[ArticleKey, ArticleKey],
                        paragraphs: dict[ArticleKey, dict[int, int]], eid: str = "") -> tuple[str, list[Rewrite]]:
    """Rewrite internal ``第X条[第Y款]`` references by the old → new maps,
    outside protected spans.  Returns the new text and the rewrites made."""
    rewrites: list[Rewrite] = []
    out, protected = [], False
    for piece in re.split(f"([{PROTECT_OPEN}{PROTECT_CLOSE}])", text):
        if piece == PROTECT_OPEN or piece == PROTECT_CLOSE:
            protected = piece == PROTECT_OPEN
            out.append(piece)
            continue
        out.append(piece if protected else _rewrite(piece, articles, paragraphs, eid, rewrites))
    return "".join(out), rewrites


def _rewrite(piece: str, articles, paragraphs, eid: str, rewrites: list[Rewrite]) -> str:
    out, last_end, last_external = [], None, False
    for match in _REF.finditer(piece):
        between = piece[last_end:match.start()] if last_end is not None else None
        if between is not None and _LIST.fullmatch(between):
            external = last_external  # 《X法》第三十条、第三十一条: the list shares its law
        else:
            lead = piece[max(0, match.start() - 4):match.start()]
            external = bool(_EXTERNAL_LEAD.search(lead)) and not _INTERNAL_LEAD.search(lead)
        out.append(piece[last_end or 0:match.start()])
        out.append(match.group() if external else _relabel(match, piece, articles, paragraphs, eid, rewrites))
        last_end, last_external = match.end(), external
    out.append(piece[last_end or 0:])
    return "".join(out)


_LIST = re.compile(r"(?:、|和|或者|至|以及|及)")


def _relabel(match: re.Match, piece: str, articles, paragraphs, eid: str, rewrites: list[Rewrite]) -> str:
    key = (cn_to_int(match["a"]), cn_to_int(match["s"]) if match["s"] else 0)
    if key not in articles:
        return match.group()
    label = article_label(articles[key])
    if match["p"]:
        paragraph = cn_to_int(match["p"])
        label += f"第{int_to_cn(paragraphs.get(key, {}).get(paragraph, paragraph))}款"
    if label != match.group():
        rewrites.append(Rewrite(eid, match.group(), label, piece[max(0, match.start() - 8):match.end() + 8]))
    return label


def strip_protection(text: str) -> str:
    return text.replace(PROTECT_OPEN, "").replace(PROTECT_CLOSE, "")
