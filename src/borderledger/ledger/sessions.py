"""Web sign-in state: server-side sessions and failed-login records (migration 0007_web_auth).

A session is known to the database only by the SHA-256 of its random id, so a copy of the
database does not let anyone sign in. Sessions end when their user signs out, after an idle
period, after an absolute lifetime, or at once when the user is disabled. Failed sign-ins
are kept for a few minutes so the web can refuse guessing (per user name and per address).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import DateTime, ForeignKey, Integer, String, delete, func, or_, select
from sqlalchemy.orm import Mapped, mapped_column

from .accounts import UserRow
from .tables import Base

#: a session ends this long after sign-in, whatever happens
LIFETIME = timedelta(hours=12)
#: ... or after this long without a request
IDLE = timedelta(hours=2)
#: how often (at most) the last-seen time is written
TOUCH_EVERY = timedelta(minutes=5)


class WebSessionRow(Base):
    __tablename__ = "web_sessions"

    id_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    seen_at: Mapped[datetime] = mapped_column(DateTime)


class LoginFailureRow(Base):
    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    address: Mapped[str] = mapped_column(String(100), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)


@dataclass(frozen=True)
class SessionUser:
    """Who a valid session belongs to, and its CSRF token."""

    user_id: int
    name: str
    role: str
    csrf: str


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


def _now() -> datetime:
    from .store import utcnow

    return utcnow()


def start(ledger, user_id: int) -> tuple[str, str]:
    """A new session for the user: ``(session id, CSRF token)``. Only the id's hash is kept."""
    session_id = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = _now()
    with ledger.session() as s:
        s.add(WebSessionRow(id_sha256=_hash(session_id), user_id=user_id, csrf=csrf,
                            created_at=now, seen_at=now))
        # sweep expired sessions now and then (cheap: indexed by primary key scan)
        s.execute(delete(WebSessionRow).where(or_(WebSessionRow.created_at < now - LIFETIME,
                                                  WebSessionRow.seen_at < now - IDLE)))
    return session_id, csrf


def lookup(ledger, session_id: str) -> SessionUser | None:
    """The enabled user of a live session, else None (expired sessions are removed)."""
    if not session_id or len(session_id) > 200:
        return None
    now = _now()
    with ledger.session() as s:
        row = s.get(WebSessionRow, _hash(session_id))
        if row is None:
            return None
        if row.created_at < now - LIFETIME or row.seen_at < now - IDLE:
            s.delete(row)
            return None
        user = s.get(UserRow, row.user_id)
        if user is None or user.disabled:
            s.delete(row)
            return None
        if now - row.seen_at > TOUCH_EVERY:
            row.seen_at = now
        return SessionUser(user.id, user.name, user.role, row.csrf)


def end(ledger, session_id: str) -> None:
    """Forget a session (sign-out)."""
    if not session_id:
        return
    with ledger.session() as s:
        s.execute(delete(WebSessionRow).where(WebSessionRow.id_sha256 == _hash(session_id)))


def end_all(ledger, user_id: int) -> None:
    """Forget every session of a user (disabled account, changed role)."""
    with ledger.session() as s:
        s.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user_id))


def record_failure(ledger, name: str, address: str) -> None:
    now = _now()
    with ledger.session() as s:
        s.add(LoginFailureRow(name=name[:200], address=address[:100], at=now))
        s.execute(delete(LoginFailureRow).where(LoginFailureRow.at < now - timedelta(minutes=10)))


def recent_failures(ledger, name: str, address: str,
                    window: timedelta = timedelta(minutes=1)) -> tuple[int, int]:
    """Failed sign-ins within ``window``: ``(for this user name, from this address)``."""
    since = _now() - window
    with ledger.session() as s:
        by_name = s.scalar(select(func.count()).select_from(LoginFailureRow)
                           .where(LoginFailureRow.name == name[:200], LoginFailureRow.at >= since))
        by_address = s.scalar(select(func.count()).select_from(LoginFailureRow)
                              .where(LoginFailureRow.address == address[:100],
                                     LoginFailureRow.at >= since))
    return by_name or 0, by_address or 0
