"""Reviewable entity matches: which written name was taken for which known entity."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from ..resolve.entities import Match, default_index
from . import audit
from .tables import Base

STATUSES = ("proposed", "confirmed", "rejected")


class EntityMatchRow(Base):
    __tablename__ = "entity_matches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    surface: Mapped[str] = mapped_column(String(300))
    entity_id: Mapped[str] = mapped_column(String(200), index=True)
    entity_name: Mapped[str] = mapped_column(String(300))
    score: Mapped[float] = mapped_column(Float)
    method: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))
    actor: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("kind", "surface"),)


class EntityError(ValueError):
    pass


def canonical(session: Session, surface: str | None, kind: str) -> Match | None:
    """The known entity a written name stands for, unless a reviewer rejected that match.

    Every match is remembered (exact ones confirmed, fuzzy ones proposed for review).
    """
    if not surface:
        return None
    match = default_index().resolve(surface, kind)
    if match is None:
        return None
    row = session.scalar(select(EntityMatchRow).where(EntityMatchRow.kind == kind,
                                                      EntityMatchRow.surface == surface))
    if row is None:
        from .store import utcnow

        row = EntityMatchRow(kind=kind, surface=surface, entity_id=match.entity.id,
                             entity_name=match.entity.name, score=match.score, method=match.method,
                             status="confirmed" if match.method == "exact" else "proposed",
                             actor="borderledger" if match.method == "exact" else None, at=utcnow())
        session.add(row)
        session.flush()
    return None if row.status == "rejected" else match


def list_matches(ledger, *, status: str | None = None, fuzzy_only: bool = False) -> list[EntityMatchRow]:
    with ledger.session() as s:
        stmt = select(EntityMatchRow).order_by(EntityMatchRow.kind, EntityMatchRow.surface)
        if status:
            stmt = stmt.where(EntityMatchRow.status == status)
        if fuzzy_only:
            stmt = stmt.where(EntityMatchRow.method == "fuzzy")
        rows = list(s.scalars(stmt))
        for r in rows:
            s.expunge(r)
        return rows


def review_match(ledger, match_id: int, status: str, actor: str, reason: str | None = None) -> None:
    """Confirm or reject a proposed match (audited); a rejected match is not applied again."""
    from .store import utcnow

    if status not in ("confirmed", "rejected"):
        raise EntityError("status must be confirmed or rejected")
    with ledger.session() as s:
        row = s.get(EntityMatchRow, match_id)
        if row is None:
            raise EntityError(f"no entity match {match_id}")
        before = {"status": row.status}
        row.status, row.actor, row.reason, row.at = status, actor, reason, utcnow()
        audit.append(s, actor, f"entity.{status[:-2] if status.endswith('ed') else status}",
                     f"entity_match:{row.id}", before=before,
                     after={"status": status, "surface": row.surface, "entity": row.entity_id,
                            "reason": reason})
