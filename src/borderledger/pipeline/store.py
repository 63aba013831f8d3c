"""Storing one source with its text, facts, person mentions and custody record, all at once.

One transaction per source: its row, its text, its facts and its first chain-of-custody
event appear together or not at all, and blobs written for a source that then failed are
removed again, so nothing partial stays behind.
"""

from __future__ import annotations

from dataclasses import replace

from ..extract import Extractor, check_evidence
from ..extract.persons import find_persons
from ..extract.prefilter import Prefilter, Verdict, load_prefilter
from ..ledger import Ledger, Run, custody
from ..ledger.blobs import sha256_hex
from ..model import Document, RawSource
from ..text import Extracted


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
