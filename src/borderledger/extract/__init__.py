"""Extract stage: Document → list[Fact], pure and deterministic."""

from __future__ import annotations

from .base import Extractor, check_evidence

__all__ = ["Extractor", "available", "check_evidence", "get_extractor"]


def available() -> list[str]:
    return ["rules", "baseline"]


def get_extractor(name: str = "rules") -> Extractor:
    """The extractor called ``name`` ("rules" is the full engine)."""
    if name == "rules":
        from .rules import RulesExtractor

        return RulesExtractor()
    if name == "baseline":
        from .baseline import BaselineExtractor

        return BaselineExtractor()
    raise ValueError(f"unknown extractor {name!r} (choose from {', '.join(available())})")
