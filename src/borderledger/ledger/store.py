"""The ledger's Python API: the only code that talks SQL."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from .. import config
from ..model import Document, Fact, RawSource
from . import custody as _custody  # noqa: F401  (registers the custody tables)
from . import audit, migrate, privacy
from .blobs import BlobStore
from .engine import make_engine
from .tables import (
    DocumentExtractionRow, DocumentRow, EvidenceRow, ExtractionRunRow, FactRow, SourceRow,
    latest_runs,
)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class Run:
    """An extraction run; its row is written with the first document it processes."""

    extractor: str
    version: str
    id: int | None = None
    n_documents: int = 0
    n_facts: int = 0
    started_at: datetime = field(default_factory=utcnow)


class Ledger:
    """Open (and migrate) a ledger: ``Ledger("ledger.db")`` or a PostgreSQL URL."""

    def __init__(self, db: str | None = None, *, blobs: str | None = None,
                 migrate_schema: bool = True, actor: str | None = None):
        self.url = config.database_url(db)
        self.actor = actor or audit.default_actor()
        self.engine = make_engine(self.url)
        self.blobs = BlobStore(blobs or config.blob_dir(db))
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if migrate_schema:
            migrate.upgrade(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed on success, rolled back whole on any error."""
        with self._sessions() as s:
            with s.begin():
                yield s
            head = s.info.pop("audit_head", None)
        if head is not None:
            self.write_checkpoint(*head)

    @property
    def checkpoint_path(self):
        return self.blobs.root / "audit-head.json"

    def write_checkpoint(self, last_id: int, digest: str) -> None:
        """The chain's head, outside the database: deleting the newest entries shows."""
        import json
        import os

        self.blobs.root.mkdir(parents=True, exist_ok=True)
        tmp = self.checkpoint_path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"last_id": last_id, "hash": digest}))
        os.replace(tmp, self.checkpoint_path)

    # -- sources ---------------------------------------------------------------------------
    def has_source(self, sha256: str) -> bool:
        with self._sessions() as s:
            return s.scalar(select(SourceRow.id).where(SourceRow.sha256 == sha256)) is not None

    def add_source(
        self,
        raw: RawSource,
        text: str,
        converter: str,
        *,
        pages: list[int] | None = None,
        facts: list[Fact] | None = None,
        run: Run | None = None,
        on_added: Callable[[Session, int], None] | None = None,
        mentions: list | None = None,
    ) -> int:
        """Store bytes, text and (optionally) extracted facts in one transaction.

        Returns the new source id. The blob is written first (content-addressed, so an
        unreferenced blob is harmless); the rows appear all together or not at all.
        ``on_added(session, source_id)`` writes more rows in the same transaction (the
        source's chain-of-custody record, see ``ledger.custody``).
        """
        sha = self.blobs.put(raw.data)
        now = utcnow()
        run_before = (run.id, run.n_documents, run.n_facts) if run else None
        try:
            with self.session() as s:
                src = SourceRow(
                    sha256=sha, media_type=raw.media_type, size=len(raw.data),
                    corpus_id=raw.corpus_id, origin=raw.origin, url=raw.url, outlet=raw.outlet,
                    title=raw.title, published=raw.published,
                    retrieved_at=raw.retrieved_at or now,
                )
                s.add(src)
                s.flush()
                doc = DocumentRow(
                    source_id=src.id, text=text,
                    text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                    converter=converter, pages=pages, created_at=now,
                )
                s.add(doc)
                s.flush()
                audit.append(s, self.actor, "source.add", f"source:{src.id}", after={
                    "sha256": sha, "media_type": raw.media_type, "size": len(raw.data),
                    "corpus_id": raw.corpus_id, "url": raw.url, "text_sha256": doc.text_sha256})
                if mentions:
                    privacy.store_mentions(s, doc.id, mentions)
                if on_added is not None:
                    on_added(s, src.id)
                if run is not None:
                    self._write_facts(s, run, doc.id, facts or [])
                return src.id
        except BaseException:
            if run is not None and run_before is not None:
                run.id, run.n_documents, run.n_facts = run_before
            raise

    def record_extraction(self, document_id: int, facts: list[Fact], run: Run) -> None:
        """Store one run's facts for an existing document (a new run; old ones stay)."""
        before = (run.id, run.n_documents, run.n_facts)
        try:
            with self.session() as s:
                self._write_facts(s, run, document_id, facts)
        except BaseException:
            run.id, run.n_documents, run.n_facts = before
            raise

    def _write_facts(self, s: Session, run: Run, document_id: int, facts: list[Fact]) -> None:
        now = utcnow()
        if run.id is None:
            row = ExtractionRunRow(extractor=run.extractor, version=run.version,
                                   started_at=run.started_at, n_documents=0, n_facts=0)
            s.add(row)
            s.flush()
            run.id = row.id
        s.add(DocumentExtractionRow(run_id=run.id, document_id=document_id, n_facts=len(facts)))
        digests = {}
        for fact in facts:
            row = FactRow(
                run_id=run.id, document_id=document_id, type=fact.type,
                fields=fact.normalized_fields(), status="proposed", extractor=run.extractor,
                extractor_version=run.version, confidence=float(fact.confidence),
                rule=fact.rule or None, created_at=now,
            )
            s.add(row)
            s.flush()
            for span in fact.evidence:
                s.add(EvidenceRow(fact_id=row.id, document_id=document_id, start=span.start,
                                  end=span.end, quote=span.quote))
            digests[str(row.id)] = audit.fact_digest(
                row.type, row.fields, row.status, [(e.start, e.end, e.quote) for e in fact.evidence])
        audit.append(s, self.actor, "facts.extract", f"document:{document_id}", after={
            "run": run.id, "extractor": run.extractor, "version": run.version, "facts": digests})
        run.n_documents += 1
        run.n_facts += len(facts)
        s.get(ExtractionRunRow, run.id).n_documents = run.n_documents
        s.get(ExtractionRunRow, run.id).n_facts = run.n_facts

    def finish_run(self, run: Run) -> None:
        if run.id is None:
            return
        with self.session() as s:
            s.get(ExtractionRunRow, run.id).finished_at = utcnow()

    # -- reading ---------------------------------------------------------------------------
    def documents(self) -> Iterator[tuple[int, Document]]:
        """Every stored document as (row id, Document), oldest first."""
        with self._sessions() as s:
            ids = s.scalars(select(DocumentRow.id).order_by(DocumentRow.id)).all()
        for chunk_start in range(0, len(ids), 200):
            chunk = ids[chunk_start:chunk_start + 200]
            with self._sessions() as s:
                rows = s.scalars(
                    select(DocumentRow).where(DocumentRow.id.in_(chunk))
                    .options(selectinload(DocumentRow.source)).order_by(DocumentRow.id)
                ).all()
                for row in rows:
                    yield row.id, to_document(row)

    def current_facts(self) -> Iterator[tuple[str, FactRow]]:
        """(doc id, fact) for each document's latest extraction run, in document order."""
        with self._sessions() as s:
            latest = latest_runs()
            stmt = (
                select(FactRow, SourceRow)
                .join(latest, (FactRow.document_id == latest.c.document_id)
                      & (FactRow.run_id == latest.c.run_id))
                .join(DocumentRow, DocumentRow.id == FactRow.document_id)
                .join(SourceRow, SourceRow.id == DocumentRow.source_id)
                .options(selectinload(FactRow.evidence))
                .order_by(FactRow.document_id, FactRow.id)
            )
            for fact, source in s.execute(stmt):
                yield source.doc_id, fact

    def stats(self) -> dict[str, Any]:
        with self._sessions() as s:
            by_type = dict(s.execute(select(FactRow.type, func.count()).group_by(FactRow.type)).all())
            by_status = dict(
                s.execute(select(FactRow.status, func.count()).group_by(FactRow.status)).all()
            )
            current = sum(1 for _ in self.current_facts())
            return {
                "sources": s.scalar(select(func.count()).select_from(SourceRow)),
                "documents": s.scalar(select(func.count()).select_from(DocumentRow)),
                "runs": s.scalar(select(func.count()).select_from(ExtractionRunRow)),
                "facts_all_runs": s.scalar(select(func.count()).select_from(FactRow)),
                "facts_current": current,
                "facts_by_type": by_type,
                "facts_by_status": by_status,
                "evidence": s.scalar(select(func.count()).select_from(EvidenceRow)),
            }


def to_document(row: DocumentRow) -> Document:
    src = row.source
    return Document(id=src.doc_id, text=row.text, published=src.published, title=src.title,
                    url=src.url, outlet=src.outlet)
