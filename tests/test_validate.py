"""Validation: strict XSD, Schematron house rules, numbering findings."""

from lawdiff.akn import serialise
from lawdiff.convert import convert_file
from lawdiff.structure import numbering_findings
from lawdiff.validate import validate_xml

from test_parse import parse


def seed_xml(seed_path) -> bytes:
    return convert_file(seed_path).xml


def rules(findings):
    return [f.rule for f in findings]


def test_xsd_error_has_a_line(seed_path):
    broken = seed_xml(seed_path).replace(b"<num>\xe7\xac\xac\xe4\xb8\x80\xe6\x9d\xa1</num>", b"<bogus/>", 1)
    findings = validate_xml(broken, "x.xml")
    assert "xsd" in rules(findings)
    assert all(f.line for f in findings if f.rule == "xsd")


def test_duplicate_eid_is_a_schema_error(seed_path):
    broken = seed_xml(seed_path).replace(b'eId="art_2"', b'eId="art_1"', 1)
    assert "xsd" in rules(validate_xml(broken, "x.xml"))


def test_frbr_inconsistency_is_a_house_rule(seed_path):
    broken = seed_xml(seed_path).replace(b'<FRBRuri value="/akn/cn-hl/act/regulation/2024-12-19/shuzijingjicujin/zho@2024-12-19"/>',
                                         b'<FRBRuri value="/akn/cn-hl/act/regulation/2024-12-19/other/zho@2024-12-19"/>')
    assert "frbr-expression-uri" in rules(validate_xml(broken, "x.xml"))


def test_empty_provision_is_a_house_rule(seed_path):
    xml = seed_xml(seed_path)
    start = xml.index(b"<p>", xml.index(b'<paragraph eId="art_5__para_1">'))
    end = xml.index(b"</p>", start) + 4
    findings = validate_xml(xml[:start] + b"<p/>" + xml[end:], "x.xml")
    assert [(f.rule, f.eid) for f in findings] == [("empty-provision", "art_5__para_1")]


def test_title_mismatch_is_a_house_rule(seed_path):
    broken = seed_xml(seed_path).replace("<p>黑龙江省数字经济促进条例</p>".encode(), "<p>别的条例</p>".encode(), 1)
    assert "frbr-name" in rules(validate_xml(broken, "x.xml"))


def test_gap_names_the_paragraph_that_lost_its_label():
    document = parse("某条例\n（2020年1月1日通过）\n第一条 甲。\n第二条 乙。\n丙丙丙丙丙。\n第四条 丁。\n")
    [finding] = numbering_findings(document)
    assert finding.rule == "numbering-gap" and finding.eid == "art_4"
    assert "第三条 missing" in finding.message and "art_2__para_2" in finding.message


def test_duplicates_and_gaps_make_validate_fail():
    document = parse("某条例\n（2020年1月1日通过）\n第一条 甲。\n第二条 乙。\n第二条 丙。\n第四条 丁。\n")
    findings = validate_xml(serialise(document), "x.xml")
    assert rules(findings) == ["numbering-duplicate", "numbering-gap"]


def test_loose_paragraph_before_first_article_is_named():
    document = parse("某条例\n（2020年1月1日通过）\n第一章 总则\n为了测试，制定本条例。\n第二条 乙。\n")
    [finding] = numbering_findings(document)
    assert "chp_1__para_1" in finding.message


def test_suffix_articles_follow_their_base():
    document = parse("某条例\n（2020年1月1日通过）\n第一条 甲。\n第一条之一 乙。\n第二条 丙。\n")
    assert numbering_findings(document) == []


def test_thousands_of_house_rule_failures_are_capped():
    from lawdiff.validate import MAX_HOUSE_FINDINGS

    document = parse("某条例\n（2020年1月1日通过）\n" + "第一章 甲\n" * 400 + "第一条 甲。\n")
    xml = serialise(document)
    findings = [f for f in validate_xml(xml, "x.xml") if f.rule != "xsd"]
    assert len(findings) <= MAX_HOUSE_FINDINGS + 1
