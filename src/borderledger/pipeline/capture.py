"""Capture URLs as evidence: fetch, keep the WARC, record custody, extract."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..capture.fetch import Fetched, Fetcher
from ..capture.provenance import TOOL, default_actor
from ..capture.warc import media_type_of, warc_for_fetch
from ..errors import InputError
from ..extract import Extractor
from ..extract.prefilter import Prefilter, load_prefilter
from ..ledger import Ledger, Run, custody
from ..ledger.blobs import sha256_hex
from ..model import RawSource
from ..text import to_text
from .progress import Progress
from .store import _screening, store_source


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
