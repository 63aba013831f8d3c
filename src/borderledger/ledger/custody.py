"""Chain of custody, relevance screening and feed state: tables and their read/write API.

Berkeley Protocol: preserve the original, hash it, and record who did what, when and how.
Each source has custody events (``captured``, ``imported``, ``re-verified``), each naming an
actor, a time, the tool and version, the method and where from, and the SHA-256 of the bytes
(plus the SHA-256 of the WARC holding the exchange, when there is one). Events are only ever
added, never changed. The first event is written in the same transaction as the source
(``custody_hook`` for ``Ledger.add_source(on_added=...)``), so no source exists without one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from .tables import Base, DocumentRow, SourceRow

if TYPE_CHECKING:
    from .store import Ledger

EVENT_KINDS = ("captured", "imported", "re-verified")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# -- tables --------------------------------------------------------------------------------
class CustodyEventRow(Base):
    """One step in a source's chain of custody; append-only."""

    __tablename__ = "custody_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="RESTRICT"),
                                           index=True)
    kind: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(300))
    at: Mapped[datetime] = mapped_column(DateTime)
    tool: Mapped[str] = mapped_column(String(100))
    method: Mapped[str] = mapped_column(String(30))  # http, file, warc, feed
    location: Mapped[str | None] = mapped_column(Text)  # URL or path read
    sha256: Mapped[str] = mapped_column(String(64))  # of the source bytes at that moment
    warc_sha256: Mapped[str | None] = mapped_column(String(64))  # blob holding the WARC
    details: Mapped[dict | None] = mapped_column(JSON)


class SourceScreeningRow(Base):
    """The relevance pre-filter's verdict on a source (irrelevant ones are not extracted)."""

    __tablename__ = "source_screenings"

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="RESTRICT"),
                                           primary_key=True)
    relevant: Mapped[bool] = mapped_column(Boolean)
    score: Mapped[int] = mapped_column(Integer)
    terms: Mapped[dict | None] = mapped_column(JSON)  # category → matched terms
    screener: Mapped[str] = mapped_column(String(100))
    screened_at: Mapped[datetime] = mapped_column(DateTime)


class FeedRow(Base):
    """A watched RSS/Atom feed and what its server said last (for conditional GET)."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_checked_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)


class FeedItemRow(Base):
    """An item seen in a feed, and what became of it."""

    __tablename__ = "feed_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id"), index=True)
    key: Mapped[str] = mapped_column(String(2000))
    link: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10))
    first_seen_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20))  # captured | failed
    relevant: Mapped[bool | None] = mapped_column(Boolean)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("feed_id", "key"),)


# -- plain records -------------------------------------------------------------------------
@dataclass(frozen=True)
class CustodyEvent:
    kind: str
    actor: str
    tool: str
    method: str
    sha256: str
    location: str | None = None
    warc_sha256: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    at: datetime = field(default_factory=utcnow)

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS:
            raise ValueError(f"unknown custody event kind {self.kind!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "at": self.at.isoformat() + "Z", "actor": self.actor,
                "tool": self.tool, "method": self.method, "location": self.location,
                "sha256": self.sha256, "warc_sha256": self.warc_sha256,
                "details": self.details}


@dataclass(frozen=True)
class Screening:
    relevant: bool
    score: int
    terms: dict[str, list[str]]
    screener: str


def _event_row(source_id: int, e: CustodyEvent) -> CustodyEventRow:
    return CustodyEventRow(source_id=source_id, kind=e.kind, actor=e.actor, at=e.at, tool=e.tool,
                           method=e.method, location=e.location, sha256=e.sha256,
                           warc_sha256=e.warc_sha256, details=e.details or None)


def _to_event(row: CustodyEventRow) -> CustodyEvent:
    return CustodyEvent(kind=row.kind, actor=row.actor, tool=row.tool, method=row.method,
                        sha256=row.sha256, location=row.location, warc_sha256=row.warc_sha256,
                        details=row.details or {}, at=row.at)


# -- writing -------------------------------------------------------------------------------
def custody_hook(event: CustodyEvent, *, screening: Screening | None = None,
                 feed_item_id: int | None = None) -> Callable[[Session, int], None]:
    """For ``Ledger.add_source(on_added=...)``: custody (and screening) in the source's
    own transaction."""

    def write(s: Session, source_id: int) -> None:
        s.add(_event_row(source_id, event))
        if screening is not None:
            _write_screening(s, source_id, screening)
        if feed_item_id is not None:
            item = s.get(FeedItemRow, feed_item_id)
            item.source_id, item.status, item.error = source_id, "captured", None
            item.attempts = (item.attempts or 0) + 1
            item.relevant = screening.relevant if screening else None

    return write


def _write_screening(s: Session, source_id: int, screening: Screening) -> None:
    row = s.get(SourceScreeningRow, source_id) or SourceScreeningRow(source_id=source_id)
    row.relevant, row.score, row.terms = screening.relevant, screening.score, screening.terms
    row.screener, row.screened_at = screening.screener, utcnow()
    s.add(row)


def add_event(ledger: "Ledger", source_id: int, event: CustodyEvent) -> None:
    """Append an event to an existing source (a re-capture, a re-verification)."""
    with ledger.session() as s:
        s.add(_event_row(source_id, event))


def source_id_by_sha(ledger: "Ledger", sha256: str) -> int | None:
    with ledger.session() as s:
        return s.scalar(select(SourceRow.id).where(SourceRow.sha256 == sha256))


# -- reading -------------------------------------------------------------------------------
def events(ledger: "Ledger", source_id: int) -> list[CustodyEvent]:
    with ledger.session() as s:
        rows = s.scalars(select(CustodyEventRow).where(CustodyEventRow.source_id == source_id)
                         .order_by(CustodyEventRow.at, CustodyEventRow.id)).all()
        return [_to_event(r) for r in rows]


def screening(ledger: "Ledger", source_id: int) -> Screening | None:
    with ledger.session() as s:
        row = s.get(SourceScreeningRow, source_id)
        return Screening(row.relevant, row.score, row.terms or {}, row.screener) if row else None


@dataclass(frozen=True)
class SourceRecord:
    """A source as the export bundle needs it: identity, bytes' hash, custody."""

    id: int
    doc_id: str
    sha256: str
    media_type: str
    size: int
    url: str | None
    origin: str | None
    title: str | None
    retrieved_at: datetime
    pages: list[int] | None
    events: list[CustodyEvent]


def source_records(ledger: "Ledger", ids: Iterable[int] | None = None) -> list[SourceRecord]:
    """Sources with their custody events (all of them when ``ids`` is None)."""
    with ledger.session() as s:
        stmt = select(SourceRow).order_by(SourceRow.id)
        if ids is not None:
            stmt = stmt.where(SourceRow.id.in_(list(ids)))
        out = []
        for src in s.scalars(stmt).all():
            pages = s.scalar(select(DocumentRow.pages).where(DocumentRow.source_id == src.id))
            rows = s.scalars(select(CustodyEventRow).where(CustodyEventRow.source_id == src.id)
                             .order_by(CustodyEventRow.at, CustodyEventRow.id)).all()
            out.append(SourceRecord(
                id=src.id, doc_id=src.doc_id, sha256=src.sha256, media_type=src.media_type,
                size=src.size, url=src.url, origin=src.origin, title=src.title,
                retrieved_at=src.retrieved_at, pages=pages, events=[_to_event(r) for r in rows]))
        return out


# -- feeds ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class FeedState:
    id: int
    url: str
    etag: str | None
    last_modified: str | None


def feed_state(ledger: "Ledger", url: str) -> FeedState:
    """The feed's row (created on first sight) with what to send for a conditional GET."""
    with ledger.session() as s:
        row = s.scalar(select(FeedRow).where(FeedRow.url == url))
        if row is None:
            row = FeedRow(url=url)
            s.add(row)
            s.flush()
        return FeedState(row.id, row.url, row.etag, row.last_modified)


def save_feed_check(ledger: "Ledger", feed_id: int, *, status: int | None,
                    etag: str | None = None, last_modified: str | None = None,
                    title: str | None = None, error: str | None = None,
                    keep_validators: bool = False) -> None:
    with ledger.session() as s:
        row = s.get(FeedRow, feed_id)
        row.last_checked_at, row.last_status, row.last_error = utcnow(), status, error
        if not keep_validators:
            row.etag, row.last_modified = etag, last_modified
        if title:
            row.title = title


def item_status(ledger: "Ledger", feed_id: int, key: str) -> tuple[int, str, int] | None:
    """(item row id, status, attempts) for an item seen before, else None."""
    with ledger.session() as s:
        row = s.scalar(select(FeedItemRow).where(FeedItemRow.feed_id == feed_id,
                                                 FeedItemRow.key == key))
        return (row.id, row.status, row.attempts) if row else None


def note_item(ledger: "Ledger", feed_id: int, key: str, link: str, title: str | None,
              published: str | None) -> int:
    """The item's row id, created as ``failed`` with no attempts until a capture succeeds."""
    with ledger.session() as s:
        row = s.scalar(select(FeedItemRow).where(FeedItemRow.feed_id == feed_id,
                                                 FeedItemRow.key == key))
        if row is None:
            row = FeedItemRow(feed_id=feed_id, key=key, link=link, title=title,
                              published=published, first_seen_at=utcnow(), status="failed",
                              attempts=0)
            s.add(row)
            s.flush()
        return row.id


def item_attempt(ledger: "Ledger", item_id: int, *, error: str | None = None,
                 source_id: int | None = None, relevant: bool | None = None) -> None:
    """Count a capture attempt: failed (with the error) or linked to an existing source."""
    with ledger.session() as s:
        row = s.get(FeedItemRow, item_id)
        row.attempts += 1
        if error is not None:
            row.status, row.error = "failed", error
        else:
            row.status, row.error = "captured", None
            if source_id is not None:
                row.source_id = source_id
            if relevant is not None:
                row.relevant = relevant
