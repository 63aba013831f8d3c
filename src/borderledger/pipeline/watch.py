"""Watch RSS/Atom feeds: conditional GET, capture new items, screen them for relevance."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from ..capture.feeds import parse_feed
from ..capture.fetch import Fetcher
from ..capture.provenance import default_actor
from ..errors import InputError
from ..extract import Extractor
from ..extract.prefilter import Prefilter
from ..ledger import Ledger, Run, custody
from .capture import CaptureReport, _count, store_capture


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
