"""eIds after the AKN naming convention, built from Arabic numbers, never labels.

Decision: **article eIds are rooted at the article** (``art_12``, not
``chp_2__sec_1__art_12``).  Chinese articles are numbered uniquely across an
act (第十二条 is cited without its chapter, and 之一 insertions keep that
uniqueness), so the short form is already unambiguous; and it is *stable*: an
article moved to another chapter or section keeps its eId, which is what
version alignment, article history in git and cross-reference hrefs need.
Containers carry the full chain (``part_1__chp_2__sec_1``) because their
numbers restart inside their parent (each 编 of the 民法典 has a 第一章).

Below the article the chain is kept: ``art_12__para_3``, ``art_3__para_1__point_2``,
and a 目 is a point inside a point (``…__point_2__point_1``), as AKN nests them.
之一 suffixes become ``-1``: 第十条之一 → ``art_10-1``.  Unnumbered paragraphs
(款) take their ordinal among their sibling paragraphs.  Duplicated numbers in a
defective source (two 第五条) cannot share an eId — the strict schema requires
unique eIds — so the second becomes ``art_5_dup2``; ``validate`` still reports
the duplicate number from the labels.
"""

from __future__ import annotations

from typing import Iterator

from .model import Provision

PREFIX = {"part": "part", "subpart": "subpart", "chapter": "chp", "section": "sec", "article": "art",
          "paragraph": "para", "point": "point", "subpoint": "point"}


def assign_eids(body: tuple[Provision, ...]) -> tuple[Provision, ...]:
    return _assign(body, "", {})


def child_eids(children, parent: str, seen: dict[str, int]) -> Iterator[str]:
    """The eId of each child in turn (anything with ``kind``/``num``/``suffix``).

    Lazy on purpose: a caller descends into child k before asking for child
    k+1's eId, so ``seen`` numbers duplicates in document order."""
    paragraphs = 0
    for child in children:
        if child.kind == "paragraph":
            paragraphs += 1
        number = child.num if child.num is not None else paragraphs
        token = f"{PREFIX[child.kind]}_{number}" + (f"-{child.suffix}" if child.suffix else "")
        eid = token if child.kind == "article" or not parent else f"{parent}__{token}"
        seen[eid] = seen.get(eid, 0) + 1
        yield eid if seen[eid] == 1 else f"{eid}_dup{seen[eid]}"


def _assign(children: tuple[Provision, ...], parent: str, seen: dict[str, int]) -> tuple[Provision, ...]:
    return tuple(Provision(child.kind, child.num, child.label, child.heading, child.text,
                           _assign(child.children, eid, seen), eid, child.suffix, child.line)
                 for child, eid in zip(children, child_eids(children, parent, seen)))
