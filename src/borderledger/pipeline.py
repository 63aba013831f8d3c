"""Ingest, capture, watch and re-extraction: capture → text → extract → ledger.

One transaction per source: its row, its text, its facts and its first chain-of-custody
event appear together or not at all (and blobs written for a source that then failed are
removed again, so nothing partial stays behind).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .capture import Unit, read_units
from .capture.feeds import parse_feed
from .capture.fetch import Fetched, Fetcher
from .capture.files import DEFAULT_MAX_BYTES
from .capture.provenance import TOOL, default_actor
from .capture.warc import media_type_of, warc_for_fetch
from .errors import BorderLedgerError, InputError
from .extract import Extractor, check_evidence
from .extract.persons import find_persons
from .extract.prefilter import Prefilter, Verdict, load_prefilter
from .ledger import Ledger, Run
from .ledger import custody
from .ledger.blobs import sha256_hex
from .model import Document, RawSource
from .text import Extracted, to_text

Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0
    facts: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    run_id: int | None = None
    aborted: bool = False
    not_relevant: int = 0  # stored, screened out by the pre-filter, not extracted

    @property
    def ok(self) -> bool:
        return not self.aborted


class IngestAborted(BorderLedgerError):
    """Bad corpus lines stopped the ingest (without --skip-bad); nothing was written."""

    def __init__(self, report: IngestReport):
        self.report = report
        where, why = report.failed[0]
        more = f" (and {len(report.failed) - 1} more)" if len(report.failed) > 1 else ""
        super().__init__(f"{where}: {why}{more}")


def ingest(
    ledger: Ledger,
    paths: Iterable[str | Path],
    *,
    extractor: Extractor | None = None,
    skip_bad: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    actor: str | None = None,
    prefilter: Prefilter | None = None,
) -> IngestReport:
    """Add every source under ``paths``; same bytes again add nothing.

    Each new source gets an ``imported`` custody event (``actor``: the OS user unless
    given). WARC records are screened by the relevance pre-filter first: records it finds
    irrelevant are stored but not extracted.

    Bad corpus lines (malformed JSON, no ``id`` or ``text``, duplicate ids) stop the ingest
    before anything is written, unless ``skip_bad``: a corpus is one export and a broken
    line usually means a broken export. A bad *file* (missing, empty, binary, oversized,
    unsupported, a PDF without text, a damaged WARC) is reported in ``failed`` and the rest
    of the batch goes on. Every source is written in its own transaction, so a failure
    never leaves part of a source behind.
    """
    report = IngestReport()
    units: list[Unit] = []
    bad_records = []
    for unit in read_units(paths, max_bytes=max_bytes):
        if unit.error is None:
            units.append(unit)
        elif unit.error.startswith("skipped:"):
            report.skipped.append((unit.where, unit.error.removeprefix("skipped: ")))
        else:
            report.failed.append((unit.where, unit.error))
            if unit.record:
                bad_records.append(unit)
    if bad_records and not skip_bad:
        report.aborted = True
        raise IngestAborted(report)

    run = Run(extractor.name, extractor.version) if extractor else None
    who = actor or default_actor()
    for done, unit in enumerate(units, 1):
        try:
            raw, warc = unit.materialize()
            sha = sha256_hex(raw.data)
            if ledger.has_source(sha):
                report.duplicates += 1
                continue
            converted = to_text(raw)
            verdict = None
            if unit.screen:
                prefilter = prefilter or load_prefilter()
                verdict = prefilter.screen(converted.text)
            extract_it = extractor is not None and (verdict is None or verdict.relevant)
            method = unit.provenance.get("method") or ("corpus" if raw.corpus_id else "file")
            event = custody.CustodyEvent(
                kind="imported", actor=who, tool=TOOL, method=method,
                location=unit.provenance.get("path") or raw.origin, sha256=sha,
                details={"where": unit.where, "bytes": len(raw.data), "media_type": raw.media_type,
                         **{k: v for k, v in unit.provenance.items() if k not in ("method", "path")}},
            )
            _, n = store_source(ledger, raw, converted, event=event,
                                extractor=extractor if extract_it else None, run=run,
                                doc_id=raw.corpus_id or unit.where, warc=warc,
                                screening=_screening(verdict, prefilter))
            report.added += 1
            report.facts += n
            if verdict is not None and not verdict.relevant:
                report.not_relevant += 1
        except InputError as exc:
            report.failed.append((unit.where, str(exc)))
        finally:
            if progress:
                progress(done, len(units))
    if run is not None:
        ledger.finish_run(run)
        report.run_id = run.id
    return report


@dataclass
class ExtractReport:
    documents: int = 0
    facts: int = 0
    run_id: int | None = None


def extract_all(ledger: Ledger, extractor: Extractor, *, progress: Progress | None = None,
                total: int | None = None, workers: int = 1,
                scheduler: str | None = None) -> ExtractReport:
    """A new extraction run over every stored document; earlier runs stay in the ledger.

    With ``workers`` > 1 or a Dask ``scheduler`` address, extraction runs in parallel
    (see ``parallel.py``); writing stays here, one transaction per document.
    """
    run = Run(extractor.name, extractor.version)
    report = ExtractReport()
    stored = ledger.documents()
    if workers > 1 or scheduler:
        from .parallel import extract_many

        rows = list(stored)
        found = extract_many([doc for _, doc in rows], extractor.name, workers=workers,
                             scheduler=scheduler)
        pairs = ((row, doc, facts) for (row, doc), facts in zip(rows, found))
    else:
        pairs = ((row, doc, extractor.extract(doc)) for row, doc in stored)
    for done, (doc_row_id, doc, facts) in enumerate(pairs, 1):
        facts = check_evidence(doc, facts)
        ledger.record_extraction(doc_row_id, facts, run)
        report.documents += 1
        report.facts += len(facts)
        if progress:
            progress(done, total or done)
    ledger.finish_run(run)
    report.run_id = run.id
    return report


# -- storing one source with its custody record ------------------------------------------
def _screening(verdict: Verdict | None, prefilter: Prefilter | None) -> custody.Screening | None:
    if verdict is None:
        return None
    p = prefilter or load_prefilter()
    return custody.Screening(verdict.relevant, verdict.score, verdict.terms,
                             f"{p.name} {p.version}")


def store_source(
    ledger: Ledger,
    raw: RawSource,
    converted: Extracted,
    *,
    event: custody.CustodyEvent,
    extractor: Extractor | None = None,
    run: Run | None = None,
    doc_id: str | None = None,
    warc: bytes | None = None,
    screening: custody.Screening | None = None,
    feed_item_id: int | None = None,
) -> tuple[int, int]:
    """Store a source, its text, its facts (when ``extractor``) and its custody event.

    Returns (source id, number of facts). Blobs this call created are removed if the rows cannot
    be written, so a failure leaves nothing behind.
    """
    facts = []
    if converted.title and not raw.title:
        raw = replace(raw, title=converted.title)
    if extractor is not None:
        doc = Document(id=doc_id or f"sha256:{sha256_hex(raw.data)[:16]}", text=converted.text,
                       published=raw.published, title=raw.title, url=raw.url, outlet=raw.outlet)
        facts = check_evidence(doc, extractor.extract(doc))
    created: list[str] = []
    try:
        if warc is not None:
            warc_sha = sha256_hex(warc)
            if not ledger.blobs.exists(warc_sha):
                created.append(warc_sha)
            ledger.blobs.put(warc)
            event = replace(event, warc_sha256=warc_sha)
        sha = sha256_hex(raw.data)
        if not ledger.blobs.exists(sha):
            created.append(sha)
        source_id = ledger.add_source(raw, converted.text, converted.converter, pages=converted.pages,
                          facts=facts, run=run if extractor is not None else None,
                          mentions=find_persons(converted.text),
                          on_added=custody.custody_hook(event, screening=screening,
                                                        feed_item_id=feed_item_id))
    except BaseException:
        for blob in created:
            ledger.blobs.path(blob).unlink(missing_ok=True)
        raise
    return source_id, len(facts)


# -- capture: URLs -------------------------------------------------------------------------
@dataclass
class CaptureReport:
    added: int = 0
    reverified: int = 0  # fetched again, same bytes: a "re-verified" custody event
    not_relevant: int = 0
    facts: int = 0
    captured: list[tuple[str, int, str]] = field(default_factory=list)  # (url, source id, how)
    failed: list[tuple[str, str]] = field(default_factory=list)
    run_id: int | None = None
    # watch only
    feeds: int = 0
    not_modified: int = 0
    new_items: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


def _fetch_details(fetched: Fetched, user_agent: str) -> dict[str, Any]:
    final = fetched.final
    return {
        "requested_url": fetched.requested_url,
        "final_url": fetched.final_url,
        "http_method": final.method,
        "status": final.status,
        "http_version": final.http_version,
        "ip": final.ip,
        "retrieved_at": fetched.retrieved_at.isoformat() + "Z",
        "redirects": [{"url": ex.url, "status": ex.status, "ip": ex.ip,
                       "location": ex.header("location")} for ex in fetched.exchanges[:-1]],
        "content_type": final.header("content-type"),
        "content_encoding": final.header("content-encoding"),
        "etag": final.header("etag"),
        "last_modified": final.header("last-modified"),
        "bytes": len(fetched.body),
        "bytes_transferred": len(final.raw_body),
        "user_agent": user_agent,
    }


def store_capture(
    ledger: Ledger,
    fetched: Fetched,
    *,
    actor: str,
    extractor: Extractor | None = None,
    run: Run | None = None,
    screen: bool = False,
    prefilter: Prefilter | None = None,
    user_agent: str = "",
    feed: tuple[str, int] | None = None,  # (feed URL, feed item row id)
    title: str | None = None,
    published: str | None = None,
) -> tuple[int, str, int, bool]:
    """Keep one fetched URL as evidence: (source id, "added"|"re-verified", facts, relevant).

    The WARC of the exchange goes to the blob store and is named in the custody event. The
    same bytes fetched again add a ``re-verified`` event (with the new WARC) to the source
    that holds them instead of a second source.
    """
    body = fetched.body
    if not body.strip():
        raise InputError("empty response body", where=fetched.final_url)
    media = media_type_of(fetched.header("content-type"), body)
    if media is None:
        raise InputError(f"cannot read content type {fetched.content_type or '(none)'} "
                         f"(HTML, text and PDF are captured)", where=fetched.final_url)
    warc = warc_for_fetch(fetched, operator=actor)
    sha = sha256_hex(body)
    details = _fetch_details(fetched, user_agent)
    method = "http"
    if feed is not None:
        method = "feed"
        details["feed_url"] = feed[0]
    existing = custody.source_id_by_sha(ledger, sha)
    if existing is not None:
        warc_sha = ledger.blobs.put(warc)
        custody.add_event(ledger, existing, custody.CustodyEvent(
            kind="re-verified", actor=actor, tool=TOOL, method=method,
            location=fetched.requested_url, sha256=sha, warc_sha256=warc_sha,
            details={**details, "result": "same SHA-256 as the stored source"}))
        if feed is not None:
            custody.item_attempt(ledger, feed[1], source_id=existing)
        return existing, "re-verified", 0, True
    raw = RawSource(data=body, media_type=media, origin=fetched.final_url,
                    url=fetched.final_url, title=title, published=published,
                    retrieved_at=fetched.retrieved_at)
    try:
        converted = to_text(raw)
    except InputError as exc:
        raise InputError(str(exc), where=fetched.final_url) from exc
    verdict = None
    if screen or prefilter is not None:
        prefilter = prefilter or load_prefilter()
        verdict = prefilter.screen(converted.text)
    relevant = verdict.relevant if (verdict is not None and screen) else True
    event = custody.CustodyEvent(kind="captured", actor=actor, tool=TOOL, method=method,
                                 location=fetched.requested_url, sha256=sha,
                                 at=fetched.retrieved_at, details=details)
    source_id, n = store_source(ledger, raw, converted, event=event,
                                extractor=extractor if relevant else None, run=run, warc=warc,
                                screening=_screening(verdict, prefilter),
                                feed_item_id=feed[1] if feed else None)
    return source_id, "added", n, relevant


def capture(
    ledger: Ledger,
    urls: Iterable[str],
    *,
    fetcher: Fetcher,
    extractor: Extractor | None = None,
    actor: str | None = None,
    screen: bool = False,
    progress: Progress | None = None,
) -> CaptureReport:
    """Fetch each URL and keep it as evidence; a failing URL is reported, the rest go on."""
    urls = list(urls)
    report = CaptureReport()
    who = actor or default_actor()
    run = Run(extractor.name, extractor.version) if extractor else None
    for done, url in enumerate(urls, 1):
        try:
            fetched = fetcher.fetch(url)
            sid, how, n, relevant = store_capture(
                ledger, fetched, actor=who, extractor=extractor, run=run, screen=screen,
                user_agent=fetcher.policy.user_agent)
            _count(report, url, sid, how, n, relevant)
        except InputError as exc:
            report.failed.append((url, str(exc)))
        finally:
            if progress:
                progress(done, len(urls))
    if run is not None:
        ledger.finish_run(run)
        report.run_id = run.id
    return report


def _count(report: CaptureReport, url: str, sid: int, how: str, n: int, relevant: bool) -> None:
    report.captured.append((url, sid, how if relevant else "added, not relevant"))
    if how == "re-verified":
        report.reverified += 1
        return
    report.added += 1
    report.facts += n
    if not relevant:
        report.not_relevant += 1


# -- watch: feeds --------------------------------------------------------------------------
MAX_ITEM_ATTEMPTS = 3


def watch_once(
    ledger: Ledger,
    feeds: Iterable[str],
    *,
    fetcher: Fetcher,
    extractor: Extractor | None = None,
    actor: str | None = None,
    prefilter: Prefilter | None = None,
    max_attempts: int = MAX_ITEM_ATTEMPTS,
) -> CaptureReport:
    """Check each feed once (conditional GET) and capture its new items.

    Every new item is captured; the relevance pre-filter decides which go on to extraction.
    A feed that fails (network, HTTP, malformed XML) is reported and the others go on. A
    feed's ETag/Last-Modified are remembered only once all its items are dealt with, so an
    item that failed is tried again next time (up to ``max_attempts``).
    """
    report = CaptureReport()
    who = actor or default_actor()
    run = Run(extractor.name, extractor.version) if extractor else None
    for url in feeds:
        report.feeds += 1
        state = custody.feed_state(ledger, url)
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        try:
            fetched = fetcher.fetch(url, headers=headers)
            if fetched.not_modified:
                report.not_modified += 1
                custody.save_feed_check(ledger, state.id, status=304, keep_validators=True)
                continue
            parsed = parse_feed(fetched.body, url)
        except InputError as exc:
            report.failed.append((url, str(exc)))
            custody.save_feed_check(ledger, state.id, status=None, error=str(exc),
                                    keep_validators=True)
            continue
        retry_later = False
        for item in parsed.items:
            seen = custody.item_status(ledger, state.id, item.key)
            if seen and (seen[1] == "captured" or seen[2] >= max_attempts):
                continue
            item_id = custody.note_item(ledger, state.id, item.key, item.link, item.title,
                                        item.published)
            report.new_items += 1
            try:
                page = fetcher.fetch(item.link)
                sid, how, n, relevant = store_capture(
                    ledger, page, actor=who, extractor=extractor, run=run, screen=True,
                    prefilter=prefilter, user_agent=fetcher.policy.user_agent,
                    feed=(url, item_id), title=item.title, published=item.published)
                _count(report, item.link, sid, how, n, relevant)
            except InputError as exc:
                report.failed.append((item.link, str(exc)))
                custody.item_attempt(ledger, item_id, error=str(exc))
                retry_later = retry_later or (seen[2] + 1 if seen else 1) < max_attempts
        custody.save_feed_check(ledger, state.id, status=fetched.status,
                                etag=fetched.header("etag"),
                                last_modified=fetched.header("last-modified"),
                                title=parsed.title, keep_validators=retry_later)
    if run is not None:
        ledger.finish_run(run)
        report.run_id = run.id
    return report


def parse_interval(text: str) -> float:
    """"30m", "2h", "45s", "1h30m" or plain seconds → seconds."""
    import re

    text = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        seconds = float(text)
    else:
        parts = re.findall(r"(\d+(?:\.\d+)?)\s*([smhd])", text)
        if not parts or "".join(f"{n}{u}" for n, u in parts) != re.sub(r"\s+", "", text):
            raise ValueError(f"not an interval: {text!r} (use e.g. 30m, 2h, 90s)")
        seconds = sum(float(n) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[u] for n, u in parts)
    if seconds <= 0:
        raise ValueError("the interval must be positive")
    return seconds


def watch(
    ledger: Ledger,
    feeds: list[str],
    *,
    every: float,
    fetcher: Fetcher,
    report_each: Callable[[CaptureReport], None],
    sleep: Callable[[float], None] = time.sleep,
    rounds: int | None = None,
    **options: Any,
) -> None:
    """Run ``watch_once`` every ``every`` seconds (``rounds`` times, or until interrupted)."""
    done = 0
    while rounds is None or done < rounds:
        started = time.monotonic()
        report_each(watch_once(ledger, feeds, fetcher=fetcher, **options))
        done += 1
        if rounds is not None and done >= rounds:
            break
        sleep(max(0.0, every - (time.monotonic() - started)))
