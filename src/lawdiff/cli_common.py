"""What every CLI command shares: the two consoles, error output, date options."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from .atomic import write_atomic
from .findings import Finding
from .render.findings import findings_json, findings_junit, findings_text

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


def report_error(message: object) -> None:
    """Print ``error: …``; the message names the file (and line)."""
    err.print(f"[red]error:[/red] {escape(str(message))}")


def fail(message: object, code: int = 2) -> typer.Exit:
    """Report an error and give the exit for the command to raise."""
    report_error(message)
    return typer.Exit(code)


def parse_date(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


class Format(str, Enum):
    text = "text"
    json = "json"
    junit = "junit"


def print_findings(findings: list[Finding], fmt: Format, files: list[str]) -> None:
    if fmt is Format.json:
        out.print(findings_json(findings), markup=False)
    elif fmt is Format.junit:
        out.print(findings_junit(findings, files), markup=False)
    elif findings:
        out.print(findings_text(findings), markup=False)


def emit(data: bytes, output: Optional[Path]) -> None:
    if output is None:
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(output, data)
        err.print(f"wrote {output}", markup=False)
