"""Sources in: ingest files, capture URLs, watch feeds."""

from __future__ import annotations

from typing import Annotated

import typer

from ..pipeline import IngestAborted
from .common import (ActorOpt, DbOption, _extractor, _fail, _open, _print_problems, _progress, app,
                     console, err)


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
    from ..pipeline import ingest as run_ingest

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



# -- capture, watch and evidence bundles (issue 6) -------------------------------------------
AllowPrivate = Annotated[bool, typer.Option(
    "--allow-private", help="Allow loopback/private/link-local addresses (tests, intranets).")]
MaxBytesOpt = Annotated[int, typer.Option(
    "--max-bytes", help="Largest response accepted, compressed or decoded, in bytes.")]
TimeoutOpt = Annotated[float, typer.Option(
    "--timeout", help="Seconds to wait for a connection or for data; a whole fetch may take "
                      "at most 4x this.")]


def _fetcher(allow_private: bool, max_bytes: int, timeout: float):
    from ..capture import Fetcher, FetchPolicy

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
    from ..pipeline import capture as run_capture

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
    from ..pipeline import parse_interval
    from ..pipeline import watch as run_watch

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
