"""Impact of an amended national act on the provisions that cite it."""

from __future__ import annotations

from lawdiff.convert import convert_file
from lawdiff.impact import impact

from conftest import ROOT, shared_file

SOURCES = ROOT / "corpus" / "sources"


def versions():
    return (convert_file(SOURCES / "反垄断法(2007-08-30).md").expression,
            convert_file(SOURCES / "反垄断法(2022-06-24).md").expression)


def test_renumbered_and_changed_citations_in_a_local_regulation(tmp_path):
    (tmp_path / "某省价格条例(2015-01-01).md").write_text(
        "# 某省价格条例\n\n2015年1月1日 某省人民代表大会常务委员会通过\n\n<!-- INFO END -->\n\n"
        "第一条 依照《中华人民共和国反垄断法》第五条、第十三条和第五十七条的规定，制定本条例。\n", "utf-8")
    found = impact(*versions(), tmp_path, jobs=1)
    assert [(i.cited, i.status, i.suggestion) for i in found] == [
        ("第五条", "renumbered", "第六条"), ("第十三条", "changed", "第十七条"), ("第五十七条", "renumbered", "第七十条")]


def test_supreme_court_rules_citing_the_2007_numbering():
    """Checked by reading: the 2020 rules cite 2007 第十三条 (now 第十七条) and 第十七条 (now 第二十二条)."""
    folder = shared_file("lawrefbook/司法解释")
    found = [i for i in impact(*versions(), folder) if "因垄断行为引发的民事纠纷" in i.path]
    assert [(i.reference.source_eid, i.cited, i.suggestion) for i in found] == [
        ("art_7__para_1", "第十三条", "第十七条"), ("art_8__para_1", "第十七条", "第二十二条")]
