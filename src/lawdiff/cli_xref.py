"""The cross-reference commands: ``xref``, ``impact``, ``check``, ``register``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from .akn import serialise
from .atomic import write_atomic
from .check import check_paths
from .cli_common import Format, err, fail, out, parse_date, print_findings, report_error
from .convert import load_document
from .errors import InputError
from .findings import Severity
from .impact import impact
from .model import Expression
from .refs import check_references, reference_links
from .register import Register, RelatedIndex, Spread, load_register
from .render.findings import findings_json, findings_text
from .render.jsonout import expression_meta


def xref(
    document: Path = typer.Argument(..., help="A source file in any format, or an AKN .xml."),
    fmt: Format = typer.Option(Format.text, "--format", help="text or json."),
    register_dir: Optional[Path] = typer.Option(None, "--register", help="Folder of national acts (default: corpus/)."),
    at: Optional[str] = typer.Option(None, "--at", help="Resolve as of this date (default: the document's date)."),
    related: bool = typer.Option(False, "--related", help="For each article, the 3 most similar national articles."),
    output: Optional[Path] = typer.Option(None, "-o", "--output",
                                          help="Also write the AKN with each resolved reference as an inline <ref href>."),
) -> None:
    """Check cross-references: internal ones against the document, external ones
    against national acts as in force on the document's date.

    Example: lawdiff xref regulation.txt --format json
    Example: lawdiff xref regulation.txt --related
    """
    try:
        expression = load_document(document)
    except InputError as error:
        raise fail(error)
    register = load_register(register_dir)
    resolved, findings = check_references(expression, str(document), register=register, at=parse_date(at))
    if output is not None:
        write_atomic(output, serialise(expression, reference_links(resolved)))
    if related and register is not None:
        _print_related(expression, register)
    elif fmt is Format.json:
        rows = [{"kind": r.reference.kind, "text": r.reference.text, "start": r.reference.start, "end": r.reference.end,
                 "source_eid": r.reference.source_eid, "target_work": r.reference.target_work or None,
                 "target_eid": list(r.reference.target_eids), "status": r.status, "note": r.note} for r in resolved]
        out.print(findings_json(findings, document=expression_meta(expression), references=rows), markup=False)
    else:
        for r in resolved:
            out.print(f"{r.reference.source_eid}@{r.reference.start}: {r.reference.kind} {r.status} "
                      f"“{r.reference.text}” {' '.join(r.reference.target_eids)} {r.note}".rstrip(), markup=False)
        if findings:
            out.print(findings_text(findings), markup=False)
    raise typer.Exit(1 if any(f.severity is Severity.ERROR for f in findings) else 0)


def _print_related(expression: Expression, register: Register) -> None:
    index = RelatedIndex([versions[-1] for versions in register.acts.values()])
    articles = list(expression.articles())
    spread = Spread.of(articles)
    for article in articles:
        matches = "；".join(f"{m.score:.2f} 《{m.act}》{m.article.label}" for m in index.related(article, spread=spread))
        out.print(f"{article.label}: {matches}", markup=False)


def impact_command(
    old_law: Path = typer.Argument(..., help="The national act before the amendment."),
    new_law: Path = typer.Argument(..., help="The national act after the amendment."),
    corpus: Path = typer.Option(..., "--corpus", help="Folder of local regulations (Markdown)."),
    fmt: Format = typer.Option(Format.text, "--format", help="text or json."),
) -> None:
    """List local provisions citing articles the amendment renumbered, changed or deleted.

    Example: lawdiff impact 反垄断法-2007.md 反垄断法-2022.md --corpus 地方性法规/
    """
    try:
        found = impact(load_document(old_law), load_document(new_law), corpus)
    except InputError as error:
        raise fail(error)
    if fmt is Format.json:
        rows = [{"path": i.path, "document": i.document, "source_eid": i.reference.source_eid,
                 "text": i.reference.text, "cited": i.cited, "status": i.status, "suggestion": i.suggestion}
                for i in found]
        out.print(json.dumps({"impacts": rows}, ensure_ascii=False, indent=1), markup=False)
    else:
        for i in found:
            advice = f"cite {i.suggestion}" if i.suggestion else "cited article deleted"
            out.print(f"{i.path}: {i.reference.source_eid}: “{i.reference.text}”: {i.cited} {i.status}; {advice}",
                      markup=False)
    raise typer.Exit(1 if found else 0)


def check(
    paths: list[Path] = typer.Argument(..., help="AKN files, folders of them, or a version store."),
    fmt: Format = typer.Option(Format.text, "--format", help="text, json or junit."),
    register_dir: Optional[Path] = typer.Option(None, "--register", help="Folder of national acts (default: corpus/)."),
) -> None:
    """CI gate: validate + lint + xref every AKN file; exit 1 on any error (warnings pass).

    Example: lawdiff check corpus/ --format junit > lawdiff.xml
    """
    result = check_paths(paths, register=load_register(register_dir))
    for message in result.unusable:
        report_error(message)
    print_findings(list(result.findings), fmt, list(result.files))
    if fmt is Format.text:
        err.print(f"{len(result.files)} file(s), {result.errors} error(s), "
                  f"{len(result.findings) - result.errors} warning(s)", markup=False)
    raise typer.Exit(2 if result.unusable else 1 if result.errors else 0)


def register_command(
    folder: Path = typer.Argument(..., help="Folder of national laws and regulations (any versions)."),
    output: Path = typer.Option(..., "-o", "--output", help="Index file to write (.json.gz)."),
) -> None:
    """Build the national-law register index once; xref --register INDEX loads it fast.

    Example: lawdiff register lawrefbook/ -o register.json.gz
    """
    register = load_register(folder)
    if register is None or not register.acts:
        raise fail(f"{folder}: no national acts found")
    register.save(output)
    err.print(f"wrote {output}: {len(register.acts)} acts, "
              f"{sum(len(v) for v in register.acts.values())} versions", markup=False)
