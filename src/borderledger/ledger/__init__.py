"""The ledger store: SQLAlchemy tables, Alembic migrations, blob store and the Ledger API."""

from .blobs import BlobStore
from .store import Ledger, Run

__all__ = ["BlobStore", "Ledger", "Run"]
