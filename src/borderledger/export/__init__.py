"""Export stage: the ledger's contents in the formats the field uses."""

from .events import export_events
from .facts import export_facts, iter_fact_lines

__all__ = ["export_events", "export_facts", "iter_fact_lines"]
