"""Applying amendment decisions: the official 2022 反垄断法 decision, and pasted variants."""

from __future__ import annotations

import pytest

from lawdiff.apply import apply_decision
from lawdiff.convert import convert_file
from lawdiff.decision_parse import clean_decision_text, parse_decision
from lawdiff.render.plaintext import render_body

from conftest import ROOT
from test_parse import parse

CORPUS = ROOT / "corpus"
DECISION = (CORPUS / "decisions" / "反垄断法-2022-06-24-decision.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def antimonopoly():
    return (convert_file(CORPUS / "sources" / "反垄断法(2007-08-30).md").expression,
            convert_file(CORPUS / "sources" / "反垄断法(2022-06-24).md").expression)


def test_official_decision_gives_the_2022_text_exactly(antimonopoly):
    old, new = antimonopoly
    parsed = parse_decision(DECISION)
    assert len(parsed.decision.items) == 25 and parsed.not_understood == ()
    applied = apply_decision(old, parsed.decision)
    assert applied.problems == ()
    assert render_body(applied.expression) == render_body(new)
    assert applied.expression.body == new.body


def test_renumbered_references_are_listed(antimonopoly):
    old, _ = antimonopoly
    applied = apply_decision(old, parse_decision(DECISION).decision)
    rewrites = {(r.eid, r.before, r.after) for r in applied.rewrites}
    assert ("art_30", "第二十三条", "第二十八条") in rewrites
    assert ("art_65", "第二十八条", "第三十四条") in rewrites


def test_straight_quotes_and_markdown_are_regularised():
    cleaned = clean_decision_text('> # 标题\n\n一、将第四条修改为："甲。\n\n"乙。"\n')
    assert cleaned == "标题\n一、将第四条修改为：“甲。\n“乙。”"


def test_one_line_decision():
    old = parse("某条例\n（2020年1月1日通过）\n第一条 甲。\n第二条 乙。\n第三条 依照本条例第三条。\n")
    applied = apply_decision(old, parse_decision("删去第二条。\n此外，对条文顺序作相应调整。").decision)
    assert render_body(applied.expression) == "第一条 甲。\n第二条 依照本条例第二条。"


def test_several_laws_in_one_decision_take_the_right_section():
    text = ("一、对《中华人民共和国甲法》作出修改\n（一）删去第一条。\n"
            "二、对《中华人民共和国某条例》作出修改\n（一）将第二条修改为：“新的乙。”\n")
    old = parse("某条例\n（2020年1月1日通过）\n第一条 甲。\n第二条 乙。\n")
    decision = parse_decision(text, law_title="某条例").decision
    assert render_body(apply_decision(old, decision).expression) == "第一条 甲。\n第二条 新的乙。"


def test_words_not_found_are_reported_not_guessed():
    old = parse("某条例\n（2020年1月1日通过）\n第一条 甲乙丙。\n")
    applied = apply_decision(old, parse_decision("一、将第一条中的“丁”修改为“戊”。").decision)
    assert [p.item for p in applied.problems] == ["一"] and "“丁” not found" in applied.problems[0].message
    assert render_body(applied.expression) == "第一条 甲乙丙。"
