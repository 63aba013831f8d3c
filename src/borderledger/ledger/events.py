"""Stored resolution results (events), reviewers' merge/split overrides, and copy groups."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, LargeBinary, String, Text, delete, select
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


class SourceSignatureRow(Base):
    """A source's MinHash signature, computed once (near-duplicate detection reads these)."""

    __tablename__ = "source_signatures"

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), primary_key=True)
    signature: Mapped[bytes] = mapped_column(LargeBinary)


def signatures(session, source_ids: list[int], texts) -> dict[int, bytes]:
    """Stored signatures of these sources; missing ones are computed from ``texts(ids)``
    (a callable returning {source_id: text}) and stored."""
    from ..resolve.near_duplicates import signature

    have = dict(session.execute(select(SourceSignatureRow.source_id, SourceSignatureRow.signature)
                                .where(SourceSignatureRow.source_id.in_(source_ids))).all())
    missing = [sid for sid in source_ids if sid not in have]
    for sid, text in texts(missing).items():
        have[sid] = signature(text)
        session.add(SourceSignatureRow(source_id=sid, signature=have[sid]))
    return have


class SourceGroupRow(Base):
    """Near-duplicate group of a source (syndicated copies share a group)."""

    __tablename__ = "source_groups"

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), primary_key=True)
    group_source_id: Mapped[int] = mapped_column(Integer, index=True)


def fact_rows_as_of(session, as_of: datetime | None = None) -> list[tuple]:
    """(fact, source, fields, status) for each document's current facts, not rejected.

    With ``as_of`` the ledger answers what it said then: sources retrieved and runs started
    by that time only, and each fact's fields and status as its versions stood then (a fact
    rejected later still counts; an edit made later is not seen yet).
    """
    from .review import FactVersionRow

    latest = latest_runs(as_of)
    stmt = (
        select(FactRow, SourceRow)
        .join(latest, (FactRow.document_id == latest.c.document_id)
              & (FactRow.run_id == latest.c.run_id))
        .join(DocumentRow, DocumentRow.id == FactRow.document_id)
        .join(SourceRow, SourceRow.id == DocumentRow.source_id)
        .order_by(FactRow.id)
    )
    if as_of is None:
        return [(f, src, f.fields, f.status) for f, src in session.execute(stmt.where(FactRow.status != "rejected"))]
    rows = session.execute(stmt.where(SourceRow.retrieved_at <= as_of, FactRow.created_at <= as_of)).all()
    then: dict[int, FactVersionRow] = {}  # each reviewed fact's last version by then
    for v in session.scalars(select(FactVersionRow).order_by(FactVersionRow.fact_id,
                                                             FactVersionRow.version)):
        if v.version == 1 or v.at <= as_of:  # version 1 is the machine's proposal
            then[v.fact_id] = v
    out = []
    for fact, src in rows:
        v = then.get(fact.id)  # never reviewed: the fact is as it was proposed
        fields, status = (v.fields, v.status) if v is not None else (fact.fields, fact.status)
        if status != "rejected":
            out.append((fact, src, fields, status))
    return out


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
