"""The national law and regulation titles refs.py recognises without 《》 (``刑法第X条``,
``期货交易管理条例第八十五条``).

``src/lawdiff/law_titles.txt`` is generated from the national-law folders of
../shared/lawrefbook (plus the laws the 民法典 repealed, which are still cited),
``src/lawdiff/regulation_titles.txt`` from its State Council regulations (the
titles ending in 条例): this test rebuilds both and compares (``--update-goldens``
rewrites them).
"""

from __future__ import annotations

import re
from pathlib import Path

from lawdiff.register import REPEALS, short_title

TITLES = Path(__file__).resolve().parents[1] / "src" / "lawdiff" / "law_titles.txt"
REGULATION_TITLES = TITLES.with_name("regulation_titles.txt")
NATIONAL_FOLDERS = ("宪法", "宪法相关法", "民法商法", "民法典", "社会法", "经济法", "行政法", "刑法", "诉讼与非诉讼程序法")


def national_law_titles(lawrefbook: Path) -> list[str]:
    titles = {short_title(re.sub(r"\(\d{4}-\d{2}-\d{2}\)$", "", path.stem))
              for folder in NATIONAL_FOLDERS for path in (lawrefbook / folder).glob("*.md")}
    titles |= set(REPEALS) | {"民法典"}
    return sorted(t for t in titles if t.endswith(("法", "法典")) or t in REPEALS)  # 民法通则, 民法总则 too


def national_regulation_titles(lawrefbook: Path) -> list[str]:
    titles = {short_title(re.sub(r"\(\d{4}-\d{2}-\d{2}\)$", "", path.stem)) for path in (lawrefbook / "行政法规").glob("*.md")}
    return sorted(t for t in titles if t.endswith("条例") and not t.startswith("中华人民共和国"))


def test_law_titles_file_is_current(lawrefbook, golden):
    golden(TITLES, "\n".join(national_law_titles(lawrefbook)) + "\n")


def test_regulation_titles_file_is_current(lawrefbook, golden):
    golden(REGULATION_TITLES, "\n".join(national_regulation_titles(lawrefbook)) + "\n")


def test_law_titles_are_short_titles():
    titles = TITLES.read_text("utf-8").split()
    assert len(titles) > 250 and len(set(titles)) == len(titles)
    assert all(t.endswith(("法", "法典", "民法通则", "民法总则")) and not t.startswith("中华人民共和国") for t in titles)
    assert {"刑法", "民事诉讼法", "反不正当竞争法", "农村土地承包经营纠纷调解仲裁法", "合同法"} <= set(titles)
