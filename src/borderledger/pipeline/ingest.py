"""Ingest files, directories, corpora and WARCs; re-run extraction over stored documents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..capture import Unit, read_units
from ..capture.files import DEFAULT_MAX_BYTES
from ..capture.provenance import TOOL, default_actor
from ..errors import BorderLedgerError, InputError
from ..extract import Extractor, check_evidence
from ..extract.prefilter import Prefilter, load_prefilter
from ..ledger import Ledger, Run, custody
from ..ledger.blobs import sha256_hex
from ..text import to_text
from .progress import Progress
from .store import _screening, store_source


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
        from ..parallel import extract_many

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
