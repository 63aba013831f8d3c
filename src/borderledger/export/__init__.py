"""Export stage: the ledger's contents in the formats the field uses."""

from .facts import export_facts, iter_fact_lines

__all__ = ["export_facts", "iter_fact_lines"]
