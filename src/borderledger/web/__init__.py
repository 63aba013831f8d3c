"""The public web pages and JSON API of a ledger: ``create_app(db)`` gives a FastAPI app."""

from .app import create_app

__all__ = ["create_app"]
