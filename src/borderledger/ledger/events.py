"""Stored resolution results (events), reviewers' merge/split overrides, and copy groups."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from .tables import Base, DocumentRow, FactRow, SourceRow, latest_runs


class EventRow(Base):
    """One real-world occurrence, as of the latest resolution."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    type: Mapped[str] = mapped_column(String(20), index=True)
    key: Mapped[dict] = mapped_column(JSON)
    valid_from: Mapped[str | None] = mapped_column(String(10), index=True)
    valid_to: Mapped[str | None] = mapped_column(String(10))
    independent_sources: Mapped[int] = mapped_column(Integer)
    n_facts: Mapped[int] = mapped_column(Integer)
    summary: Mapped[dict] = mapped_column(JSON)  # per-field values with their sources
    resolved_at: Mapped[datetime] = mapped_column(DateTime)


class EventFactRow(Base):
    __tablename__ = "event_facts"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id"), primary_key=True, index=True)


class EventOverrideRow(Base):
    """A reviewer's merge or split; applied on every resolution, never deleted."""

    __tablename__ = "event_overrides"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    refs: Mapped[list] = mapped_column(JSON)
    actor: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class SourceGroupRow(Base):
    """Near-duplicate group of a source (syndicated copies share a group)."""

    __tablename__ = "source_groups"

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), primary_key=True)
    group_source_id: Mapped[int] = mapped_column(Integer, index=True)


def fact_rows_as_of(session, as_of: datetime | None = None):
    """(fact, source, first evidence offset) for each document's latest run by ``as_of``.

    With ``as_of`` the ledger answers what it said then: sources retrieved and runs
    finished by that time only.
    """
    latest = latest_runs(as_of)
    stmt = (
        select(FactRow, SourceRow)
        .join(latest, (FactRow.document_id == latest.c.document_id)
              & (FactRow.run_id == latest.c.run_id))
        .join(DocumentRow, DocumentRow.id == FactRow.document_id)
        .join(SourceRow, SourceRow.id == DocumentRow.source_id)
        .where(FactRow.status != "rejected")
        .order_by(FactRow.id)
    )
    if as_of is not None:
        stmt = stmt.where(SourceRow.retrieved_at <= as_of, FactRow.created_at <= as_of)
    return session.execute(stmt).all()


def replace_events(session, events: list[dict], resolved_at: datetime) -> None:
    """Swap in a new resolution (events are derived data; facts and overrides are the record)."""
    session.execute(delete(EventFactRow))
    session.execute(delete(EventRow))
    for ev in events:
        session.add(EventRow(
            id=ev["id"], type=ev["type"], key=ev["key"], valid_from=ev["valid_from"],
            valid_to=ev["valid_to"], independent_sources=ev["independent_sources"],
            n_facts=len(ev["facts"]), summary=ev, resolved_at=resolved_at))
    session.flush()
    for ev in events:
        for fact_id in ev["facts"]:
            session.add(EventFactRow(event_id=ev["id"], fact_id=fact_id))


def replace_groups(session, groups: dict[int, int]) -> None:
    session.execute(delete(SourceGroupRow))
    for source_id, group in groups.items():
        session.add(SourceGroupRow(source_id=source_id, group_source_id=group))


def overrides(session) -> list[EventOverrideRow]:
    return list(session.scalars(select(EventOverrideRow).order_by(EventOverrideRow.id)))
