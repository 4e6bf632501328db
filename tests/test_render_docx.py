"""The Word 修改前后对照表: layout drafters expect, marks that match the ops, stable bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from conftest import LAWREFBOOK
from lawdiff.diff import diff_documents
from lawdiff.render.docx import diff_docx
from test_render_html import NEW_TEXT, OLD_TEXT, document


@pytest.fixture(scope="module")
def small_diff():
    return diff_documents(document(OLD_TEXT), document(NEW_TEXT))


@pytest.fixture(scope="module")
def word(small_diff):
    return docx.Document(io.BytesIO(diff_docx(small_diff)))


def runs(cell, test) -> str:
    return "".join(run.text for paragraph in cell.paragraphs for run in paragraph.runs if test(run))


def cell_text(cell) -> str:
    return "\n".join(paragraph.text for paragraph in cell.paragraphs)


def ops_text(change, op: int) -> str:
    return "".join(text for kind, text in change.ops if kind == op).replace("\n", "")


def test_title_dates_and_page(word):
    title, dates = word.paragraphs[0], word.paragraphs[1]
    assert title.text == "《测试条例》修改前后对照表"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and all(run.bold for run in title.runs)
    assert dates.text == "修改前：2020年1月1日　　修改后：2024年5月1日"
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4 portrait


def test_header_row_repeats_on_every_page(word):
    table = word.tables[0]
    header = table.rows[0]
    assert [cell.text for cell in header.cells] == ["修改前", "修改后"]
    flag = header._tr.trPr.find(qn("w:tblHeader"))
    assert flag is not None and flag.get(qn("w:val")) in (None, "1", "true")
    assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])


def test_rows_strike_deletions_and_underline_insertions(word, small_diff):
    body = word.tables[0].rows[1:]
    assert len(body) == len(small_diff.changes)
    for row, change in zip(body, small_diff.changes):
        old, new = row.cells
        assert (cell_text(old), cell_text(new)) == (change.old_text, change.new_text)
        assert runs(old, lambda r: r.font.strike) == ops_text(change, -1)
        assert runs(new, lambda r: r.font.underline) == ops_text(change, 1)
        assert not runs(old, lambda r: r.font.underline) and not runs(new, lambda r: r.font.strike)
    inserted = body[[c.kind for c in small_diff.changes].index("inserted")]
    assert cell_text(inserted.cells[0]) == "" and [p.text for p in inserted.cells[1].paragraphs] == [
        "第四条 全新的条文。", "第二款内容。"]
    deleted = body[[c.kind for c in small_diff.changes].index("deleted")]
    assert cell_text(deleted.cells[1]) == ""


def test_runs_carry_an_east_asian_font(word):
    for row in word.tables[0].rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) in ("宋体", "黑体")


def test_only_changes_drops_unchanged_rows(small_diff):
    table = docx.Document(io.BytesIO(diff_docx(small_diff, only_changes=True))).tables[0]
    assert len(table.rows) == 1 + sum(change.kind != "unchanged" for change in small_diff.changes)


def test_output_is_deterministic(small_diff, monkeypatch):
    first = diff_docx(small_diff)
    monkeypatch.setattr("time.time", lambda: 2_000_000_000.0)  # zip members would carry "now"
    assert diff_docx(small_diff) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(2024, 5, 1, 0, 0, 0)}
    properties = docx.Document(io.BytesIO(first)).core_properties
    assert properties.created == properties.modified == datetime(2024, 5, 1, tzinfo=timezone.utc)


def test_antitrust_table_has_one_row_per_change(tmp_path):
    if not LAWREFBOOK.is_dir():
        pytest.skip("../shared/lawrefbook is not present on this machine")
    from lawdiff.convert import convert_file

    folder = LAWREFBOOK / "经济法"
    diff = diff_documents(convert_file(folder / "反垄断法(2007-08-30).md").expression,
                          convert_file(folder / "反垄断法(2022-06-24).md").expression)
    table = docx.Document(io.BytesIO(diff_docx(diff))).tables[0]
    assert len(table.rows) == 1 + len(diff.changes)
    for row, change in zip(table.rows[1:], diff.changes):
        assert (cell_text(row.cells[0]), cell_text(row.cells[1])) == (change.old_text, change.new_text)
        assert runs(row.cells[0], lambda r: r.font.strike) == ops_text(change, -1)
        assert runs(row.cells[1], lambda r: r.font.underline) == ops_text(change, 1)
