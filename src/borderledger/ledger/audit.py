"""Append-only, hash-chained audit trail.

Every change (ingest, extraction run, review action, account change, event correction)
appends an entry in the same transaction as the change. Each entry's hash covers the
previous entry's hash and the entry's canonical JSON, so removing or altering any entry
breaks the chain at that point. The head of the chain is also kept in a one-row table
(which serializes appenders) and in a checkpoint file beside the blobs, so that
removing the newest entries is noticed too.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from .tables import Base

GENESIS = "0" * 64


class AuditRow(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(50), index=True)
    subject: Mapped[str] = mapped_column(String(200), index=True)
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditHeadRow(Base):
    """The newest entry's id and hash (one row, locked while appending)."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


def canonical(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def entry_hash(row: AuditRow) -> str:
    """sha256(previous hash + canonical JSON of the entry)."""
    body = canonical({
        "id": row.id, "at": row.at.isoformat(timespec="microseconds"), "actor": row.actor,
        "action": row.action, "subject": row.subject, "before": row.before, "after": row.after,
    })
    return hashlib.sha256((row.prev_hash + body).encode("utf-8")).hexdigest()


def default_actor() -> str:
    """Who runs a CLI command: the operating-system user."""
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no user name in a container without passwd entry
        return "cli:unknown"


def append(session: Session, actor: str, action: str, subject: str, *,
           before: Any = None, after: Any = None, at: datetime | None = None) -> AuditRow:
    """Add an entry to the chain inside the caller's transaction."""
    from .store import utcnow

    head = session.get(AuditHeadRow, 1, with_for_update=True)
    if head is None:
        head = AuditHeadRow(id=1, last_id=0, hash=GENESIS)
        session.add(head)
    # JSON round-trips through the database; store exactly what will be read back
    before, after = _plain(before), _plain(after)
    row = AuditRow(id=head.last_id + 1, at=at or utcnow(), actor=actor, action=action,
                   subject=subject, before=before, after=after, prev_hash=head.hash)
    row.hash = entry_hash(row)
    session.add(row)
    head.last_id, head.hash = row.id, row.hash
    session.info["audit_head"] = (row.id, row.hash)
    return row


def _plain(value: Any) -> Any:
    return None if value is None else json.loads(canonical(value))


def entries(session: Session, subject: str | None = None) -> list[AuditRow]:
    stmt = select(AuditRow).order_by(AuditRow.id)
    if subject is not None:
        stmt = stmt.where(AuditRow.subject == subject)
    return list(session.scalars(stmt))


def fact_digest(fact_type: str, fields: dict, status: str, evidence: list[tuple[int, int, str]]) -> str:
    """A fingerprint of a fact's content and review state, recorded in the trail."""
    body = canonical({"type": fact_type, "fields": fields, "status": status,
                      "evidence": sorted([list(e) for e in evidence])})
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
