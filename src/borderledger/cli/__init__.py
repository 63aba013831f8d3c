"""The ``borderledger`` command: thin wrappers around the library, one call per command.

Each module registers its commands on the shared ``app`` (see ``common.py``).
"""

from . import sources, facts, trust, web  # noqa: F401  (registers the commands, in help order)
from .common import app

__all__ = ["app"]

if __name__ == "__main__":  # pragma: no cover
    app()
