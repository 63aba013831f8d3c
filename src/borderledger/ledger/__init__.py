"""The ledger store: SQLAlchemy tables, Alembic migrations, blob store and the Ledger API."""

# importing these modules registers their tables on Base.metadata
from . import accounts as _accounts  # noqa: F401
from . import audit as _audit  # noqa: F401
from . import entities as _entities  # noqa: F401
from . import events as _events  # noqa: F401
from . import privacy as _privacy  # noqa: F401
from . import review as _review  # noqa: F401
from . import sessions as _sessions  # noqa: F401
from . import webtables as _webtables  # noqa: F401
from .blobs import BlobStore
from .store import Ledger, Run

__all__ = ["BlobStore", "Ledger", "Run"]
