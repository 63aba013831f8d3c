"""Resolve stage: facts from many documents → events, with corroboration and conflicts."""

from .events import Event, FactRecord, Override, batch, resolve_events
from .near_duplicates import near_duplicate_groups

__all__ = ["Event", "FactRecord", "Override", "batch", "near_duplicate_groups", "resolve_events"]
