"""The 修改前后对照表 as a Word document, in the layout drafters exchange.

Title 《X》修改前后对照表 (centred, bold), the two versions' dates, then a
two-column table 修改前 | 修改后 with one row per change: deletions struck
through in red on the left, insertions underlined in green on the right, each
款/项 its own paragraph.  The header row repeats on every page (``w:tblHeader``).
Runs carry an east-Asian font (宋体) so Word does not fall back to a Latin
font for Chinese text.

The file is deterministic: core properties are dated to the new version and
every zip member gets that date too (python-docx stamps members with the
current time), so the same comparison always gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

from ..diff import DocumentDiff
from .html import NEW, OLD, Segment, cell_lines, chinese_date, label_length
from .labels import KIND_LABELS

BODY_FONT = ("SimSun", "宋体")  # (ascii/hAnsi, eastAsia)
HEADING_FONT = ("SimHei", "黑体")
DELETED_COLOUR = (0xC0, 0x00, 0x00)
INSERTED_COLOUR = (0x00, 0x80, 0x3C)
BODY_SIZE = 10.5  # 五号
CELL_WIDTH_MM = 85
CHARS_PER_LINE = 22  # 五号 characters across an 85 mm cell, less padding
KEEP_TOGETHER_LINES = 40  # rows up to ~2/3 of a page are kept on one page
TITLE_SIZE = 16  # 三号


def diff_docx(diff: DocumentDiff, *, only_changes: bool = False) -> bytes:
    """The comparison as .docx bytes: A4 portrait, one table row per change."""
    import docx

    document = docx.Document()
    _page_setup(document)
    _base_style(document)
    _title(document, diff)
    table = _table(document)
    for change in diff.changes:
        if only_changes and change.kind == "unchanged":
            continue
        old = cell_lines(change.ops, OLD, label_length(change.old, change.old_text))
        new = cell_lines(change.ops, NEW, label_length(change.new, change.new_text))
        row = table.add_row()
        _fill(row.cells[0], old)
        _fill(row.cells[1], new)
        if max(_height(old), _height(new)) <= KEEP_TOGETHER_LINES:
            _row_flag(row, "w:cantSplit")
    _core_properties(document, diff)
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip_dates(out.getvalue(), diff.new.date)


def _page_setup(document) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(20)


def _base_style(document) -> None:
    """Normal style in 宋体 五号, so empty cells and Word's own edits match."""
    from docx.shared import Pt

    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_SIZE)
    _set_font(normal.element.get_or_add_rPr(), BODY_FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.15


def _title(document, diff: DocumentDiff) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.space_after = Pt(6)
    run = _run(heading, f"《{diff.new.work.title}》修改前后对照表", HEADING_FONT)
    run.bold = True
    run.font.size = Pt(TITLE_SIZE)
    dates = document.add_paragraph()
    dates.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(dates, f"修改前：{chinese_date(diff.old.date)}　　修改后：{chinese_date(diff.new.date)}")
    tally = document.add_paragraph()
    tally.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tally.paragraph_format.space_after = Pt(6)
    run = _run(tally, "　".join(f"{KIND_LABELS[kind]} {count}" for kind, count in diff.summary.items()))
    run.font.size = Pt(9)


def _table(document):
    """A grid table filling the text width, its first row a repeated header."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column in table.columns:
        column.width = Mm(CELL_WIDTH_MM)
    _cell_margins(table, top=57, bottom=57, left=85, right=85)
    header = table.rows[0]
    _row_flag(header, "w:tblHeader")
    _row_flag(header, "w:cantSplit")
    for cell, text in zip(header.cells, ("修改前", "修改后")):
        cell.width = Mm(CELL_WIDTH_MM)
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, text, HEADING_FONT).bold = True
        _shade(cell, "E7EBF0")
    return table


def _row_flag(row, tag: str) -> None:
    """Set an on/off row property (w:tblHeader, w:cantSplit)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _height(lines: tuple[tuple[Segment, ...], ...]) -> int:
    """Rough printed height of a cell in lines, to keep short rows on one page
    (a row taller than a page must be allowed to break, or Word clips it)."""
    return sum(-(-(2 + sum(len(s.text) for s in line)) // CHARS_PER_LINE) for line in lines)


def _cell_margins(table, **twips: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        node = OxmlElement(f"w:{side}")
        node.set(qn("w:w"), str(twips[side]))
        node.set(qn("w:type"), "dxa")
        margins.append(node)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def _fill(cell, lines: tuple[tuple[Segment, ...], ...]) -> None:
    """One paragraph per line (款, 项), first line indented two characters;
    an empty side (inserted or deleted article) stays an empty cell."""
    from docx.shared import Mm, Pt

    cell.width = Mm(CELL_WIDTH_MM)
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(2 * BODY_SIZE)
        for segment in line:
            _segment_run(paragraph, segment)


def _segment_run(paragraph, segment: Segment):
    from docx.enum.text import WD_UNDERLINE
    from docx.shared import RGBColor

    bold = segment.label and segment.op != OLD  # a strike is lost in bold strokes: deleted numbers stay plain
    run = _run(paragraph, segment.text, HEADING_FONT if bold else BODY_FONT)
    if bold:
        run.bold = True
    if segment.op == OLD:
        run.font.strike = True
        run.font.color.rgb = RGBColor(*DELETED_COLOUR)
    elif segment.op == NEW:
        run.font.underline = WD_UNDERLINE.SINGLE
        run.font.color.rgb = RGBColor(*INSERTED_COLOUR)
    return run


def _run(paragraph, text: str, font: tuple[str, str] = BODY_FONT):
    run = paragraph.add_run(text)
    _set_font(run._element.get_or_add_rPr(), font)
    return run


def _set_font(rpr, font: tuple[str, str]) -> None:
    """Latin and east-Asian font names: python-docx's ``font.name`` sets only
    the Latin ones, and Word would render Chinese in its default font."""
    from docx.oxml.ns import qn

    latin, east_asian = font
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().insert_element_before(
        shading, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
        "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")


def _core_properties(document, diff: DocumentDiff) -> None:
    properties = document.core_properties
    stamp = datetime(diff.new.date.year, diff.new.date.month, diff.new.date.day)
    properties.created = properties.modified = stamp
    properties.title = f"《{diff.new.work.title}》修改前后对照表"
    properties.author = properties.last_modified_by = "lawdiff"
    properties.revision = 1
    properties.comments = ""


def _fixed_zip_dates(data: bytes, when: date) -> bytes:
    """Rewrite the package with every member dated ``when`` (zip dates start in 1980)."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
