"""Serve the ledger on the web, and the demo."""

from __future__ import annotations

import shutil
from typing import Annotated, Optional

import typer

from .. import config
from ..errors import BorderLedgerError
from .common import DbOption, _extractor, _fail, _open, _print_problems, app, console


@app.command()
def serve(db: DbOption = None, host: str = "127.0.0.1", port: int = 8000,
          show_proposed: Annotated[Optional[bool], typer.Option(
              "--show-proposed/--confirmed-only",
              help="Let the public see unreviewed facts, marked so (default: "
                   "$BORDERLEDGER_SHOW_PROPOSED, else confirmed only).")] = None):
    """Serve the ledger's web pages and JSON API.

    Example: borderledger serve --db ledger.db --port 8000
    """
    _serve(db, host, port, show_proposed)


def _serve(db: str | None, host: str, port: int, show_proposed: bool | None = None) -> None:
    try:
        from ..web import create_app
    except ImportError:
        _fail("the web application is not available in this build")
    import uvicorn

    _open(db).close()  # migrate and fail early with a clear message
    console.print(f"serving {db or config.default_db()} at http://{host}:{port}/  (Ctrl+C stops)",
                  highlight=False)
    uvicorn.run(create_app(db, show_proposed=show_proposed), host=host, port=port,
                log_level="warning")


@app.command()
def demo(
    serve_it: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve it when built.")] = True,
    host: str = "127.0.0.1",
    port: int = 8000,
):
    """Build a ledger from the bundled demo corpus in your data directory, then serve it."""
    from ..pipeline import ingest as run_ingest
    from ..samples import demo_corpus

    try:
        inputs = demo_corpus()
    except BorderLedgerError as exc:
        _fail(str(exc))
    target = config.data_dir() / "demo"
    db = str(target / "ledger.db")
    if target.exists():
        shutil.rmtree(target)  # the demo ledger is rebuilt from scratch every time
    ledger = _open(db)
    try:
        report = run_ingest(ledger, inputs, extractor=_extractor("rules"))
    except BorderLedgerError as exc:
        _fail(str(exc))
    _print_problems(report)
    from ..ledger.resolution import resolve as run_resolve

    events = run_resolve(ledger)
    console.print(f"demo ledger: {report.added} sources, {report.facts} facts, {len(events)} "
                  f"events → {db}", highlight=False)
    ledger.close()
    if report.failed:
        raise typer.Exit(1)
    if serve_it:  # nothing in the demo is reviewed yet: show it all, marked "unreviewed"
        _serve(db, host, port, show_proposed=True)
