"""What every CLI command shares: the two consoles, error output, date options."""

from __future__ import annotations

from datetime import date
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

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
