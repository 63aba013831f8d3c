"""Reviewing facts: confirm, reject with a reason, or edit (a new version; old ones stay)."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, mapped_column, selectinload

from ..schema import validate_fields
from . import audit
from .tables import Base, FactRow, latest_runs

ACTIONS = ("confirm", "reject", "edit", "reopen")
STATUS_AFTER = {"confirm": "confirmed", "reject": "rejected", "reopen": "proposed"}


class FactVersionRow(Base):
    """One state of a fact: version 1 is the machine's proposal, later ones are reviews."""

    __tablename__ = "fact_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    fields: Mapped[dict] = mapped_column(JSON)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("fact_id", "version"),)


class ReviewError(ValueError):
    """A review that cannot be applied, with a message for the reviewer."""


def _state(fact: FactRow) -> dict[str, Any]:
    return {"status": fact.status, "fields": fact.fields,
            "digest": audit.fact_digest(fact.type, fact.fields, fact.status,
                                        [(e.start, e.end, e.quote) for e in fact.evidence])}


def review(ledger, fact_id: int, action: str, actor: str, *, reason: str | None = None,
           fields: dict[str, Any] | None = None) -> int:
    """Apply a review action; returns the fact's new version number."""
    from .store import utcnow

    if action not in ACTIONS:
        raise ReviewError(f"action must be one of {', '.join(ACTIONS)}")
    if action == "reject" and not (reason and reason.strip()):
        raise ReviewError("a rejection needs a reason")
    with ledger.session() as s:
        fact = s.scalar(select(FactRow).where(FactRow.id == fact_id)
                        .options(selectinload(FactRow.evidence)).with_for_update())
        if fact is None:
            raise ReviewError(f"no fact {fact_id}")
        before = _state(fact)
        versions = s.scalar(select(func.count()).select_from(FactVersionRow)
                            .where(FactVersionRow.fact_id == fact_id))
        now = utcnow()
        if versions == 0:
            s.add(FactVersionRow(fact_id=fact.id, version=1, status=fact.status, fields=fact.fields,
                                 actor=f"{fact.extractor} {fact.extractor_version}",
                                 action="propose", reason=None, at=fact.created_at))
            versions = 1
        if action == "edit":
            if not fields:
                raise ReviewError("an edit needs the fields to change")
            merged = {**fact.fields, **fields}
            try:
                validate_fields(fact.type, merged)
            except ValueError as exc:
                raise ReviewError(str(exc)) from exc
            fact.fields = merged
        else:
            fact.status = STATUS_AFTER[action]
        s.add(FactVersionRow(fact_id=fact.id, version=versions + 1, status=fact.status,
                             fields=fact.fields, actor=actor, action=action, reason=reason, at=now))
        s.flush()
        audit.append(s, actor, f"fact.{action}", f"fact:{fact.id}", before=before,
                     after={**_state(fact), "reason": reason}, at=now)
        return versions + 1


def history(ledger, fact_id: int) -> list[dict[str, Any]]:
    """Every version of a fact, oldest first (just the proposal if never reviewed)."""
    with ledger.session() as s:
        rows = list(s.scalars(select(FactVersionRow).where(FactVersionRow.fact_id == fact_id)
                              .order_by(FactVersionRow.version)))
        if not rows:
            fact = s.get(FactRow, fact_id)
            if fact is None:
                return []
            return [{"version": 1, "status": fact.status, "fields": fact.fields, "action": "propose",
                     "actor": f"{fact.extractor} {fact.extractor_version}", "reason": None,
                     "at": fact.created_at}]
        return [{"version": r.version, "status": r.status, "fields": r.fields, "action": r.action,
                 "actor": r.actor, "reason": r.reason, "at": r.at} for r in rows]


def priority(fact_type: str, fields: dict[str, Any], confidence: float) -> float:
    """How consequential a proposed fact is: new arrangements and large transfers first."""
    base = {"arrangement": 300, "legal_action": 200, "transfer": 100, "detention": 90,
            "enforcement": 80}.get(fact_type, 0)
    count = fields.get("count") if isinstance(fields.get("count"), int) else 0
    size = 20 * math.log10(1 + max(count, 0))  # 10 people +21, 300 people +50, 10,000 +80
    return base + size + confidence * 10


def queue(ledger, *, limit: int = 50, offset: int = 0) -> list[FactRow]:
    """Proposed facts of each document's current run, most consequential first."""
    with ledger.session() as s:
        latest = latest_runs()
        rows = list(s.scalars(
            select(FactRow).join(latest, (FactRow.document_id == latest.c.document_id)
                                 & (FactRow.run_id == latest.c.run_id))
            .where(FactRow.status == "proposed").options(selectinload(FactRow.evidence))))
        rows.sort(key=lambda f: (-priority(f.type, f.fields, f.confidence), f.id))
        for r in rows:
            s.expunge(r)
        return rows[offset:offset + limit]
