"""Amendment reports: golden wording for the 反垄断法, verification, AKN, properties."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from lxml import etree

from lawdiff.akn import serialise
from lawdiff.akn.amendment import decision_document
from lawdiff.amend import draft_amendment
from lawdiff.apply import apply_decision
from lawdiff.convert import convert_file
from lawdiff.decision import Decision, render_decision
from lawdiff.decision_parse import parse_decision
from lawdiff.render.decision import report_docx, report_json
from lawdiff.render.plaintext import render_body, render_provision
from lawdiff.validate import validate_xml

from conftest import ROOT
from test_align import edits

CASES = ROOT / "tests" / "cases" / "amend"
SOURCES = ROOT / "corpus" / "sources"
OFFICIAL = (ROOT / "corpus" / "decisions" / "反垄断法-2022-06-24-decision.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def antimonopoly():
    old = convert_file(SOURCES / "反垄断法(2007-08-30).md").expression
    new = convert_file(SOURCES / "反垄断法(2022-06-24).md").expression
    return old, new, draft_amendment(old, new)


def test_report_text_golden(antimonopoly, golden):
    _, _, drafted = antimonopoly
    golden(CASES / "antimonopoly-2007-2022" / "decision.txt", render_decision(drafted.decision))


def test_report_docx_golden(antimonopoly, golden):
    import docx

    old, new, drafted = antimonopoly
    document = docx.Document(io.BytesIO(report_docx(drafted.decision, old.work.title, new.date)))
    golden(CASES / "antimonopoly-2007-2022" / "decision.docx.txt", "\n".join(p.text for p in document.paragraphs) + "\n")


def test_report_verifies(antimonopoly):
    _, _, drafted = antimonopoly
    assert drafted.residue is None and drafted.applied.problems == ()


def test_report_matches_the_official_decision(antimonopoly):
    """Each official item has a lawdiff item on the same provision giving it the same text."""
    old, _, drafted = antimonopoly
    official = parse_decision(OFFICIAL).decision
    ours = {_key(item): item for item in _units(drafted.decision)}
    matched = [_effect(old, item) == _effect(old, ours[_key(item)]) if _key(item) in ours else False
               for item in _units(official)]
    assert len(matched) == 34 and sum(matched) / len(matched) >= 0.95


def _units(decision: Decision):
    for item in decision.items:
        yield from (item.group or (item,))


def _key(item):
    edit = next((e for e in item.edits if e.action != "renumber"), item.edits[0])
    if edit.action == "insert" and edit.position[0].unit == "article":
        return "new", edit.position[0].article
    return "old", edit.target.article


def _effect(old, item) -> set[str]:
    """The article texts an item alone produces that the old text does not have."""
    before = {render_provision(a).split(" ", 1)[-1] for a in old.articles()}
    after = apply_decision(old, Decision((item,), True)).expression
    return {render_provision(a).split(" ", 1)[-1] for a in after.articles()} - before


def test_json_items(antimonopoly):
    _, _, drafted = antimonopoly
    items = json.loads(report_json(drafted.decision, drafted.applied))["items"]
    first = items[0]
    assert set(first) >= {"no", "kind", "old_eid", "new_eid", "old_text", "new_text", "wording"}
    inserted = next(i for i in items if i["wording"].startswith("增加一条，作为第五条"))
    assert (inserted["kind"], inserted["new_eid"]) == ("insert", "art_5")


def test_akn_amendment_validates_and_hrefs_resolve(antimonopoly):
    old, new, drafted = antimonopoly
    document, amended = decision_document(drafted.decision, old, drafted.applied, date(2022, 6, 24))
    xml = etree.tostring(document, encoding="UTF-8", xml_declaration=True)
    assert validate_xml(xml, "decision.xml") == []
    assert validate_xml(serialise(amended), "amended.xml") == []
    old_eids = {p.eid for p in old.walk()}
    destinations = re.findall(r'<destination href="([^"]+)"', xml.decode())
    assert destinations and all(href.split("/~")[1] in old_eids for href in destinations)
    new_eids = {p.eid for p in amended.walk()}
    passive = [m.destination for m in amended.modifications if m.destination.startswith("#")]
    assert passive and all(href[1:] in new_eids for href in passive)
    assert amended.events[-1].kind == "amendment" and render_body(amended) == render_body(new)


def test_unbalanced_quotation_marks_are_reported_not_hidden(seed_path):
    """A new text whose “ ” do not pair (found by the random-edit property test: 宣传和
    销售“黑土优品” with its “ typed over) cannot be quoted unambiguously in a decision:
    the drafted decision does not reproduce it, and ``residue`` says so."""
    old = convert_file(seed_path).expression
    article = next(a for a in old.articles() if "“黑土优品”" in a.children[0].text)
    text = article.children[0].text.replace("“黑土优品", "并且黑土优品")
    changed = replace(article, children=(replace(article.children[0], text=text),))
    new = replace(old, date=date(2025, 1, 1), body=tuple(_swap(p, article, changed) for p in old.body))
    assert draft_amendment(old, new).residue is not None


def _swap(provision, old, new):
    if provision is old:
        return new
    return replace(provision, children=tuple(_swap(c, old, new) for c in provision.children))


@settings(max_examples=30, deadline=None)
@given(edits())
def test_round_trip_on_random_edits(case):
    old, new, _, _ = case
    drafted = draft_amendment(old, new)
    assert drafted.residue is None, render_decision(drafted.decision)
