"""Where the ledger lives: ``--db`` beats ``BORDERLEDGER_DB`` beats the user data directory."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

ENV_DB = "BORDERLEDGER_DB"
ENV_BLOBS = "BORDERLEDGER_BLOBS"


def data_dir() -> Path:
    """The per-user directory for ledgers (e.g. ``~/.local/share/borderledger``)."""
    return Path(user_data_dir("borderledger", appauthor=False))


def default_db() -> str:
    return os.environ.get(ENV_DB) or str(data_dir() / "ledger.db")


def is_url(value: str) -> bool:
    return "://" in value


def database_url(db: str | None = None) -> str:
    """A SQLAlchemy URL for a path or URL (``None`` means the default location)."""
    value = db or default_db()
    if is_url(value):
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def blob_dir(db: str | None = None) -> Path:
    """Blobs sit beside a SQLite file (``ledger.db`` → ``ledger-blobs/``) unless configured."""
    if os.environ.get(ENV_BLOBS):
        return Path(os.environ[ENV_BLOBS])
    value = db or default_db()
    if is_url(value):
        if value.startswith("sqlite:///") and len(value) > len("sqlite:///"):
            value = value[len("sqlite:///"):]
        else:
            return data_dir() / "blobs"
    path = Path(value).expanduser().resolve()
    return path.with_name(path.stem + "-blobs")
