"""Run event resolution over the ledger's facts, store it, and record reviewers' overrides."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from . import audit, entities
from ..resolve import Event, FactRecord, Override, batch, resolve_events
from ..resolve.near_duplicates import groups_from_signatures
from .events import (EventOverrideRow, EventRow, fact_rows_as_of, overrides, replace_events,
                     replace_groups, signatures)
from .store import Ledger, utcnow
from .tables import DocumentRow

OVERRIDE_KINDS = ("merge", "split")


def fact_records(ledger: Ledger, as_of: datetime | None = None) -> tuple[list[FactRecord], dict[int, int]]:
    """Current (or as-of) non-rejected facts as FactRecords, and each source's copy group."""
    with ledger.session() as s, batch():
        rows = fact_rows_as_of(s, as_of)
        source_ids = sorted({src.id for _, src, _, _ in rows})

        def texts(ids):
            return dict(s.execute(select(DocumentRow.source_id, DocumentRow.text)
                                  .where(DocumentRow.source_id.in_(ids))).all()) if ids else {}

        sigs = signatures(s, source_ids, texts)
        groups = groups_from_signatures({str(k): v for k, v in sigs.items()})
        group_of = {int(k): int(v) for k, v in groups.items()}
        records = []
        for fact, src, fields, _status in rows:
            first = min((e.start for e in fact.evidence), default=0)
            facility = entities.canonical(s, fields.get("facility"), "facility")
            if facility is not None:  # "Cecot", "the Terrorism Confinement Center" → CECOT
                fields = {**fields, "facility": facility.entity.name}
            records.append(FactRecord(
                id=fact.id, doc=src.doc_id, type=fact.type, fields=fields,
                published=src.published, group=str(group_of.get(src.id, src.id)),
                recorded_at=fact.created_at, first_offset=first))
    return records, group_of


def resolve(ledger: Ledger, *, as_of: datetime | None = None, save: bool | None = None) -> list[Event]:
    """Group facts into events. Saved as the current resolution unless ``as_of`` is given."""
    records, groups = fact_records(ledger, as_of)
    with ledger.session() as s:
        ovs = [Override(o.kind, tuple(o.refs)) for o in overrides(s)
               if as_of is None or o.created_at <= as_of]
    events = resolve_events(records, ovs)
    if save if save is not None else as_of is None:
        with ledger.session() as s:
            replace_groups(s, groups)
            replace_events(s, [e.to_dict() for e in events], utcnow())
    return events


def add_override(ledger: Ledger, kind: str, refs: list[str], actor: str, reason: str | None = None) -> int:
    """Record a reviewer's merge or split (applied from the next resolution on)."""
    if kind not in OVERRIDE_KINDS:
        raise ValueError(f"override must be one of {OVERRIDE_KINDS}")
    if len(refs) < (2 if kind == "merge" else 1):
        raise ValueError(f"a {kind} needs {'two' if kind == 'merge' else 'one'} or more facts")
    with ledger.session() as s:
        row = EventOverrideRow(kind=kind, refs=list(refs), actor=actor, reason=reason,
                               created_at=utcnow())
        s.add(row)
        s.flush()
        audit.append(s, actor, f"event.{kind}", f"override:{row.id}",
                     after={"refs": list(refs), "reason": reason})
        return row.id


def stored_events(ledger: Ledger) -> list[dict]:
    with ledger.session() as s:
        return [row.summary for row in s.scalars(select(EventRow).order_by(EventRow.valid_from,
                                                                            EventRow.id))]
