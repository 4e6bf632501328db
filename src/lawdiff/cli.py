"""The ``lawdiff`` command line: a thin typer layer over the library.

Exit codes everywhere: 0 clean, 1 findings (invalid document, lint findings),
2 unusable input (the error names file and line; nothing is written).
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import Progress

from .akn import serialise, serialise_tree
from .akn.amendment import decision_document
from .amend import draft_amendment
from .apply import apply_decision
from .atomic import write_atomic
from .cli_common import Format, emit, err, fail, out, parse_date, print_findings, report_error
from .cli_store import store_app
from .cli_xref import check, impact_command, register_command, xref
from .convert import Conversion, akn_path, convert_file, load_document
from .decision import render_decision
from .decision_parse import parse_decision
from .diff import diff_documents
from .errors import InputError
from .findings import Finding, Severity
from .lint import lint as lint_document
from .model import Expression
from .readers import read_source
from .render.decision import report_docx, report_json, report_markdown
from .render.docx import diff_docx
from .render.findings import findings_text
from .render.html import diff_html
from .render.jsonout import diff_json
from .render.markdown import diff_markdown
from .render.terminal import diff_table
from .store import Store, StoreError
from .structure import numbering_findings
from .validate import validate_xml

app = typer.Typer(help="Legal diff and amendment tracker for Chinese legislation (Akoma Ntoso 3.0).",
                  no_args_is_help=True, add_completion=False)
app.add_typer(store_app, name="store")

SOURCE_SUFFIXES = {".txt", ".md", ".docx", ".html", ".htm"}


@app.command()
def convert(
    source: Path = typer.Argument(..., help="Source file (.txt, .md, .docx, .html) or a folder of them."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output .xml (or folder, for a folder)."),
    when: Optional[str] = typer.Option(None, "--date", help="Expression date YYYY-MM-DD (default: from the text)."),
    work_uri: Optional[str] = typer.Option(None, "--work-uri", help="FRBR work URI, e.g. /akn/cn-hl/act/regulation/2024-12-19/x."),
    explain: bool = typer.Option(False, "--explain", help="List every normalisation with its source line."),
    by_uri: bool = typer.Option(False, "--by-uri", help="For a folder: name outputs by FRBR expression URI."),
) -> None:
    """Convert regulations to Akoma Ntoso 3.0 XML.

    Example: lawdiff convert regulation.txt -o regulation.xml --explain
    """
    expression_date = parse_date(when)
    if source.is_dir():
        if output is None:
            raise typer.BadParameter("converting a folder needs -o OUTDIR")
        raise typer.Exit(_convert_folder(source, output, expression_date, explain, by_uri))
    try:
        result = convert_file(source, expression_date=expression_date, work_uri=work_uri)
    except InputError as error:
        raise fail(error)
    _report_conversion(result, str(source), explain)
    if output is None:
        typer.echo(result.xml.decode("utf-8"), nl=False)
    else:
        write_atomic(output, result.xml)
        err.print(f"wrote {output}", markup=False)


def _report_conversion(result: Conversion, path: str, explain: bool) -> None:
    if explain:
        for change in result.changes:
            err.print(f"{path}:{change.line}: {change.kind}: {change.message}", markup=False)
    warnings = [replace(f, severity=Severity.WARNING) for f in numbering_findings(result.expression, path)]
    if warnings:
        err.print(findings_text(warnings), markup=False)


def _convert_folder(folder: Path, target: Path, expression_date: Optional[date], explain: bool,
                    by_uri: bool) -> int:
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in SOURCE_SUFFIXES and p.is_file())
    failures = 0
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("converting", total=len(files))
        for path in files:
            try:
                result = convert_file(path, expression_date=expression_date)
                _report_conversion(result, str(path), explain)
                name = akn_path(result.expression) if by_uri else path.relative_to(folder).with_suffix(".xml")
                write_atomic(target / name, result.xml)
            except InputError as error:
                failures += 1
                report_error(error)
            progress.advance(task)
    err.print(f"converted {len(files) - failures} of {len(files)} files into {target}", markup=False)
    return 2 if failures else 0


@app.command()
def validate(
    paths: list[Path] = typer.Argument(..., help="AKN .xml files or folders of them."),
    fmt: Format = typer.Option(Format.text, "--format", help="text, json or junit."),
) -> None:
    """Validate AKN files: strict OASIS XSD, Schematron house rules, numbering.

    Example: lawdiff validate corpus/ --format junit > validate.xml
    """
    files = [str(f) for p in paths for f in (sorted(p.rglob("*.xml")) if p.is_dir() else [p])]
    findings: list[Finding] = []
    unusable = False
    for name in files:
        try:
            findings += validate_xml(Path(name).read_bytes(), name)
        except InputError as error:
            unusable = True
            report_error(error)
        except OSError as error:
            unusable = True
            report_error(f"{name}: cannot read file: {error.strerror}")
    print_findings(findings, fmt, files)
    if fmt is Format.text:
        err.print(f"{len(files)} file(s), {len(findings)} finding(s)")
    raise typer.Exit(2 if unusable else 1 if findings else 0)


@app.command()
def lint(
    source: Path = typer.Argument(..., help="A source file in any format, or an AKN .xml."),
    fmt: Format = typer.Option(Format.text, "--format", help="text, json or junit."),
) -> None:
    """Drafting lint: Latin words, traditional characters, half-width and doubled
    punctuation, numbering gaps.  Reports; never changes the text.

    Example: lawdiff lint regulation.txt --format json
    """
    try:
        findings = lint_document(load_document(source), str(source))
    except InputError as error:
        raise fail(error)
    print_findings(findings, fmt, [str(source)])
    raise typer.Exit(1 if findings else 0)


class DiffFormat(str, Enum):
    terminal = "terminal"
    html = "html"
    docx = "docx"
    markdown = "markdown"
    json = "json"


@app.command()
def diff(
    old: str = typer.Argument(..., help="Old version: a file in any format, or WORK@DATE with --store."),
    new: str = typer.Argument(..., help="New version: a file in any format, or WORK@DATE with --store."),
    fmt: DiffFormat = typer.Option(DiffFormat.terminal, "--format", help="terminal, html, docx, markdown or json."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
    only_changes: bool = typer.Option(False, "--only-changes", help="Hide unchanged articles."),
    store: Optional[Path] = typer.Option(None, "--store", help="Version store that WORK@DATE refers to."),
) -> None:
    """Compare two versions article by article (条文对照表).

    Example: lawdiff diff old.md new.md --format html -o duizhao.html
    Example: lawdiff diff fanlongduan@2007-08-30 fanlongduan@2022-06-24 --store out/store --format html -o d.html
    """
    try:
        comparison = diff_documents(_version(old, store), _version(new, store))
    except (InputError, StoreError) as error:
        raise fail(error)
    if fmt is DiffFormat.terminal and output is None:
        out.print(diff_table(comparison, only_changes=only_changes))
        return
    if fmt is DiffFormat.docx and output is None:
        raise typer.BadParameter("a Word file needs -o OUT.docx")
    rendered = DIFF_RENDERERS[fmt](comparison, only_changes=only_changes)
    data = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
    emit(data, output)


def _version(ref: str, store: Optional[Path]) -> Expression:
    """A file in any format, or ``WORK@DATE`` in a store (the version in force that day)."""
    if store is not None and not Path(ref).exists():
        return Store(store).resolve(ref)
    return load_document(Path(ref))


def _terminal_text(comparison, *, only_changes: bool) -> str:
    console = Console(record=True, width=160, file=io.StringIO())
    console.print(diff_table(comparison, only_changes=only_changes))
    return console.export_text()


DIFF_RENDERERS = {
    DiffFormat.terminal: _terminal_text,
    DiffFormat.markdown: diff_markdown,
    DiffFormat.json: diff_json,
    DiffFormat.html: diff_html,
    DiffFormat.docx: diff_docx,
}


class AmendFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"
    docx = "docx"
    akn = "akn"


@app.command()
def amend(
    old: Path = typer.Argument(..., help="Old version (any format)."),
    new: Path = typer.Argument(..., help="New version (any format)."),
    fmt: AmendFormat = typer.Option(AmendFormat.text, "--format", help="text, markdown, json, docx or akn."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
    when: Optional[str] = typer.Option(None, "--date", help="Date of the decision (default: the new version's)."),
    verify: bool = typer.Option(True, "--verify/--no-verify", help="Apply the report to OLD and require NEW exactly."),
) -> None:
    """Draft the amendment decision (修改决定) that turns OLD into NEW.

    Example: lawdiff amend old.md new.md --format docx -o decision.docx
    """
    try:
        old_expression, new_expression = load_document(old), load_document(new)
    except InputError as error:
        raise fail(error)
    drafted = draft_amendment(old_expression, new_expression)
    if verify and drafted.residue is not None:
        err.print("[red]verification failed:[/red] applying the report to OLD does not give NEW", markup=True)
        err.print(_terminal_text(drafted.residue, only_changes=True), markup=False)
        for problem in drafted.applied.problems:
            report_error(f"item {problem.item}: {problem.message}")
        raise typer.Exit(1)
    decision_date = parse_date(when) or new_expression.date
    if fmt is AmendFormat.docx and output is None:
        raise typer.BadParameter("a Word file needs -o OUT.docx")
    emit(_render_report(drafted, old_expression, fmt, decision_date), output)


def _render_report(drafted, old_expression, fmt: AmendFormat, decision_date: date) -> bytes:
    title = old_expression.work.title
    if fmt is AmendFormat.akn:
        document, _ = decision_document(drafted.decision, old_expression, drafted.applied, decision_date)
        return serialise_tree(document)
    if fmt is AmendFormat.docx:
        return report_docx(drafted.decision, title, decision_date)
    text = {AmendFormat.text: lambda: render_decision(drafted.decision),
            AmendFormat.markdown: lambda: report_markdown(drafted.decision, title),
            AmendFormat.json: lambda: report_json(drafted.decision, drafted.applied)}[fmt]()
    return text.encode("utf-8")


@app.command(name="apply")
def apply_command(
    old: Path = typer.Argument(..., help="The version the decision amends (any format)."),
    decision: Path = typer.Argument(..., help="The decision text: lawdiff's wording or a real decision, pasted."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the consolidated AKN here."),
    when: Optional[str] = typer.Option(None, "--date", help="Date of the new version (default: the old one's)."),
) -> None:
    """Apply an amendment decision to OLD, giving the consolidated new version.

    Lists every cross-reference rewritten by renumbering; items it cannot
    understand or apply are reported with their number and text (exit 1).

    Example: lawdiff apply 反垄断法-2007.md decision.txt -o 反垄断法-2022.xml
    """
    try:
        old_expression = load_document(old)
        text = read_source(decision)
    except InputError as error:
        raise fail(error)
    parsed = parse_decision("\n".join(line.text for line in text.lines), law_title=old_expression.work.title)
    applied = apply_decision(old_expression, parsed.decision)
    result = replace(applied.expression, date=parse_date(when) or old_expression.date)
    for rewrite in applied.rewrites:
        err.print(f"rewrote {rewrite.eid}: {rewrite.before} → {rewrite.after} (…{rewrite.context}…)", markup=False)
    for item in parsed.not_understood:
        report_error(f"{decision}: item not understood: {item.text[:120]}")
    for problem in applied.problems:
        report_error(f"{decision}: item {problem.item}: {problem.message}")
    emit(serialise(result), output)
    raise typer.Exit(1 if parsed.not_understood or applied.problems else 0)


for command in (xref, impact_command, check, register_command):
    app.command(name=command.__name__.removesuffix("_command"))(command)
