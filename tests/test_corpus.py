"""Real-corpus runs over ../shared/lawrefbook (3,475 Markdown files); skipped when absent.

One pass converts every file in a process pool and records what each test needs,
so the whole corpus is read once per session.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from lawdiff.akn import from_akn, serialise
from lawdiff.convert import convert_file
from lawdiff.errors import InputError
from lawdiff.structure import numbering_findings
from lawdiff.validate import schema_findings
from lawdiff.safexml import parse_xml

from conftest import LAWREFBOOK

pytestmark = pytest.mark.corpus

#: Documents lawdiff refuses with a clear error, and why (checked by reading them).
EXPECTED_REFUSALS = {
    "no version date in the text or file name": 55,  # no history line, no date in the name, no 施行 date
    "no body text after the title and history lines": 4,  # files holding only a title and history
}


def _survey(path: str) -> dict:
    try:
        result = convert_file(path)
    except InputError as error:
        return {"path": path, "refused": error.message.split(":")[0]}
    xml = result.xml
    again = from_akn(xml, path)
    findings = numbering_findings(result.expression, path)
    return {
        "path": path,
        "xsd": [f.message for f in schema_findings(parse_xml(xml, path), path)],
        "round_trip": again == result.expression and serialise(again) == xml,
        "structured": result.expression.is_article_structured,
        "articles": sum(1 for _ in result.expression.articles()),
        "numbering": [(f.rule, f.eid, f.message) for f in findings],
    }


@pytest.fixture(scope="module")
def survey() -> dict[str, dict]:
    if not LAWREFBOOK.is_dir():
        pytest.skip("../shared/lawrefbook is not present on this machine")
    files = sorted(str(p) for p in LAWREFBOOK.rglob("*.md"))
    with ProcessPoolExecutor(2) as pool:
        return {r["path"]: r for r in pool.map(_survey, files, chunksize=16)}


def test_every_file_converts_or_is_refused_clearly(survey):
    assert len(survey) > 3400
    refusals = Counter(r["refused"] for r in survey.values() if "refused" in r)
    assert refusals == EXPECTED_REFUSALS


def test_every_output_is_xsd_valid(survey):
    invalid = {p: r["xsd"][:1] for p, r in survey.items() if r.get("xsd")}
    assert invalid == {}


def test_round_trip_is_byte_identical(survey):
    broken = [p for p, r in survey.items() if "round_trip" in r and not r["round_trip"]]
    assert broken == []


def test_numbering_clean_for_most_article_structured_documents(survey):
    structured = [r for r in survey.values() if r.get("structured")]
    clean = sum(1 for r in structured if not r["numbering"])
    assert len(structured) > 3200 and clean / len(structured) > 0.9


def _findings_of(survey, name: str):
    [record] = [r for p, r in survey.items() if Path(p).name == name]
    return record["numbering"]


def test_lost_article_label_is_named(survey):
    findings = _findings_of(survey, "山东省中医药条例(2020-11-27).md")
    assert [(rule, eid) for rule, eid, _ in findings] == [("numbering-gap", "art_14")]
    assert "第十三条 missing" in findings[0][2] and "art_12__para_4" in findings[0][2]


def test_unlabelled_first_articles_are_named(survey):
    findings = _findings_of(survey, "浙江省测绘地理信息条例(2019-03-28).md")
    rule, eid, message = findings[0]
    assert (rule, eid) == ("numbering-gap", "art_3")
    assert "第一条–第二条 missing" in message and "chp_1__para_1" in message


def test_beijing_table_of_contents_is_not_a_second_set_of_chapters(survey):
    [record] = [r for p, r in survey.items() if Path(p).name == "北京市数字经济促进条例(2022-11-25).md"]
    assert record["numbering"] == [] and record["articles"] == 58  # 第一条…第五十八条, counted with grep


def test_amendment_round_trip_on_real_version_pairs(lawrefbook):
    """apply(old, amend(old, new)) == new on the corpus's consecutive versions;
    the exceptions and their causes are listed by ``python bench/amend.py``."""
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    from amend import round_trip, version_pairs

    pairs = version_pairs(lawrefbook)
    with ProcessPoolExecutor(2) as pool:
        causes = Counter(cause for _, cause, _ in pool.map(round_trip, pairs))
    assert len(pairs) >= 75
    assert causes["exact"] >= 68
    assert causes["exact"] + causes["项 labels retyped (一)→（一） in the source: not an amendment"] >= 90


def test_every_item_of_the_official_criminal_and_constitutional_amendments_is_understood(lawrefbook):
    from conftest import ROOT

    sys_path = str(ROOT / "bench")
    import sys

    if sys_path not in sys.path:
        sys.path.insert(0, sys_path)
    from amend import decision_coverage

    understood, total, missed = decision_coverage(lawrefbook.parent)
    assert (understood, total, missed) == (268, 268, [])
