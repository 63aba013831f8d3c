"""Accounts, roles and API tokens. Passwords are argon2 hashes; tokens are stored hashed."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column

from . import audit
from .tables import Base

ROLES = ("reviewer", "admin")
_NAME = re.compile(r"^[A-Za-z0-9_.@-]{2,64}$")
MIN_PASSWORD = 10
_hasher = PasswordHasher()
# a real hash to verify against when the user does not exist (equal time either way)
_DUMMY = _hasher.hash("not a real password, only for timing")


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ApiTokenRow(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class AccountError(ValueError):
    """A refused account change, with a message for the user."""


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_user(ledger, name: str, role: str, password: str, *, actor: str | None = None) -> int:
    if not _NAME.match(name):
        raise AccountError("user names are 2-64 letters, digits or . _ @ -")
    if role not in ROLES:
        raise AccountError(f"role must be one of: {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"passwords need at least {MIN_PASSWORD} characters")
    from .store import utcnow

    with ledger.session() as s:
        if s.scalar(select(UserRow.id).where(UserRow.name == name)) is not None:
            raise AccountError(f"user {name!r} exists already")
        user = UserRow(name=name, role=role, password_hash=_hasher.hash(password),
                       disabled=False, created_at=utcnow())
        s.add(user)
        s.flush()
        audit.append(s, actor or ledger.actor, "user.add", f"user:{name}", after={"role": role})
        return user.id


def set_role(ledger, name: str, role: str, *, actor: str | None = None) -> None:
    if role not in ROLES:
        raise AccountError(f"role must be one of: {', '.join(ROLES)}")
    with ledger.session() as s:
        user = _get(s, name)
        before = user.role
        user.role = role
        audit.append(s, actor or ledger.actor, "user.role", f"user:{name}",
                     before={"role": before}, after={"role": role})


def set_disabled(ledger, name: str, disabled: bool, *, actor: str | None = None) -> None:
    with ledger.session() as s:
        user = _get(s, name)
        user.disabled = disabled
        if disabled:
            for token in s.scalars(select(ApiTokenRow).where(ApiTokenRow.user_id == user.id)):
                token.revoked = True
        audit.append(s, actor or ledger.actor, "user.disable" if disabled else "user.enable",
                     f"user:{name}")


def _get(s, name: str) -> UserRow:
    user = s.scalar(select(UserRow).where(UserRow.name == name))
    if user is None:
        raise AccountError(f"no user {name!r}")
    return user


def authenticate(ledger, name: str, password: str) -> UserRow | None:
    """The enabled user with this name and password, else None (same work either way)."""
    with ledger.session() as s:
        user = s.scalar(select(UserRow).where(UserRow.name == name))
        try:
            _hasher.verify(user.password_hash if user else _DUMMY, password)
        except (VerificationError, InvalidHashError):
            return None
        if user is None or user.disabled:
            return None
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        s.expunge(user)
        return user


def user_by_name(ledger, name: str) -> UserRow | None:
    with ledger.session() as s:
        user = s.scalar(select(UserRow).where(UserRow.name == name, UserRow.disabled.is_(False)))
        if user is not None:
            s.expunge(user)
        return user


def create_token(ledger, name: str, label: str | None = None, *, actor: str | None = None) -> str:
    """A new API token for the user; only its hash is stored, so show it once."""
    from .store import utcnow

    token = "blt_" + secrets.token_urlsafe(32)
    with ledger.session() as s:
        user = _get(s, name)
        row = ApiTokenRow(user_id=user.id, token_sha256=_token_hash(token), label=label,
                          created_at=utcnow(), revoked=False)
        s.add(row)
        s.flush()
        audit.append(s, actor or ledger.actor, "token.create", f"user:{name}",
                     after={"token_id": row.id, "label": label})
    return token


def user_for_token(ledger, token: str) -> UserRow | None:
    with ledger.session() as s:
        row = s.scalar(select(ApiTokenRow).where(ApiTokenRow.token_sha256 == _token_hash(token),
                                                 ApiTokenRow.revoked.is_(False)))
        if row is None:
            return None
        user = s.get(UserRow, row.user_id)
        if user is None or user.disabled:
            return None
        s.expunge(user)
        return user


def list_users(ledger) -> list[tuple[str, str, bool]]:
    with ledger.session() as s:
        return [(u.name, u.role, u.disabled) for u in s.scalars(select(UserRow).order_by(UserRow.name))]
