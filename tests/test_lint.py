"""Drafting lint: exactly the two typos on the seed, and each rule on its own."""

import pytest

from lawdiff.convert import convert_file
from lawdiff.lint import lint, lint_provision
from lawdiff.model import Provision


def test_seed_has_exactly_the_two_known_typos(seed_path):
    findings = lint(convert_file(seed_path).expression)
    assert [(f.rule, f.eid, f.text) for f in findings] == [
        ("traditional-char", "art_12__para_3", "間"), ("latin-word", "art_81__para_1", "and")]
    text = {f.rule: f for f in findings}
    provision = convert_file(seed_path).expression.by_eid()["art_81__para_1"]
    assert provision.text[text["latin-word"].offset:].startswith("and 标准")


@pytest.mark.parametrize("text,rule,offset", [
    ("监管规则 and 标准", "latin-word", 5),
    ("预留空間资源", "traditional-char", 3),
    ("应当遵守,不得违反", "halfwidth-punct", 4),
    ("应当遵守。。", "doubled-punct", 4),
    ("应当遵守，。", "doubled-punct", 4),
], ids=["latin", "traditional", "halfwidth", "doubled", "mixed-doubled"])
def test_each_rule(text, rule, offset):
    [finding] = lint_provision(Provision("paragraph", text=text, eid="art_1__para_1"))
    assert (finding.rule, finding.offset, finding.eid) == (rule, offset, "art_1__para_1")


@pytest.mark.parametrize("text", ["推进5G网络建设", "支持IPv6部署", "开发App应用", "第（一）项", "著作权", "干部", "乾县"],
                         ids=lambda t: t)
def test_no_false_positives(text):
    assert lint_provision(Provision("paragraph", text=text, eid="x")) == []
