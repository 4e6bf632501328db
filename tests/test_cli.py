"""The CLI: exit codes 0/1/2, formats, nothing half-written, help everywhere."""

import json

import pytest
from lxml import etree
from typer.testing import CliRunner

from lawdiff.cli import app

from conftest import ROOT

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_convert_writes_valid_xml(seed_path, tmp_path):
    out = tmp_path / "seed.xml"
    result = run("convert", seed_path, "-o", out, "--explain")
    assert result.exit_code == 0, result.output
    assert "page-break-joined" in result.output and "heading-spacing" in result.output
    assert run("validate", out).exit_code == 0


def test_convert_to_stdout(seed_path):
    result = run("convert", seed_path)
    assert result.exit_code == 0
    assert "<akomaNtoso" in result.stdout


def test_bundled_corpus_validates():
    assert run("validate", ROOT / "corpus").exit_code == 0


def test_bundled_corpus_xml_is_current(tmp_path):
    """corpus/akn holds exactly what ``convert corpus/sources --by-uri`` makes."""
    assert run("convert", ROOT / "corpus" / "sources", "-o", tmp_path, "--by-uri").exit_code == 0
    made = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*.xml")}
    bundled = {p.relative_to(ROOT / "corpus" / "akn"): p.read_bytes() for p in (ROOT / "corpus" / "akn").rglob("*.xml")}
    assert made == bundled and len(made) == 7


def test_numbering_defects_convert_with_warnings_and_fail_validation(tmp_path):
    source = tmp_path / "bad.txt"
    source.write_text("某条例\n（2020年1月1日通过）\n第一条 甲。\n第二条 乙。\n第二条 丙。\n第四条 丁。\n", "utf-8")
    out = tmp_path / "bad.xml"
    converted = run("convert", source, "-o", out)
    assert converted.exit_code == 0 and "numbering-gap" in converted.output and "numbering-duplicate" in converted.output
    assert run("validate", out).exit_code == 1


@pytest.mark.parametrize("content,message", [
    (b"", "file is empty"),
    (b"\x00\x01\x02\x03binary\x00\x00", "binary file"),
    (b"<?xml version='1.0'?><akomaNtoso", "XML"),
], ids=["empty", "binary", "malformed"])
def test_unusable_input_exits_2_and_writes_nothing(tmp_path, content, message):
    source = tmp_path / "in.xml"
    source.write_bytes(content)
    out = tmp_path / "out.xml"
    for command in (("convert", source, "-o", out), ("validate", source)):
        result = run(*command)
        assert result.exit_code == 2
        assert str(source) in result.output and message in result.output
    assert not out.exists()


def test_validate_json_and_junit(seed_path, tmp_path):
    bad = tmp_path / "bad.xml"
    from lawdiff.convert import convert_file

    bad.write_bytes(convert_file(seed_path).xml.replace(b'eId="art_2"', b'eId="art_1"', 1))
    as_json = run("validate", bad, "--format", "json")
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout)["findings"][0]["rule"] == "xsd"
    junit = run("validate", bad, "--format", "junit")
    suite = etree.fromstring(junit.stdout.encode())
    assert suite.get("failures") == "1" and suite.find(".//failure") is not None


def test_lint_json(seed_path):
    result = run("lint", seed_path, "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert {(f["rule"], f["eid"], f["offset"], f["text"]) for f in findings} == {
        ("traditional-char", "art_12__para_3", 62, "間"), ("latin-word", "art_81__para_1", 70, "and")}


@pytest.mark.parametrize("command", ["convert", "validate", "lint"])
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "Example:" in result.output


SOURCES = ROOT / "corpus" / "sources"


def test_amend_verifies_and_writes_each_format(tmp_path):
    old, new = SOURCES / "反垄断法(2007-08-30).md", SOURCES / "反垄断法(2022-06-24).md"
    text = run("amend", old, new)
    assert text.exit_code == 0 and text.stdout.startswith("一、") and "此外，对条文顺序作相应调整。" in text.stdout
    for fmt in ("markdown", "json", "docx", "akn"):
        out = tmp_path / f"report.{fmt}"
        assert run("amend", old, new, "--format", fmt, "-o", out).exit_code == 0
        assert out.stat().st_size > 1000
    assert run("validate", tmp_path / "report.akn").exit_code == 0


def test_apply_official_decision(tmp_path):
    out = tmp_path / "2022.xml"
    result = run("apply", SOURCES / "反垄断法(2007-08-30).md", ROOT / "corpus" / "decisions" / "反垄断法-2022-06-24-decision.txt",
                 "-o", out)
    assert result.exit_code == 0, result.output
    assert "rewrote art_30: 第二十三条 → 第二十八条" in result.output
    from lawdiff.akn import from_akn
    from lawdiff.convert import convert_file

    assert from_akn(out.read_bytes()).body == convert_file(SOURCES / "反垄断法(2022-06-24).md").expression.body


def test_apply_reports_items_it_cannot_apply(tmp_path):
    decision = tmp_path / "d.txt"
    decision.write_text("一、将第一条中的“并不存在的词”修改为“别的词”。\n二、这一项无法理解。\n", "utf-8")
    result = run("apply", SOURCES / "反垄断法(2007-08-30).md", decision, "-o", tmp_path / "out.xml")
    assert result.exit_code == 1
    assert "item 一" in result.output and "not found" in result.output
    assert "item not understood: 这一项无法理解" in result.output


@pytest.mark.parametrize("command", ["diff", "amend", "apply", "xref", "impact", "check", "register",
                                     "store init", "store add", "store log", "store show", "store import-history"])
def test_new_commands_have_help(command):
    result = run(*command.split(), "--help")
    assert result.exit_code == 0 and "Example:" in result.output


def test_lint_reads_akn_with_a_byte_order_mark(seed_path, tmp_path):
    from lawdiff.convert import convert_file

    xml = tmp_path / "seed.xml"
    xml.write_bytes(b"\xef\xbb\xbf" + convert_file(seed_path).xml)
    assert run("lint", xml).exit_code == 1  # the two known typos, read from the AKN


def test_check_passes_on_the_corpus_and_fails_on_a_broken_file(tmp_path):
    assert run("check", ROOT / "corpus").exit_code == 0
    broken = tmp_path / "bad.xml"
    from lawdiff.convert import convert_file

    broken.write_bytes(convert_file(SOURCES / "heilongjiang-digital-economy-2024-12-19.txt").xml
                       .replace("依照国家有关法律、法规鼓励和支持".encode(), "依照本条例第九十条鼓励和支持".encode()))
    result = run("check", broken, "--format", "junit")
    assert result.exit_code == 1
    assert 'type="xref-missing"' in result.stdout
