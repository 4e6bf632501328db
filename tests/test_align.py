"""Alignment and comparison: the 反垄断法 2007 → 2022 table pinned, and properties."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from lawdiff.align import align_provisions
from lawdiff.convert import convert_file
from lawdiff.diff import diff_documents
from lawdiff.eids import assign_eids
from lawdiff.model import Expression
from lawdiff.numerals import int_to_cn
from lawdiff.textdiff import apply_ops, diff_text

from conftest import SEED, shared_file

# Checked by reading both texts against the official decision (../shared/decisions/):
# decision item → row.  "r" renumbered, "m" modified, "i" inserted, "s" split, "u" unchanged.
# 25→30 and 53→65 are modified only by cross-references renumbered (第二十三条→第二十八条,
# 第二十八条、第二十九条→第三十四条、第三十五条), as 对条文顺序作相应调整 requires.
ANTIMONOPOLY_2007_2022 = """
m 1 1 (二十五(一)) | u 2 2 | u 3 3 | m 4 4 (一) | i - 5 (二) | r 5 6 | r 6 7 | r 7 8 | i - 9 (三) | r 8 10 |
i - 11 (四) | r 9 12 | m 10 13 (五) | m 11 14 (二十五(二)) | m 12 15 (二十五(三)) | s 13 16 (六) | m 13 17 (六) |
m 14 18 (七) | i - 19 (八) | m 15 20 (二十五(四)) | r 16 21 | m 17 22 (九) | r 18 23 | r 19 24 | r 20 25 |
m 21 26 (十) | r 22 27 | r 23 28 | r 24 29 | m 25 30 (refs) | r 26 31 | i - 32 (十一) | r 27 33 | r 28 34 |
r 29 35 | r 30 36 | i - 37 (十二) | r 31 38 | r 32 39 | i - 40 (十三) | r 33 41 | m 34 42 (二十五(五)) |
m 35 43 (二十五(六)) | m 36 44 (二十五(七)) | m 37 45 (二十五(八)) | r 38 46 | r 39 47 | r 40 48 |
m 41 49 (二十五(九)) | r 42 50 | r 43 51 | r 44 52 | r 45 53 | i - 54 (十四) | i - 55 (十五) | m 46 56 (十六) |
r 47 57 | m 48 58 (十七) | m 49 59 (二十五(十)) | m 50 60 (十八) | m 51 61 (十九) | m 52 62 (二十) |
i - 63 (二十一) | i - 64 (二十二) | m 53 65 (refs) | m 54 66 (二十三) | i - 67 (二十四) | r 55 68 | r 56 69 | r 57 70
"""
KIND = {"m": "modified", "u": "unchanged", "r": "renumbered", "i": "inserted", "s": "split"}


def _expected():
    rows = []
    for cell in ANTIMONOPOLY_2007_2022.replace("\n", " ").split("|"):
        kind, old, new = cell.split()[:3]
        rows.append((KIND[kind], None if old == "-" else int(old), None if new == "-" else int(new)))
    return rows


@pytest.fixture(scope="module")
def antimonopoly():
    old = convert_file(shared_file("lawrefbook/经济法/反垄断法(2007-08-30).md")).expression
    new = convert_file(shared_file("lawrefbook/经济法/反垄断法(2022-06-24).md")).expression
    return diff_documents(old, new)


def test_antimonopoly_alignment_table(antimonopoly):
    actual = [(c.kind, c.old.num if c.old else None, c.new.num if c.new else None) for c in antimonopoly.changes]
    assert actual == _expected()


def test_antimonopoly_every_old_article_accounted_for(antimonopoly):
    assert {c.old.num for c in antimonopoly.changes if c.old} == set(range(1, 58))
    assert [c.new.num for c in antimonopoly.changes if c.new] == list(range(1, 71))


def test_antimonopoly_paragraph_alignment(antimonopoly):
    by_new = {c.new.num: c for c in antimonopoly.changes if c.new}
    # 五、将第十条改为第十三条，第一款修改为：…
    assert [(k.kind, k.old.eid, k.new.eid) for k in by_new[13].children] == [
        ("modified", "art_10__para_1", "art_13__para_1"), ("unchanged", "art_10__para_2", "art_13__para_2")]
    # 七、将第十四条改为第十八条，增加二款，作为第二款、第三款
    assert [k.kind for k in by_new[18].children] == ["unchanged", "inserted", "inserted"]


def test_reference_reads_as_one_token(antimonopoly):
    change = next(c for c in antimonopoly.changes if c.old and c.old.num == 15)
    assert (-1, "第十三条、第十四条") in change.ops


@pytest.mark.parametrize("old,new", [("甲乙丙", "甲丁丙"), ("", "新增"), ("删去", ""), ("依照第十条", "依照第十一条"),
                                     ("第一款\n第二款", "第一款\n第三款")])
def test_diff_text_applies(old, new):
    assert apply_ops(old, diff_text(old, new)) == new


def test_diff_text_is_deterministic_and_whole_characters():
    old, new = "县级以上人民政府应当加强领导", "县级以上地方人民政府应当切实加强领导"
    assert diff_text(old, new) == diff_text(old, new)
    assert all(len(text) > 0 for _, text in diff_text(old, new))


_EDIT_ALPHABET = "第十一二条款项之甲乙，。\n 𠀀"  # tokens (第十一条, 之一), a non-BMP character, spaces


@settings(max_examples=400, deadline=None)
@given(st.text(_EDIT_ALPHABET, max_size=14), st.text(_EDIT_ALPHABET, min_size=1, max_size=6),
       st.integers(0, 14), st.booleans())
def test_single_edit_shortcut_gives_what_diff_match_patch_gives(text, piece, at, insert):
    """An insertion or deletion of ``piece`` anywhere, the shortcut against the full path."""
    import lawdiff.textdiff as textdiff

    at = min(at, len(text))
    old, new = (text, text[:at] + piece + text[at:]) if insert else (text[:at] + piece + text[at:], text)
    shortcut = diff_text(old, new)
    original, textdiff._single_edit = textdiff._single_edit, lambda *args: None
    try:
        assert shortcut == diff_text(old, new)
    finally:
        textdiff._single_edit = original


@settings(max_examples=400, deadline=None)
@given(st.text("甲乙丙丁，。\n ", max_size=30), st.text("甲乙丙丁，。\n ", max_size=30))
def test_pair_score_is_the_dice_score_of_the_bigram_multisets(a, b):
    """The prefix/suffix shortcut of ``_pair_score`` against the plain multiset
    Dice score (a small alphabet, so bigrams repeat and middles are short)."""
    from collections import Counter

    from lawdiff.align import _pair_score

    def grams(text):
        compact = "".join(text.split())
        return Counter(compact[k:k + 2] for k in range(len(compact) - 1)) if len(compact) > 1 else Counter(compact)

    first, second = grams(a), grams(b)
    total = sum(first.values()) + sum(second.values())
    assert _pair_score(a, b, 0.0) == (2 * sum((first & second).values()) / total if total else 1.0)


# ---------------------------------------------------------------- properties

SEED_ARTICLES = list(convert_file(SEED).expression.articles())
FOREIGN = "".join(chr(c) for c in range(0x4E00 + 20000, 0x4E00 + 20400))  # rare CJK: unlike any article


def _renumbered(articles, when=date(2025, 1, 1)) -> Expression:
    numbered = tuple(replace(a, num=k, suffix=0, label=f"第{int_to_cn(k)}条") for k, a in enumerate(articles, 1))
    base = convert_file(SEED).expression
    return replace(base, date=when, body=assign_eids(numbered))


def _edit_text(article, rng):
    """Replace one character by 并且 — never a quotation mark: a text whose “ ” do not
    pair is a typo no decision can quote (tests/test_amend.py shows it is reported)."""
    first = article.children[0]
    text = first.text
    cut = rng.choice([k for k, char in enumerate(text) if char not in "“”"])
    new_first = replace(first, text=text[:cut] + "并且" + text[cut + 1:])
    return replace(article, children=(new_first, *article.children[1:]))


@st.composite
def edits(draw):
    rng = random.Random(draw(st.integers(0, 10**6)))
    start = rng.randrange(0, len(SEED_ARTICLES) - 20)
    items = [(i, a) for i, a in enumerate(SEED_ARTICLES[start:start + 20])]
    log = {"deleted": set(), "modified": set(), "moved": set(), "inserted": 0, "paragraphs": {}}
    for _ in range(draw(st.integers(1, 6))):
        operation = rng.choice(["insert", "delete", "modify", "move", "add-paragraph", "drop-paragraph"])
        k = rng.randrange(len(items))
        if operation == "insert":
            words = "".join(rng.choice(FOREIGN) for _ in range(30)) + "。"
            items.insert(k, (None, replace(SEED_ARTICLES[0], children=(replace(SEED_ARTICLES[0].children[0], text=words),))))
            log["inserted"] += 1
        elif operation == "delete" and items[k][0] is not None and len(items) > 3:
            log["deleted"].add(items.pop(k)[0])
        elif operation == "modify" and items[k][0] is not None:
            items[k] = (items[k][0], _edit_text(items[k][1], rng))
            log["modified"].add(items[k][0])
        elif operation in ("add-paragraph", "drop-paragraph") and items[k][0] is not None:
            origin, article = items[k]
            kept = log["paragraphs"].setdefault(origin, list(range(len(article.children))))
            children = list(article.children)
            if operation == "add-paragraph":
                at = rng.randrange(len(children) + 1)
                words = "".join(rng.choice(FOREIGN) for _ in range(30)) + "。"
                children.insert(at, replace(children[0], text=words))
                kept.insert(at, None)
            elif sum(k is not None for k in kept) > 1:  # keep some original text: else it is a new article
                at = rng.choice([k for k, origin in enumerate(kept) if origin is not None])
                children.pop(at)
                kept.pop(at)
            items[k] = (origin, replace(article, children=tuple(children)))
            log["modified"].add(origin)
        elif operation == "move" and items[k][0] is not None:
            moved = items.pop(k)
            items.insert(rng.randrange(len(items) + 1), moved)
            log["moved"].add(moved[0])
    old = _renumbered(SEED_ARTICLES[start:start + 20])
    new = _renumbered([a for _, a in items])
    return old, new, [i for i, _ in items], log


@settings(max_examples=40, deadline=None)
@given(edits())
def test_alignment_recovers_random_edits(case):
    old, new, origin, log = case
    pairs = align_provisions(list(old.articles()), list(new.articles()))
    recovered = {p.new.num - 1: (p.old.num - 1 if p.old else None) for p in pairs if p.new}
    assert [recovered[j] for j in range(len(origin))] == origin
    assert {p.old.num - 1 for p in pairs if p.kind == "deleted"} == log["deleted"]
    assert sum(p.kind == "inserted" for p in pairs) == log["inserted"]
    for p in pairs:
        if p.old and p.new and p.old.num - 1 not in log["moved"] | log["modified"] and p.kind != "moved":
            assert p.kind == ("unchanged" if p.old.num == p.new.num else "renumbered")
        if p.old and p.new and p.old.num - 1 in log["paragraphs"]:
            paragraphs = [int(k.old.eid.rsplit("_", 1)[1]) - 1 if k.old else None for k in p.children if k.new]
            assert paragraphs == log["paragraphs"][p.old.num - 1]


@settings(max_examples=40, deadline=None)
@given(edits())
def test_ops_rebuild_the_new_text(case):
    old, new, _, _ = case
    comparison = diff_documents(old, new)
    rebuilt = [apply_ops(c.old_text, c.ops) for c in comparison.changes if c.new is not None]
    assert rebuilt == [c.new_text for c in comparison.changes if c.new is not None]
    assert "\n".join(rebuilt) == "\n".join(c.new_text for c in comparison.changes if c.new)


def test_diff_with_itself_is_all_unchanged():
    expression = convert_file(SEED).expression
    comparison = diff_documents(expression, expression)
    assert comparison.summary == {"unchanged": 86}
    assert all(op == 0 for c in comparison.changes for op, _ in c.ops)


@settings(max_examples=400, deadline=None)
@given(st.text("甲乙丙丁戊己庚辛，。\n ", min_size=8, max_size=40), st.text("甲乙丙丁，", max_size=20),
       st.text("甲乙丙丁，", max_size=20), st.lists(st.integers(0, 39), max_size=6),
       st.sampled_from([0.5, 0.75, 0.9]))
def test_the_containment_bound_never_rules_out_a_container(part, before, after, cuts, containment):
    """``_may_contain`` skips a neighbour without building its grams only when
    the real containment is below the threshold, so the split/merge search finds
    the same containers with the bound as without it.  The neighbour holds the
    part with a few characters cut, so containment sits near each threshold."""
    from lawdiff.align import _contained, _Grams, _may_contain

    kept = "".join(c for k, c in enumerate(part) if k not in cuts)
    whole = before + kept + after
    grams = _Grams(part)
    if _contained(grams, _Grams(whole)) >= containment:
        assert _may_contain(grams, whole, containment)
