"""Drafting lint: flags, never fixes, what a careful drafter would correct.

Rules (``rule`` ids in findings):

* ``latin-word`` — a lowercase Latin word inside Chinese text (``规则 and 标准``);
  acronyms and model names (``5G``, ``IPv6``, ``App``) are left alone;
* ``traditional-char`` — a traditional character in simplified text (``空間``),
  using OpenCC's character tables: a character counts as traditional only if
  OpenCC maps it to a different character and it is not itself a simplified form;
* ``halfwidth-punct`` — ``, ; : ? ! ( )`` between Chinese characters;
* ``doubled-punct`` — ``。。``, ``，，``, ``，。`` and the like;
* numbering findings from ``structure`` (gaps, duplicates, disorder), as warnings.

Each finding names the provision's eId and the character offset in its text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from .findings import Finding, Severity
from .model import Expression, Provision
from .structure import numbering_findings

_CJK = r"\u3400-\u9fff"
_LATIN = re.compile(rf"(?<=[{_CJK}])\s*\b([a-z]{{2,}})\b\s*(?=[{_CJK}])")
_HALFWIDTH = re.compile(rf"(?<=[{_CJK}])[,;:?!()]|[,;:?!()](?=[{_CJK}])")
#: Characters OpenCC simplifies but the 通用规范汉字表 keeps for names (噁唑 in pesticide
#: names, 白鱀豚): seen in national law texts of the shared corpus.
_STANDARD_IN_SIMPLIFIED = frozenset("噁鱀")
_DOUBLED = re.compile(r"[，。；：、！？]{2,}")


@lru_cache(maxsize=1)
def traditional_only() -> frozenset[str]:
    import opencc

    folder = Path(opencc.__file__).parent / "dictionary"

    def table(name: str) -> dict[str, list[str]]:
        rows = (line.split("\t") for line in (folder / name).read_text("utf-8").splitlines() if "\t" in line)
        return {key: value.split() for key, value in rows}

    to_simplified, to_traditional = table("TSCharacters.txt"), table("STCharacters.txt")
    simplified_forms = set(to_traditional) | {c for values in to_simplified.values() for c in values}
    return frozenset(k for k, v in to_simplified.items()
                     if k not in simplified_forms and v and v[0] != k and k not in _STANDARD_IN_SIMPLIFIED)


def lint(expression: Expression, path: str = "") -> list[Finding]:
    findings = []
    for provision in expression.walk():
        findings += lint_provision(provision, path)
    findings += [replace(f, severity=Severity.WARNING) for f in numbering_findings(expression, path)]
    return findings


def lint_provision(provision: Provision, path: str = "") -> list[Finding]:
    text, found = provision.text, []

    def add(rule: str, offset: int, chars: str, message: str) -> None:
        found.append(Finding(rule, message, Severity.WARNING, provision.eid, offset, chars, path,
                             provision.line or None))

    for match in _LATIN.finditer(text):
        add("latin-word", match.start(1), match.group(1), f"Latin word “{match.group(1)}” in Chinese text")
    table = traditional_only()
    for offset, char in enumerate(text):
        if char in table:
            add("traditional-char", offset, char, f"traditional character “{char}” in simplified text")
    for match in _HALFWIDTH.finditer(text):
        add("halfwidth-punct", match.start(), match.group(), f"half-width “{match.group()}” in a Chinese sentence")
    for match in _DOUBLED.finditer(text):
        add("doubled-punct", match.start(), match.group(), f"doubled punctuation “{match.group()}”")
    return found
