"""Capture stage: bytes in from the world (files, corpus lines), hashed later by the ledger."""

from .files import Unit, read_units

__all__ = ["Unit", "read_units"]
