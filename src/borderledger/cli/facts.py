"""Facts and events: extract, resolve, correct, count and export them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from .common import (AsOfOption, DbOption, _as_of, _extractor, _fail, _open, _progress, app, console,
                     export_app)


@app.command()
def extract(
    db: DbOption = None,
    extractor: Annotated[str, typer.Option(help="Extractor to run.")] = "rules",
    explain: Annotated[bool, typer.Option("--explain", help="Show, per fact, the rule and "
                                          "spans that produced it (no run is stored).")] = False,
    doc: Annotated[Optional[str], typer.Option(help="With --explain: only this document id.")] = None,
    workers: Annotated[int, typer.Option(help="Extract in this many processes (needs the "
                                         "'dask' extra).")] = 1,
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address, e.g. "
                                                     "tcp://10.0.0.5:8786, to extract on a cluster.")] = None,
):
    """Re-run extraction on every stored document as a new run (earlier runs are kept).

    Example: borderledger extract --db ledger.db --explain --doc dev-01
    """
    from ..pipeline import extract_all

    ex = _extractor(extractor)
    ledger = _open(db)
    if explain:
        _explain(ledger, ex, doc)
        return
    total = ledger.stats()["documents"]
    with _progress() as bar:
        task = bar.add_task("extracting", total=total)
        try:
            report = extract_all(ledger, ex, total=total, workers=workers, scheduler=scheduler,
                                 progress=lambda d, t: bar.update(task, completed=d, total=t))
        except ImportError:
            _fail("parallel extraction needs Dask: pip install 'borderledger[dask]'", 2)
    console.print(f"extracted {report.facts} facts from {report.documents} documents "
                  f"with {ex.name} {ex.version} (run {report.run_id})", highlight=False)


def _explain(ledger, ex, only: str | None) -> None:
    shown = 0
    for _, document in ledger.documents():
        if only and document.id != only:
            continue
        shown += 1
        facts = ex.extract(document)
        console.rule(f"{document.id}: {len(facts)} facts")
        for fact in facts:
            fields = {k: v for k, v in fact.normalized_fields().items() if v not in (None, [])}
            console.print(f"[bold]{fact.type}[/] {json.dumps(fields, ensure_ascii=False)}",
                          highlight=False)
            console.print(f"  rule: {fact.rule or '?'}   confidence: {fact.confidence:.2f}",
                          highlight=False)
            for span in fact.evidence:
                console.print(f"  [{span.start}:{span.end}] “{span.quote}”", highlight=False)
    if only and not shown:
        _fail(f"no document with id {only!r}")



@app.command()
def resolve(db: DbOption = None, as_of: AsOfOption = None):
    """Group facts from all documents into events (corroboration and conflicts).

    Example: borderledger resolve --db ledger.db
    """
    from ..ledger.resolution import resolve as run_resolve

    events = run_resolve(_open(db), as_of=_as_of(as_of))
    multi = sum(1 for e in events if e.independent_sources > 1)
    conflicts = sum(1 for e in events if e.conflicts())
    console.print(f"{len(events)} events; {multi} corroborated by more than one independent "
                  f"source; {conflicts} with conflicting values", highlight=False)



events_app = typer.Typer(help="Correct event resolution by hand (audited overrides).",
                         no_args_is_help=True)
app.add_typer(events_app, name="events")


def _override(kind: str, refs: list[str], db, actor: str, reason: str | None) -> None:
    from ..ledger.resolution import add_override

    try:
        oid = add_override(_open(db), kind, refs, actor, reason)
    except ValueError as exc:
        _fail(str(exc), 2)
    console.print(f"recorded {kind} #{oid}; run `borderledger resolve` to apply it",
                  highlight=False)


ActorOption = Annotated[str, typer.Option(help="Who makes the correction.")]


@events_app.command("merge")
def events_merge(refs: Annotated[list[str], typer.Argument(help="Fact refs to put in one event.")],
                 actor: ActorOption, db: DbOption = None, reason: Optional[str] = None):
    """Merge the events holding these facts (refs as shown in events.jsonl)."""
    _override("merge", refs, db, actor, reason)


@events_app.command("split")
def events_split(refs: Annotated[list[str], typer.Argument(help="Fact refs to take out.")],
                 actor: ActorOption, db: DbOption = None, reason: Optional[str] = None):
    """Take these facts out of their event into an event of their own."""
    _override("split", refs, db, actor, reason)



@app.command()
def stats(db: DbOption = None,
          as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False):
    """Counts of sources, documents, runs, facts and evidence."""
    s = _open(db).stats()
    if as_json:
        console.print_json(json.dumps(s))
        return
    table = Table(title="ledger", show_header=False)
    for key, value in s.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in sorted(value.items())) or "-"
        table.add_row(key.replace("_", " "), str(value))
    console.print(table)



@export_app.command("facts")
def export_facts_cmd(
    out: Annotated[Path, typer.Option("-o", "--output", help="File to write (facts.jsonl).")],
    db: DbOption = None,
    public: Annotated[bool, typer.Option("--public", help="Mask private individuals' names "
                                         "(for sharing; quotes keep their offsets).")] = False,
):
    """Write each document's current facts as facts.jsonl (spec/facts.md).

    Without --public this is the operator's full export, with exact quotes.

    Example: borderledger export facts --db ledger.db -o facts.jsonl --public
    """
    from ..export import export_facts

    n = export_facts(_open(db), out, public=public)
    console.print(f"wrote {n} facts to {out}", highlight=False)



@export_app.command("events")
def export_events_cmd(
    out: Annotated[Path, typer.Option("-o", "--output", help="File to write (events.jsonl).")],
    db: DbOption = None,
    as_of: AsOfOption = None,
):
    """Resolve facts into events and write them, with every value and its sources.

    Example: borderledger export events --db ledger.db -o events.jsonl --as-of 2025-04-01
    """
    from ..export import export_events

    n = export_events(_open(db), out, as_of=_as_of(as_of))
    console.print(f"wrote {n} events to {out}", highlight=False)



@export_app.command("bundle")
def export_bundle_cmd(
    source: Annotated[Optional[str], typer.Argument(help="Source id (or sha256 prefix).",
                                                    show_default=False)] = None,
    out: Annotated[Path, typer.Option("-o", "--output", help="File to write (.wacz or .zip).")] = Path("evidence.wacz"),
    all_sources: Annotated[bool, typer.Option("--all", help="Every source in the ledger.")] = False,
    db: DbOption = None,
):
    """Write an evidence bundle: WARCs, original bytes, SHA-256 manifest, custody, README.

    Example: borderledger export bundle 12 -o source-12.wacz --db ledger.db
    """
    from ..export.bundle import BundleError, write_bundle

    if bool(source) == all_sources:
        _fail("give one SOURCE_ID or --all", 2)
    try:
        result = write_bundle(_open(db), out, None if all_sources else [source])
    except BundleError as exc:
        _fail(str(exc))
    console.print(f"wrote {result.kind} bundle of {result.sources} sources "
                  f"({result.files} files) to {out}; sha256 {result.sha256}", highlight=False)
