"""The ledger store: SQLAlchemy tables, Alembic migrations, blob store and the Ledger API."""

from . import events as _events  # noqa: F401  (registers the event tables on Base.metadata)
from .blobs import BlobStore
from .store import Ledger, Run

__all__ = ["BlobStore", "Ledger", "Run"]
