"""Readers: every format and encoding of the seed gives the same AKN; unusable input exits 2.

The .docx and .html fixtures are built at test time from the seed text, one
paragraph per non-empty line, so a page-break split stays two paragraphs as in
the text file and the normaliser must rejoin them the same way.
"""

from __future__ import annotations

import io
import random
import re
import time
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from lxml.builder import E
from typer.testing import CliRunner

from lawdiff.cli import app
from lawdiff.convert import convert_file
from lawdiff.errors import InputError
from lawdiff.readers import detect, source_from_bytes
from lawdiff.safexml import parse_xml

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
_CONTAINER = re.compile(r"^第[一二三四五六七八九十]+([章节])")
runner = CliRunner()


def seed_lines(seed_path: Path) -> list[str]:
    return [line.strip() for line in seed_path.read_text("utf-8").split("\n") if line.strip()]


def make_docx(lines: list[str], target: Path) -> Path:
    """Title style for the title, Heading 1/2 for 章/节 lines, Normal for the rest."""
    document = docx.Document()
    for index, line in enumerate(lines):
        container = _CONTAINER.match(line)
        style = "Title" if index == 0 else {"章": "Heading 1", "节": "Heading 2"}[container[1]] if container else None
        document.add_paragraph(line, style=style)
    document.save(target)
    return target


def make_html(lines: list[str], target: Path) -> Path:
    """``<h1>`` title, one ``<p>`` per line, every fifth run of three inside a
    ``<div>``; a ``<script>`` and ``<style>`` holding article-like text."""
    body = E.body(E.h1(lines[0]), E.script("var s = '第九十九条 脚本不是条文。';"))
    for start in range(1, len(lines), 3):
        paragraphs = [E.p(line) for line in lines[start:start + 3]]
        body.extend([E.div(*paragraphs)] if start % 5 == 1 else paragraphs)
    body.append(E.style("p::before { content: '第一百条 样式不是条文。'; }"))
    page = E.html(E.head(E.meta(charset="utf-8"), E.title(lines[0]), E.style("p { margin: 0 }")), body)
    target.write_bytes(etree.tostring(page, method="html", encoding="utf-8", doctype="<!DOCTYPE html>"))
    return target


def body_of(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml).find(f"{AKN}act/{AKN}body"), encoding="utf-8")


# --- formats ---------------------------------------------------------------


@pytest.mark.parametrize("make,name", [(make_docx, "seed.docx"), (make_html, "seed.html")], ids=["docx", "html"])
def test_format_converts_like_the_text(seed_path, tmp_path, make, name):
    expected = convert_file(seed_path)
    converted = convert_file(make(seed_lines(seed_path), tmp_path / name))
    assert body_of(converted.xml) == body_of(expected.xml)
    assert converted.xml == expected.xml
    joins = [c.line for c in converted.changes if c.kind == "page-break-joined"]
    assert len(joins) == len([c for c in expected.changes if c.kind == "page-break-joined"]) > 0


def test_html_script_and_style_are_ignored(seed_path, tmp_path):
    lines = source_from_bytes(make_html(seed_lines(seed_path), tmp_path / "s.html").read_bytes(), "s.html").lines
    assert not any("条文。" in line.text or "margin" in line.text for line in lines)
    assert [line.style for line in lines[:1]] == ["title"]


def test_docx_styles_become_title_and_heading_lines(seed_path, tmp_path):
    lines = source_from_bytes(make_docx(seed_lines(seed_path), tmp_path / "s.docx").read_bytes(), "s.docx").lines
    assert lines[0].style == "title" and lines[0].line == 1
    assert {line.text for line in lines if line.style == "heading"} >= {"第一章 总 则", "第一节 数字基础设施建设"}


@pytest.mark.parametrize("markup,expected", [
    ("<div>第一条 <b>甲</b>。<p>第二条 乙。</p>第三条 丙。</div>第四条 丁。",
     ["第一条 甲。", "第二条 乙。", "第三条 丙。", "第四条 丁。"]),
    ("<p>第一条 为了促进，\n   推动发展 and\n more。<br>第二款。</p>", ["第一条 为了促进，推动发展 and more。", "第二款。"]),
    ("<table><tr><td>第一条 甲。</td><td>第二条 乙。</td></tr></table>", ["第一条 甲。", "第二条 乙。"]),
], ids=["loose-and-inline-text-in-order", "wrapped-markup-and-br", "table-cells"])
def test_html_text_in_document_order(markup, expected):
    page = f"<html><body><h1>某条例</h1>{markup}</body></html>".encode()
    assert [line.text for line in source_from_bytes(page, "x.html").lines][1:] == expected


def test_xhtml_with_encoding_declaration_is_html():
    page = '<?xml version="1.0" encoding="utf-8"?>\n<html><body><h1>某条例</h1><p>第一条 甲。</p></body></html>'
    source = source_from_bytes(page.encode(), "x.xhtml")
    assert source.format == "html" and [line.text for line in source.lines] == ["某条例", "第一条 甲。"]


def test_akn_with_an_early_paragraph_is_refused_as_xml():
    xml = b'<?xml version="1.0"?>\n<akomaNtoso><act><preface><p>x</p></preface></act></akomaNtoso>'
    with pytest.raises(InputError, match="this is XML"):
        source_from_bytes(xml, "x.xml")


def test_indented_text_lines_are_stripped():
    text = "某条例\n（2020年1月1日通过）\n　　第一条 甲。\n  第二条 乙。 \n".encode()
    assert [line.text for line in source_from_bytes(text, "x.txt").lines][2:] == ["第一条 甲。", "第二条 乙。"]


def test_form_feeds_are_line_ends():
    source = source_from_bytes("某条例\n第一条 甲。\f第二条 乙。\n".encode(), "x.txt")
    assert [line.text for line in source.lines] == ["某条例", "第一条 甲。", "第二条 乙。"]
    assert any("form feed" in note for note in source.notes)


@pytest.mark.parametrize("text", ["第一条 甲\x01。", "第一条 甲\ufffe。"], ids=["control", "noncharacter"])
def test_characters_xml_cannot_hold_are_refused_with_their_line(text):
    with pytest.raises(InputError) as caught:
        source_from_bytes(f"某条例\n\n{text}\n".encode(), "x.txt")
    assert caught.value.line == 3 and "U+" in caught.value.message


def test_html_character_reference_to_a_control_is_refused():
    with pytest.raises(InputError, match="U\\+0001"):
        source_from_bytes(b"<html><body><p>a&#1;b</p></body></html>", "x.html")


@pytest.mark.parametrize("read", [
    lambda: source_from_bytes(("# 某条例" + " " * 30000 + "x\n").encode(), "x.md"),
    lambda: parse_xml(b"<?a?>" * 40 + b"<!-- c -->" * 40 + b"<x/>"),
], ids=["markdown-heading-with-long-spaces", "xml-prolog-of-many-pis"])
def test_pathological_lines_read_in_linear_time(read):
    started = time.perf_counter()
    read()
    assert time.perf_counter() - started < 1


# --- encodings -------------------------------------------------------------


@pytest.mark.parametrize("encode,note", [
    (lambda t: t.encode("gb18030"), "decoded as gb18030"),
    (lambda t: t.encode("gbk"), "decoded as gb18030"),
    (lambda t: t.encode("utf-16"), "decoded as utf-16 (byte-order mark)"),
    (lambda t: t.encode("utf-16-le"), "decoded as utf-16-le"),
    (lambda t: t.encode("utf-16-be"), "decoded as utf-16-be"),
    (lambda t: t.encode("utf-8-sig"), "decoded as utf-8-sig (byte-order mark)"),
    (lambda t: t.replace("\n", "\r\n").encode("utf-8"), "CR/CRLF line ends to LF"),
    (lambda t: t.replace("\n", "\r\n").encode("gbk"), "CR/CRLF line ends to LF"),
], ids=["gb18030", "gbk", "utf-16-bom", "utf-16-le-no-bom", "utf-16-be-no-bom", "utf-8-bom", "crlf", "gbk-crlf"])
def test_encodings_give_identical_xml(seed_path, tmp_path, encode, note):
    expected = convert_file(seed_path)
    source = tmp_path / seed_path.name
    source.write_bytes(encode(seed_path.read_text("utf-8")))
    converted = convert_file(source)
    assert converted.xml == expected.xml
    decoded = [change.message for change in converted.changes if change.kind == "decoded"]
    assert any(note in message for message in decoded), decoded


def test_utf8_is_reported_too(seed_path):
    assert [c.message for c in convert_file(seed_path).changes if c.kind == "decoded"] == ["decoded as utf-8"]


# --- unusable input through the CLI ----------------------------------------

PASSWD = Path("/etc/passwd")
#: Billion laughs: lol9 expands to 10**9 "lol"s.
BOMB = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol0 "lol">\n'
        + "".join(f' <!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">\n' for n in range(1, 10))
        + "]>\n<lolz>&lol9;</lolz>\n").encode()
XXE = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<x>&e;</x>\n'


def _random_binary() -> bytes:
    data = bytearray(random.Random(7).randbytes(3000))
    data[10:14] = b"\x00\x00\x00\x00"
    return bytes(data)


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx_with_xxe(seed_path: Path, tmp_path: Path) -> bytes:
    good = make_docx(seed_lines(seed_path)[:5], tmp_path / "good.docx")
    with zipfile.ZipFile(good) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    document = parts["word/document.xml"].decode("utf-8")
    head, _, rest = document.partition("?>")
    parts["word/document.xml"] = (head + '?><!DOCTYPE w:document [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                                  + rest.replace("第一条", "&e;第一条", 1)).encode("utf-8")
    good.unlink()
    return _zip(parts)


CONVERT_CASES = {
    "empty": (lambda *_: b"", "file is empty", None),
    "whitespace": (lambda *_: "\n \u3000\n".encode("utf-16"), "file is empty", None),
    "binary": (lambda *_: _random_binary(), "binary file", None),
    "control-characters": (lambda *_: "某条例\n\n第一条 甲\x02乙。\n".encode(), "control character U+0002", 3),
    "undecodable": (lambda *_: "某条例\n第一条 甲。\n".encode() + b"\xff\xfe\xff\x80\n", "undecodable byte 0xff", 3),
    "mojibake-not-gb18030": (lambda *_: "某条例\n第一条 甲。\n".encode() + bytes(range(0x81, 0xff)),
                             "undecodable byte 0x81", 3),
    "html-entity": (lambda *_: b'<!DOCTYPE html [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
                               b"<html><body><h1>T</h1><p>&e;</p></body></html>", "entity declarations", 1),
    "zip-not-docx": (lambda *_: _zip({"hello.txt": b"hello"}), "not a Word .docx", None),
    "broken-zip": (lambda *_: b"PK\x03\x04" + bytes(200), "cannot read .docx", None),
    "docx-entity": (_docx_with_xxe, "declares a DOCTYPE", None),
    "akn-xml": (lambda seed, _: convert_file(seed).xml, "use `lawdiff validate`", 1),
}


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "error:" in line]


def assert_one_clear_error(output: str, source: Path, message: str, line: int | str | None) -> None:
    errors = error_lines(output)
    assert len(errors) == 1, output
    assert str(source) in errors[0] and message in errors[0], errors[0]
    if line is not None:
        assert f"{source}:{line}:" in errors[0], errors[0]
    if PASSWD.exists():
        assert not any(entry in output for entry in PASSWD.read_text().splitlines() if ":" in entry)


@pytest.mark.parametrize("case", CONVERT_CASES)
def test_unusable_source_exits_2_names_file_and_writes_nothing(seed_path, tmp_path, case):
    make, message, line = CONVERT_CASES[case]
    source = tmp_path / "in" / ("in.docx" if "docx" in case or "zip" in case else "in.txt")
    source.parent.mkdir()
    source.write_bytes(make(seed_path, tmp_path))
    out = tmp_path / "out" / "out.xml"
    result = runner.invoke(app, ["convert", str(source), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert_one_clear_error(result.output, source, message, line)
    assert not out.parent.exists() or not any(out.parent.iterdir())


def test_over_the_size_limit_exits_2(seed_path, tmp_path, monkeypatch):
    monkeypatch.setattr(detect, "MAX_BYTES", 1000)
    out = tmp_path / "out.xml"
    result = runner.invoke(app, ["convert", str(seed_path), "-o", str(out)])
    assert result.exit_code == 2
    assert_one_clear_error(result.output, seed_path, "over the 1000-byte limit", None)
    assert not out.exists()
    with pytest.raises(InputError, match="over the 1000-byte limit"):
        source_from_bytes(b"x" * 1001, "big.txt")


VALIDATE_CASES = {
    "malformed": (b'<?xml version="1.0"?>\n<akomaNtoso>\n  <act>\n</akomaNtoso>\n',
                  "malformed XML: Opening and ending tag mismatch", "4:14"),
    "xxe": (XXE, "DOCTYPE", 2),
    "billion-laughs": (BOMB, "DOCTYPE", 2),
    "xxe-utf-16": (XXE.replace(b'"1.0"?', b'"1.0" encoding="utf-16"?').decode().encode("utf-16"), "DOCTYPE", 2),
    "doctype-after-comment": (b"<!-- a\n comment -->\n" + XXE, "DOCTYPE", 4),
    "empty": (b"  \n", "file is empty", None),
}


@pytest.mark.parametrize("case", VALIDATE_CASES)
def test_unusable_xml_exits_2_in_validate(tmp_path, case):
    data, message, line = VALIDATE_CASES[case]
    source = tmp_path / "in.xml"
    source.write_bytes(data)
    result = runner.invoke(app, ["validate", str(source)])
    assert result.exit_code == 2, result.output
    assert_one_clear_error(result.output, source, message, line)
    assert "lollollol" not in result.output


def test_entities_are_never_resolved_anywhere(tmp_path):
    """A file-reading entity in XML and HTML: the secret never shows up, whatever the command."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-4711")
    entity = f'<!ENTITY e SYSTEM "file://{secret}">'.encode()
    xml = tmp_path / "x.xml"
    xml.write_bytes(b"<!DOCTYPE x [" + entity + b"]><x>&e;</x>")
    page = tmp_path / "x.html"
    page.write_bytes(b"<!DOCTYPE html [" + entity + b"]><html><body><h1>T</h1><p>&e;</p></body></html>")
    for command in (["validate", str(xml)], ["convert", str(page)], ["lint", str(page)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2 and "TOPSECRET" not in result.output, (command, result.output)
