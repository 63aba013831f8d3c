"""What every command shares: the app, its sub-groups, options, output and error helpers."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .. import __version__, config
from ..pipeline import IngestReport

app = typer.Typer(help="BorderLedger: an evidence ledger of outsourced deportation and border "
                       "enforcement.", no_args_is_help=True, add_completion=False)
export_app = typer.Typer(help="Write the ledger out in interchange formats.", no_args_is_help=True)
app.add_typer(export_app, name="export")

console = Console()
err = Console(stderr=True)

DbOption = Annotated[Optional[str], typer.Option(
    "--db", help=f"Ledger file or database URL (default: ${config.ENV_DB}, else "
                 f"{config.data_dir() / 'ledger.db'})", show_default=False)]


ActorOpt = Annotated[Optional[str], typer.Option(
    "--actor", help="Who to name in the chain-of-custody record [default: the OS user].",
    show_default=False)]


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def _open(db: str | None):
    from ..ledger import Ledger

    try:
        return Ledger(db)
    except Exception as exc:  # a wrong URL, unwritable path, not a database
        _fail(f"cannot open ledger {db or config.default_db()}: {exc}")


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal)


def _print_problems(report: IngestReport) -> None:
    for where, why in report.failed:
        err.print(f"[red]bad input[/] {where}: {why}", highlight=False)
    for where, why in report.skipped:
        err.print(f"[yellow]skipped[/] {where}: {why}", highlight=False)


def _version(value: bool) -> None:
    if value:
        console.print(f"borderledger {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Show the version and exit.")] = False):
    """Sources in, sourced facts out."""



def _extractor(name: str):
    from ..extract import get_extractor

    try:
        return get_extractor(name)
    except (ValueError, ImportError) as exc:
        _fail(str(exc), 2)



def _as_of(value: str | None):
    if value is None:
        return None
    from datetime import datetime

    try:
        return datetime.fromisoformat(value)
    except ValueError:
        _fail(f"--as-of must be a date or time like 2025-03-01 or 2025-03-01T12:00, got {value!r}", 2)


AsOfOption = Annotated[Optional[str], typer.Option(
    "--as-of", help="Answer as the ledger stood at this date/time (ISO 8601).")]
