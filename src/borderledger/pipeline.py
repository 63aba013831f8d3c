"""Ingest and re-extraction: capture → text → extract → ledger, one transaction per source."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .capture import Unit, read_units
from .capture.files import DEFAULT_MAX_BYTES
from .errors import BorderLedgerError, InputError
from .extract import Extractor, check_evidence
from .ledger import Ledger, Run
from .ledger.blobs import sha256_hex
from .model import Document
from .text import to_text

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

    @property
    def ok(self) -> bool:
        return not self.aborted


class IngestAborted(BorderLedgerError):
    """Bad input stopped the ingest (without --skip-bad); nothing after it was written."""

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
) -> IngestReport:
    """Add every source under ``paths``; same bytes again add nothing.

    Bad input found while reading (missing paths, malformed or duplicate corpus lines,
    oversized files) stops everything before anything is written unless ``skip_bad``.
    A source that fails later (no text in it) is rolled back whole; without ``skip_bad``
    the ingest stops there, with earlier sources kept.
    """
    report = IngestReport()
    units: list[Unit] = []
    for unit in read_units(paths, max_bytes=max_bytes):
        if unit.error is None:
            units.append(unit)
        elif unit.error.startswith("skipped:"):
            report.skipped.append((unit.where, unit.error.removeprefix("skipped: ")))
        else:
            report.failed.append((unit.where, unit.error))
    if report.failed and not skip_bad:
        report.aborted = True
        raise IngestAborted(report)

    run = Run(extractor.name, extractor.version) if extractor else None
    for done, unit in enumerate(units, 1):
        raw = unit.raw
        try:
            if ledger.has_source(sha256_hex(raw.data)):
                report.duplicates += 1
                continue
            converted = to_text(raw)
            facts = []
            if extractor is not None:
                doc = Document(id=raw.corpus_id or unit.where, text=converted.text,
                               published=raw.published, title=raw.title or converted.title,
                               url=raw.url, outlet=raw.outlet)
                facts = check_evidence(doc, extractor.extract(doc))
            if converted.title and not raw.title:
                raw = replace(raw, title=converted.title)
            ledger.add_source(raw, converted.text, converted.converter, pages=converted.pages,
                              facts=facts, run=run)
            report.added += 1
            report.facts += len(facts)
        except InputError as exc:
            report.failed.append((unit.where, str(exc)))
            if not skip_bad:
                report.aborted = True
                break
        finally:
            if progress:
                progress(done, len(units))
    if run is not None:
        ledger.finish_run(run)
        report.run_id = run.id
    if report.aborted:
        raise IngestAborted(report)
    return report


@dataclass
class ExtractReport:
    documents: int = 0
    facts: int = 0
    run_id: int | None = None


def extract_all(ledger: Ledger, extractor: Extractor, *, progress: Progress | None = None,
                total: int | None = None) -> ExtractReport:
    """A new extraction run over every stored document; earlier runs stay in the ledger."""
    run = Run(extractor.name, extractor.version)
    report = ExtractReport()
    for done, (doc_row_id, doc) in enumerate(ledger.documents(), 1):
        facts = check_evidence(doc, extractor.extract(doc))
        ledger.record_extraction(doc_row_id, facts, run)
        report.documents += 1
        report.facts += len(facts)
        if progress:
            progress(done, total or done)
    ledger.finish_run(run)
    report.run_id = run.id
    return report
