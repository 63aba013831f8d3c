"""SQLAlchemy models of the ledger store. Alembic migrations build exactly these tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

REVIEW_STATUSES = ("proposed", "confirmed", "rejected")


class Base(DeclarativeBase):
    pass


class SourceRow(Base):
    """Preserved original bytes (in the blob store, by SHA-256) and what we know of them."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    corpus_id: Mapped[str | None] = mapped_column(String(300), index=True)
    origin: Mapped[str | None] = mapped_column(Text)  # path or URL it was read from
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    retrieved_at: Mapped[datetime] = mapped_column(DateTime)

    document: Mapped["DocumentRow"] = relationship(back_populates="source", uselist=False)

    @property
    def doc_id(self) -> str:
        """The id facts point back to: the corpus id, else a SHA-256 prefix."""
        return self.corpus_id or f"sha256:{self.sha256[:16]}"


class DocumentRow(Base):
    """Plain text derived from one source; evidence offsets index into ``text``."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="RESTRICT"), unique=True)
    text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64))
    converter: Mapped[str] = mapped_column(String(100))  # how the text was made
    pages: Mapped[list | None] = mapped_column(JSON)  # start offset of each PDF page
    created_at: Mapped[datetime] = mapped_column(DateTime)

    source: Mapped[SourceRow] = relationship(back_populates="document")


class ExtractionRunRow(Base):
    """One pass of an extractor over some documents; old runs are kept."""

    __tablename__ = "extraction_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    extractor: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(50))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    n_documents: Mapped[int] = mapped_column(Integer, default=0)
    n_facts: Mapped[int] = mapped_column(Integer, default=0)


class DocumentExtractionRow(Base):
    """That a run processed a document (even when it found nothing)."""

    __tablename__ = "document_extractions"

    run_id: Mapped[int] = mapped_column(ForeignKey("extraction_runs.id"), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    n_facts: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_document_extractions_document", "document_id", "run_id"),)


class FactRow(Base):
    """A machine-proposed (later reviewed) fact from one document."""

    __tablename__ = "facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("extraction_runs.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    type: Mapped[str] = mapped_column(String(20), index=True)
    fields: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="proposed", index=True)
    extractor: Mapped[str] = mapped_column(String(100))
    extractor_version: Mapped[str] = mapped_column(String(50))
    confidence: Mapped[float] = mapped_column(Float)
    rule: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    evidence: Mapped[list["EvidenceRow"]] = relationship(
        back_populates="fact", order_by="EvidenceRow.start"
    )
    document: Mapped[DocumentRow] = relationship()


class EvidenceRow(Base):
    """An exact quote at character offsets of a document, supporting one fact."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)

    fact: Mapped[FactRow] = relationship(back_populates="evidence")

    __table_args__ = (UniqueConstraint("fact_id", "start", "end"),)


def latest_runs(as_of: datetime | None = None):
    """Subquery (document_id, run_id): each document's newest extraction run, or the newest
    one started by ``as_of``. A document's *current* facts are the facts of that run."""
    from sqlalchemy import func, select

    stmt = select(DocumentExtractionRow.document_id,
                  func.max(DocumentExtractionRow.run_id).label("run_id"))
    if as_of is not None:
        stmt = stmt.join(ExtractionRunRow, ExtractionRunRow.id == DocumentExtractionRow.run_id) \
            .where(ExtractionRunRow.started_at <= as_of)
    return stmt.group_by(DocumentExtractionRow.document_id).subquery()
