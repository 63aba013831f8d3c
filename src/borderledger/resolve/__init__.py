"""Resolve stage: facts from many documents → events, with corroboration and conflicts."""

from .events import Event, FactRecord, Override, resolve_events
from .near_duplicates import near_duplicate_groups

__all__ = ["Event", "FactRecord", "Override", "near_duplicate_groups", "resolve_events"]
