"""The national-law register: which acts exist, in which versions, and which
were repealed — what external references are checked against.

``Register.from_folder`` reads every law and administrative regulation in a
folder tree (LawRefBook Markdown, any version), keyed by title, by short title
(without 中华人民共和国) and by date.  ``REPEALS`` records repeals the texts
themselves state (民法典 第一千二百六十条), since a repealed act is no longer in
a consolidated corpus to say so.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter, defaultdict
from typing import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .atomic import write_atomic
from .convert import convert_file
from .eids import assign_eids
from .errors import InputError
from .model import Expression, Provision, Work

#: Acts repealed by a later act, as that act says: short title → (successor, in force).
REPEALS = {
    **{title: ("中华人民共和国民法典", date(2021, 1, 1))  # 民法典 第一千二百六十条
       for title in ("婚姻法", "继承法", "民法通则", "收养法", "担保法", "合同法", "物权法", "侵权责任法", "民法总则")},
    **{title: ("中华人民共和国合同法", date(1999, 10, 1))  # 合同法 第四百二十八条
       for title in ("经济合同法", "涉外经济合同法", "技术合同法")},
}


def successor_of(title: str, when: date) -> tuple[str, date] | None:
    """The act in force on ``when`` that replaced a repealed ``title`` (following
    repeal after repeal: 经济合同法 → 合同法 → 民法典), with the date of the
    first repeal; ``None`` if ``title`` was not repealed by then."""
    if title not in REPEALS or when < REPEALS[title][1]:
        return None
    successor, since = REPEALS[title]
    while short_title(successor) in REPEALS and when >= REPEALS[short_title(successor)][1]:
        successor = REPEALS[short_title(successor)][0]
    return successor, since


def short_title(title: str) -> str:
    """``《中华人民共和国网络安全法》`` → ``网络安全法``: how acts are cited in short."""
    title = title.strip("《》 ")
    title = re.sub(r"[（(]\d{4}年?(?:修正|修订)?[）)]$", "", title)
    return title.removeprefix("中华人民共和国")


@dataclass
class Register:
    """Every version of every act, by short title, oldest first."""

    acts: dict[str, list[Expression]] = field(default_factory=lambda: defaultdict(list))
    #: Memos keyed by expression URIs: checking a corpus asks about the same few acts again and again.
    _eids: dict = field(default_factory=dict, repr=False, compare=False)
    _changes: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_folder(cls, folder: str | Path, *, jobs: int = 2) -> "Register":
        files = sorted(str(p) for p in Path(folder).rglob("*.md"))
        register = cls()
        with ProcessPoolExecutor(jobs) as pool:
            for expression in pool.map(_load, files, chunksize=8):
                if expression is not None:
                    register.add(expression)
        return register

    def add(self, expression: Expression) -> None:
        """Add a version; parts of one act published as separate files (the
        民法典's 编) are joined into one version of that date."""
        self._eids.clear()
        self._changes.clear()
        versions = self.acts[short_title(expression.work.title)]
        same = [k for k, version in enumerate(versions) if version.date == expression.date]
        if same:
            joined = versions[same[0]]
            versions[same[0]] = replace(joined, body=joined.body + expression.body)
        else:
            versions.append(expression)
            versions.sort(key=lambda e: e.date)

    def in_force(self, title: str, when: date) -> Expression | None:
        """The version of an act in force on a date (the latest dated on or before it)."""
        versions = [e for e in self.acts.get(short_title(title), ()) if e.date <= when]
        return versions[-1] if versions else None

    def eids(self, version: Expression) -> frozenset[str]:
        """Every eId of a version of a registered act."""
        if version.uri not in self._eids:
            self._eids[version.uri] = frozenset(p.eid for p in version.walk())
        return self._eids[version.uri]

    def changes(self, cited: Expression, later: Expression) -> dict:
        """What became of each article of ``cited`` in ``later``: old eId → ``diff.Change``."""
        from .diff import diff_documents

        key = (cited.uri, later.uri)
        if key not in self._changes:
            self._changes[key] = {c.old.eid: c for c in diff_documents(cited, later).changes if c.old is not None}
        return self._changes[key]

    def knows(self, title: str) -> bool:
        return short_title(title) in self.acts or short_title(title) in REPEALS

    def save(self, path: str | Path) -> None:
        """A compact index (gzipped JSON: each version's identity and its articles'
        texts), built once and loaded in a fraction of the time of re-reading."""
        data = [_compact(version) for versions in self.acts.values() for version in versions]
        write_atomic(path, gzip.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), mtime=0))

    @classmethod
    def load(cls, path: str | Path) -> "Register":
        try:
            data = json.loads(gzip.decompress(Path(path).read_bytes()))
        except (OSError, ValueError, EOFError) as error:
            raise InputError(str(path), f"not a register index: {error}") from None
        register = cls()
        for item in data:
            register.add(_expanded(item))
        return register


def _compact(expression: Expression) -> dict:
    work = expression.work
    return {"work": [work.title, work.country, work.subtype, work.number, work.date.isoformat()],
            "date": expression.date.isoformat(),
            "articles": [[a.num, a.suffix, a.label, [[p.text, [[i.num, i.label, i.full_text] for i in p.children]]
                                                      for p in a.children]] for a in expression.articles()]}


def _expanded(item: dict) -> Expression:
    title, country, subtype, number, work_date = item["work"]
    def paragraph(text: str, points: list) -> Provision:  # 目 fold into their 项's text: enough to compare
        return Provision("paragraph", text=text, children=tuple(Provision("point", n, l, text=t) for n, l, t in points))

    articles = tuple(Provision("article", num, label, children=tuple(paragraph(*p) for p in paragraphs), suffix=suffix)
                     for num, suffix, label, paragraphs in item["articles"])
    return Expression(Work(title, country, subtype, number, date.fromisoformat(work_date)),
                      date.fromisoformat(item["date"]), assign_eids(articles))


def _load(path: str) -> Expression | None:
    try:
        expression = convert_file(path).expression
    except InputError:
        return None
    return expression if expression.is_article_structured else None


BUNDLED_CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def load_register(folder: Path | None) -> Register | None:
    """National acts from a register index (``lawdiff register``) or a folder of
    texts (default: the bundled corpus, when present)."""
    if folder is not None and folder.is_file():
        return Register.load(folder)
    folder = folder or (BUNDLED_CORPUS if BUNDLED_CORPUS.is_dir() else None)
    if folder is None:
        return None
    register = Register()
    for expression in Register.from_folder(folder).acts.values():
        for version in expression:
            if version.work.country == "cn":  # national acts only: local ones are not cited as law
                register.add(version)
    return register


# ---------------------------------------------------------------- related provisions


@dataclass(frozen=True, slots=True)
class Related:
    score: float
    act: str
    article: Provision


@dataclass(frozen=True, slots=True)
class Spread:
    """In how many of a document's articles each bigram occurs."""

    counts: Counter
    articles: int

    @classmethod
    def of(cls, articles: Sequence[Provision]) -> "Spread":
        return cls(Counter(g for article in articles for g in _bigrams(article.full_text).keys()), len(articles))

    def weight(self, gram: str) -> float:
        return math.log((self.articles + 1) / (self.counts[gram] + 1))


class RelatedIndex:
    """TF-IDF over character bigrams of national articles: which national
    provisions a local article restates, when it does not cite them."""

    def __init__(self, acts: list[Expression]):
        self.articles = [(e.work.title, a) for e in acts for a in e.articles()]
        self.vectors = [_bigrams(a.full_text) for _, a in self.articles]
        documents = Counter(gram for vector in self.vectors for gram in vector)
        total = len(self.vectors)
        self.idf = {gram: math.log(total / count) for gram, count in documents.items()}
        self.norms = [self._norm(v) for v in self.vectors]

    def _norm(self, vector: Mapping[str, float]) -> float:
        return math.sqrt(sum((n * self.idf.get(g, 0.0)) ** 2 for g, n in vector.items())) or 1.0

    def related(self, provision: Provision, top: int = 3, spread: Spread | None = None) -> list[Related]:
        """The ``top`` national articles most like ``provision``.  With the ``spread`` of
        its own document's words, a word most of the document's articles use — 数字经济
        in a 数字经济促进条例 — weighs little: it says what the document is about, not
        what this article is about, and would rank the one national provision on the
        document's theme first for every article."""
        query: Mapping[str, float] = _bigrams(provision.full_text)
        if spread is not None:
            query = {g: n * spread.weight(g) for g, n in query.items()}
        norm = self._norm(query)
        scores = []
        for (act, article), vector, article_norm in zip(self.articles, self.vectors, self.norms):
            dot = sum(n * vector[g] * self.idf.get(g, 0.0) ** 2 for g, n in query.items() if g in vector)
            scores.append(Related(round(dot / (norm * article_norm), 4), act, article))
        return sorted(scores, key=lambda r: -r.score)[:top]


def _bigrams(text: str) -> Counter:
    compact = re.sub(r"[\s，。；：、（）“”《》]", "", text)
    return Counter(compact[k:k + 2] for k in range(len(compact) - 1))
