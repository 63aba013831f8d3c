"""The ``borderledger`` command: thin wrappers around the library, one call per command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__, config
from .errors import BorderLedgerError
from .pipeline import IngestAborted, IngestReport

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
    from .ledger import Ledger

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


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="corpus.jsonl, .txt, .md, .html, .pdf, "
                                                    ".warc, .warc.gz files or directories "
                                                    "(read recursively)")],
    db: DbOption = None,
    no_extract: Annotated[bool, typer.Option("--no-extract", help="Store sources only.")] = False,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Report bad input and go on "
                                           "(default: stop before writing anything).")] = False,
    extractor: Annotated[str, typer.Option(help="Extractor to run.")] = "rules",
    max_bytes: Annotated[int, typer.Option(help="Largest file accepted, in bytes.")] = 20 * 1024 * 1024,
    actor: ActorOpt = None,
):
    """Add sources to the ledger and extract facts from them.

    WARC records pass the relevance pre-filter first; the ones it screens out are stored
    (with their custody record) but not extracted.

    Example: borderledger ingest corpus.jsonl articles/ --db ledger.db
    """
    from .pipeline import ingest as run_ingest

    ex = None if no_extract else _extractor(extractor)
    ledger = _open(db)
    with _progress() as bar:
        task = bar.add_task("ingesting", total=None)
        try:
            report = run_ingest(ledger, paths, extractor=ex, skip_bad=skip_bad, max_bytes=max_bytes,
                                progress=lambda d, t: bar.update(task, completed=d, total=t),
                                actor=actor)
        except IngestAborted as exc:
            bar.stop()
            _print_problems(exc.report)
            err.print("[bold red]ingest stopped[/] on bad corpus lines before writing anything. "
                      "Fix them, or use --skip-bad to ingest the good lines.")
            raise typer.Exit(1)
    _print_problems(report)
    dup = f", {report.duplicates} already in the ledger (same SHA-256, nothing added)" \
        if report.duplicates else ""
    bad = f", {len(report.failed)} failed (nothing of them written)" if report.failed else ""
    facts = "" if ex is None else f", {report.facts} facts proposed (run {report.run_id})"
    if report.not_relevant:
        facts += f", {report.not_relevant} screened out as not relevant (stored, not extracted)"
    console.print(f"ingested {report.added} new sources{dup}{bad}{facts} → {ledger.url}",
                  highlight=False)
    if report.failed and not skip_bad:
        raise typer.Exit(1)  # the batch went on, but not everything asked for went in


def _extractor(name: str):
    from .extract import get_extractor

    try:
        return get_extractor(name)
    except (ValueError, ImportError) as exc:
        _fail(str(exc), 2)


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
    from .pipeline import extract_all

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
    from .export import export_facts

    n = export_facts(_open(db), out, public=public)
    console.print(f"wrote {n} facts to {out}", highlight=False)


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


@export_app.command("events")
def export_events_cmd(
    out: Annotated[Path, typer.Option("-o", "--output", help="File to write (events.jsonl).")],
    db: DbOption = None,
    as_of: AsOfOption = None,
):
    """Resolve facts into events and write them, with every value and its sources.

    Example: borderledger export events --db ledger.db -o events.jsonl --as-of 2025-04-01
    """
    from .export import export_events

    n = export_events(_open(db), out, as_of=_as_of(as_of))
    console.print(f"wrote {n} events to {out}", highlight=False)


@app.command()
def resolve(db: DbOption = None, as_of: AsOfOption = None):
    """Group facts from all documents into events (corroboration and conflicts).

    Example: borderledger resolve --db ledger.db
    """
    from .ledger.resolution import resolve as run_resolve

    events = run_resolve(_open(db), as_of=_as_of(as_of))
    multi = sum(1 for e in events if e.independent_sources > 1)
    conflicts = sum(1 for e in events if e.conflicts())
    console.print(f"{len(events)} events; {multi} corroborated by more than one independent "
                  f"source; {conflicts} with conflicting values", highlight=False)


events_app = typer.Typer(help="Correct event resolution by hand (audited overrides).",
                         no_args_is_help=True)
app.add_typer(events_app, name="events")


def _override(kind: str, refs: list[str], db, actor: str, reason: str | None) -> None:
    from .ledger.resolution import add_override

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
        from .web import create_app
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
    from .pipeline import ingest as run_ingest
    from .samples import demo_corpus

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
    from .ledger.resolution import resolve as run_resolve

    events = run_resolve(ledger)
    console.print(f"demo ledger: {report.added} sources, {report.facts} facts, {len(events)} "
                  f"events → {db}", highlight=False)
    ledger.close()
    if report.failed:
        raise typer.Exit(1)
    if serve_it:  # nothing in the demo is reviewed yet: show it all, marked "unreviewed"
        _serve(db, host, port, show_proposed=True)


# -- capture, watch and evidence bundles (issue 6) -------------------------------------------
AllowPrivate = Annotated[bool, typer.Option(
    "--allow-private", help="Allow loopback/private/link-local addresses (tests, intranets).")]
MaxBytesOpt = Annotated[int, typer.Option(
    "--max-bytes", help="Largest response accepted, compressed or decoded, in bytes.")]
TimeoutOpt = Annotated[float, typer.Option(
    "--timeout", help="Seconds to wait for a connection or for data; a whole fetch may take "
                      "at most 4x this.")]


def _fetcher(allow_private: bool, max_bytes: int, timeout: float):
    from .capture import Fetcher, FetchPolicy

    if max_bytes <= 0 or timeout <= 0:
        _fail("--max-bytes and --timeout must be positive", 2)
    return Fetcher(FetchPolicy(max_bytes=max_bytes, allow_private=allow_private,
                               connect_timeout=timeout, read_timeout=timeout,
                               total_timeout=4 * timeout))


def _capture_summary(report, verb: str) -> None:
    for url, sid, how in report.captured:
        console.print(f"  {how}: {url} → source {sid}", highlight=False)
    for where, why in report.failed:
        err.print(f"[red]failed[/] {why if why.startswith(where) else f'{where}: {why}'}",
                  highlight=False)
    parts = [f"{report.added} new sources"]
    if report.reverified:
        parts.append(f"{report.reverified} re-verified (same SHA-256 as a stored source)")
    if report.not_relevant:
        parts.append(f"{report.not_relevant} not relevant (stored, not extracted)")
    if report.run_id is not None:
        parts.append(f"{report.facts} facts proposed (run {report.run_id})")
    if report.failed:
        parts.append(f"{len(report.failed)} failed")
    console.print(f"{verb} " + ", ".join(parts), highlight=False)


@app.command()
def capture(
    urls: Annotated[list[str], typer.Argument(help="http(s) URLs of pages or PDFs to keep.")],
    db: DbOption = None,
    no_extract: Annotated[bool, typer.Option("--no-extract", help="Store sources only.")] = False,
    extractor: Annotated[str, typer.Option(help="Extractor to run.")] = "rules",
    allow_private: AllowPrivate = False,
    max_bytes: MaxBytesOpt = 20 * 1024 * 1024,
    timeout: TimeoutOpt = 30.0,
    actor: ActorOpt = None,
):
    """Fetch URLs and keep them as evidence: WARC, SHA-256, custody record, text, facts.

    A URL that fails is reported and the others go on (exit code 1 if any failed).

    Example: borderledger capture https://example.org/report.pdf --db ledger.db
    """
    from .pipeline import capture as run_capture

    ex = None if no_extract else _extractor(extractor)
    ledger = _open(db)
    with _fetcher(allow_private, max_bytes, timeout) as fetcher, _progress() as bar:
        task = bar.add_task("capturing", total=len(urls))
        report = run_capture(ledger, urls, fetcher=fetcher, extractor=ex, actor=actor,
                             progress=lambda d, t: bar.update(task, completed=d, total=t))
    _capture_summary(report, "captured")
    if report.failed:
        raise typer.Exit(1)


@app.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs.")],
    db: DbOption = None,
    every: Annotated[str, typer.Option(help="How often to check, e.g. 30m, 2h.")] = "30m",
    once: Annotated[bool, typer.Option("--once", help="Check once and exit (for cron).")] = False,
    no_extract: Annotated[bool, typer.Option("--no-extract", help="Store sources only.")] = False,
    extractor: Annotated[str, typer.Option(help="Extractor to run.")] = "rules",
    allow_private: AllowPrivate = False,
    max_bytes: MaxBytesOpt = 20 * 1024 * 1024,
    timeout: TimeoutOpt = 30.0,
    actor: ActorOpt = None,
):
    """Watch feeds: capture every new item; extract the ones the pre-filter finds relevant.

    Feeds are fetched with conditional GET (ETag / Last-Modified kept in the ledger).

    Example: borderledger watch https://example.org/feed.xml --db ledger.db --once
    """
    from .pipeline import parse_interval
    from .pipeline import watch as run_watch

    try:
        seconds = parse_interval(every)
    except ValueError as exc:
        _fail(str(exc), 2)
    ex = None if no_extract else _extractor(extractor)
    ledger = _open(db)
    failed = False

    def show(report) -> None:
        nonlocal failed
        failed = failed or bool(report.failed)
        _capture_summary(report, f"checked {report.feeds} feeds ({report.not_modified} "
                                 f"unchanged, {report.new_items} new items):")

    with _fetcher(allow_private, max_bytes, timeout) as fetcher:
        try:
            run_watch(ledger, feeds, every=seconds, fetcher=fetcher, report_each=show,
                      rounds=1 if once else None, extractor=ex, actor=actor)
        except KeyboardInterrupt:
            err.print("stopped")
    if once and failed:
        raise typer.Exit(1)


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
    from .export.bundle import BundleError, write_bundle

    if bool(source) == all_sources:
        _fail("give one SOURCE_ID or --all", 2)
    try:
        result = write_bundle(_open(db), out, None if all_sources else [source])
    except BundleError as exc:
        _fail(str(exc))
    console.print(f"wrote {result.kind} bundle of {result.sources} sources "
                  f"({result.files} files) to {out}; sha256 {result.sha256}", highlight=False)


from . import cli_review  # noqa: E402,F401  (registers user, review and verify commands)

if __name__ == "__main__":  # pragma: no cover
    app()
