"""``lawdiff store …``: the git version store on the command line (see ``store.py``).

Exit codes: 0 done, 1 refused (an invalid, duplicate or out-of-order version; an
import with refused files), 2 unusable input (the message names the file, the
store or the reference; nothing is written).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from .cli_common import err, fail, out, parse_date
from .convert import convert_file
from .errors import InputError
from .render.findings import findings_text
from .store import ArticleChange, Imported, Store, StoreError, Version, import_history, init_store

store_app = typer.Typer(help="Version store: every version of every work in git, one commit and tag each.",
                        no_args_is_help=True, add_completion=False)


def _open(directory: Path) -> Store:
    try:
        return Store(directory)
    except StoreError as error:
        raise fail(error)


def _change_note(change: ArticleChange) -> str:
    """``changed``, or ``renumbered 第五条 → 第六条`` where the number moved."""
    old, new = change.previous, change.article
    moved = old is not None and new is not None and old.label != new.label
    return f"{change.change} {old.label} → {new.label}" if moved else change.change


def _line(version: Version, note: str = "") -> str:
    return f"{version.date}  {version.event}  {version.commit[:10]}  {version.tag}" + (f"  {note}" if note else "")


@store_app.command()
def init(directory: Path = typer.Argument(..., help="Folder for the store (created if missing).")) -> None:
    """Create an empty version store (a git repository).

    Example: lawdiff store init laws/
    """
    try:
        init_store(directory)
    except (StoreError, OSError) as error:
        raise fail(f"{directory}: {error}")
    out.print(f"initialised store in {directory}", markup=False)


@store_app.command()
def add(
    directory: Path = typer.Argument(..., help="The store."),
    source: Path = typer.Argument(..., help="The version: a source in any format."),
    when: str = typer.Option(..., "--date", help="Version date YYYY-MM-DD."),
    event: Optional[str] = typer.Option(None, "--event", help="Event for the commit message (default: 修正 etc.)."),
    work_uri: Optional[str] = typer.Option(None, "--work-uri", help="FRBR work URI (keeps a work whose title changed)."),
) -> None:
    """Add one version of a work: one commit dated on the version date, one tag.

    Example: lawdiff store add laws/ 反垄断法(2022-06-24).md --date 2022-06-24 --event 修正
    """
    expression_date = parse_date(when)
    store = _open(directory)
    try:
        expression = convert_file(source, expression_date=expression_date, work_uri=work_uri).expression
    except InputError as error:
        raise fail(error)
    try:
        added = store.add(expression, event=event)
    except StoreError as error:
        if error.findings:
            err.print(findings_text(list(error.findings)), markup=False)
        raise fail(f"{source}: {error}", 1)
    if added.warnings:
        err.print(findings_text(list(added.warnings)), markup=False)
    out.print(f"added {_line(added.version)}", markup=False)


@store_app.command()
def log(
    directory: Path = typer.Argument(..., help="The store."),
    work: str = typer.Argument(..., help="Work URI, tag slug or unambiguous suffix (fanlongduan)."),
    article: Optional[str] = typer.Option(None, "--article", help="Only versions that added, changed, renumbered or removed it (第十二条 or "
                                                              "art_12, as numbered in the newest version that has it)."),
) -> None:
    """List a work's versions, oldest first: date, event, commit, tag.

    Example: lawdiff store log laws/ fanlongduan --article 第十二条
    """
    store = _open(directory)
    try:
        if article is None:
            lines = [_line(v) for v in store.versions(work)]
        else:
            lines = [_line(c.version, _change_note(c)) for c in store.article_history(work, article)]
    except StoreError as error:
        raise fail(error)
    out.print("\n".join(lines), markup=False)


@store_app.command()
def show(
    directory: Path = typer.Argument(..., help="The store."),
    ref: str = typer.Argument(..., help="WORK@YYYY-MM-DD: the version in force on that date."),
) -> None:
    """Print the AKN XML of the version in force on a date.

    Example: lawdiff store show laws/ fanlongduan@2015-01-01 > fanlongduan-2015.xml
    """
    store = _open(directory)
    try:
        xml = store.read(store.resolve_version(ref))
    except StoreError as error:
        raise fail(error)
    typer.echo(xml.decode("utf-8"), nl=False)


@store_app.command("import-history")
def import_history_command(
    directory: Path = typer.Argument(..., help="The store."),
    folder: Path = typer.Argument(..., help="Folder tree of dated sources named 名称(YYYY-MM-DD).md."),
) -> None:
    """Import every dated version under a folder, each document oldest first.

    Example: lawdiff store import-history laws/ ../shared/lawrefbook/经济法
    """
    store = _open(directory)
    columns = (TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("", total=None)
        try:
            items = import_history(store, folder, progress=lambda item, done, total: bar.update(
                task, completed=done, total=total, description=item.path.name))
        except InputError as error:
            raise fail(error)
    _report_import(items)
    statuses = {item.status for item in items}
    raise typer.Exit(2 if "unusable" in statuses else 1 if "refused" in statuses else 0)


def _report_import(items: list[Imported]) -> None:
    for item in items:
        if item.status in ("unusable", "refused"):
            err.print(f"[red]error:[/red] {escape(item.detail)}")
    counts = {status: sum(1 for i in items if i.status == status)
              for status in ("added", "present", "refused", "unusable")}
    err.print(f"{len(items)} file(s): " + ", ".join(f"{n} {status}" for status, n in counts.items()), markup=False)
