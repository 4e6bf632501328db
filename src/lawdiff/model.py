"""The document model every stage reads and returns.

Frozen, slotted dataclasses with tuple children; change them with
``dataclasses.replace``.  Equality is *content* equality: ``line`` (where a
provision came from in the source file) is excluded from ``==`` so that a model
read back from XML equals the model parsed from text.  "Same provision" across
versions is a separate question answered by ``eid`` (identity) or by the
aligner (similarity), never by ``==``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterator

#: Provision kinds, outermost first.  ``paragraph`` is 款; ``point`` 项; ``subpoint`` 目.
KINDS = ("part", "subpart", "chapter", "section", "article", "paragraph", "point", "subpoint")
CONTAINER_KINDS = ("part", "subpart", "chapter", "section")


@dataclass(frozen=True, slots=True)
class Provision:
    """One node of the hierarchy: 编, 分编, 章, 节, 条, 款, 项 or 目.

    ``label`` is the Chinese number as printed (``第十条之一``, ``（二）``; empty
    for 款, which are unnumbered); ``num`` and ``suffix`` are its Arabic value
    (第十条之一 → 10, 1).  ``text`` is the provision's own words: the whole text
    of a leaf, the lead-in (intro) of a provision with children.
    """

    kind: str
    num: int | None = None
    label: str = ""
    heading: str = ""
    text: str = ""
    children: tuple["Provision", ...] = ()
    eid: str = ""
    suffix: int = 0
    line: int = field(default=0, compare=False)

    def walk(self) -> Iterator["Provision"]:
        """This provision and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def full_text(self) -> str:
        """Own text followed by every descendant's, one provision a line."""
        return "\n".join(p.text for p in self.walk() if p.text)


@dataclass(frozen=True, slots=True)
class Work:
    """The abstract regulation, independent of any version (FRBR work)."""

    title: str
    country: str  # AKN country code: "cn", "cn-hl", …
    subtype: str  # "law", "regulation", "decision", …
    number: str  # URI slug, e.g. "shuzi-jingji-cujin"
    date: date  # date of first adoption

    @property
    def uri(self) -> str:
        return f"/akn/{self.country}/act/{self.subtype}/{self.date.isoformat()}/{self.number}"


@dataclass(frozen=True, slots=True)
class Event:
    """A lifecycle event read from the history lines (通过, 修正, 修订, 施行)."""

    date: date
    kind: str  # "adoption" | "amendment" | "revision" | "entryIntoForce" | "publication"


@dataclass(frozen=True, slots=True)
class Modification:
    """A change an amending act made to this expression (AKN passiveModifications):
    ``source`` is the amending provision's href, ``destination`` the changed
    provision (``#art_13__para_1``, or the old expression's URI for a repeal),
    ``previous`` the old href of a renumbered provision."""

    type: str  # substitution | insertion | repeal | renumbering
    source: str
    destination: str
    previous: str = ""


@dataclass(frozen=True, slots=True)
class Expression:
    """One version of a work, in one language (FRBR expression)."""

    work: Work
    date: date
    body: tuple[Provision, ...]
    language: str = "zho"
    preface: tuple[str, ...] = ()  # history lines as printed, title excluded
    events: tuple[Event, ...] = ()
    preamble: tuple[str, ...] = ()  # text before the first provision (序言, a decision's lead-in)
    modifications: tuple[Modification, ...] = ()

    @property
    def uri(self) -> str:
        return f"{self.work.uri}/{self.language}@{self.date.isoformat()}"

    def walk(self) -> Iterator[Provision]:
        for provision in self.body:
            yield from provision.walk()

    def articles(self) -> Iterator[Provision]:
        """The articles in document order (only containers are searched: an
        article never holds another).  Collected into a list first: a plain
        loop costs a third of a generator's yields for the 民法典's 1,260."""
        found: list[Provision] = []
        _collect_articles(self.body, found)
        return iter(found)

    def by_eid(self) -> dict[str, Provision]:
        return {p.eid: p for p in self.walk()}

    @property
    def is_article_structured(self) -> bool:
        return any(True for _ in self.articles())


def _collect_articles(provisions: tuple[Provision, ...], found: list[Provision]) -> None:
    for provision in provisions:
        if provision.kind == "article":
            found.append(provision)
        elif provision.kind in CONTAINER_KINDS:
            _collect_articles(provision.children, found)
