"""Plain domain types shared by every pipeline stage: no I/O, no database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FACT_TYPES = ("transfer", "arrangement", "detention", "legal_action", "enforcement")

#: The spec's fields per fact type, in output order, with the value for "unknown".
FACT_FIELDS: dict[str, dict[str, Any]] = {
    "transfer": {
        "sender": None, "receiver": None, "via": None, "count": None,
        "count_kind": "unknown", "nationalities": [], "date": None,
        "status": "occurred", "facility": None, "authority": None,
    },
    "arrangement": {
        "parties": [], "kind": "other", "status": "agreed", "date": None,
        "payment_usd": None,
    },
    "detention": {
        "country": None, "facility": None, "count": None, "count_kind": "unknown",
        "nationalities": [], "date": None, "funded_by": None,
    },
    "legal_action": {
        "forum": "other", "action": "filed", "respondent": [], "case": None,
        "judge": None, "date": None,
    },
    "enforcement": {
        "country": None, "measure": "patrols", "count": None, "date": None,
        "requested_by": None,
    },
}


@dataclass(frozen=True)
class Document:
    """Plain text of one source; evidence offsets index into ``text`` forever."""

    id: str
    text: str
    published: str | None = None  # YYYY-MM-DD
    title: str | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Span:
    """A stretch of a document's text: ``text[start:end] == quote``."""

    start: int
    end: int
    quote: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "quote": self.quote}


@dataclass
class Fact:
    """One thing a document states, with the spans that say it."""

    type: str
    fields: dict[str, Any]
    evidence: list[Span]
    confidence: float = 0.5
    rule: str = ""  # which rule/pattern produced it (for --explain)

    def __post_init__(self) -> None:
        if self.type not in FACT_TYPES:
            raise ValueError(f"unknown fact type {self.type!r}")
        if not self.evidence:
            raise ValueError("a fact needs at least one evidence span")

    def normalized_fields(self) -> dict[str, Any]:
        """The spec's fields for this type, in order, unknowns filled in."""
        out: dict[str, Any] = {}
        for name, default in FACT_FIELDS[self.type].items():
            value = self.fields.get(name, default)
            out[name] = list(value) if isinstance(value, (list, tuple)) else value
        return out

    def to_spec(self, doc_id: str) -> dict[str, Any]:
        """The facts.jsonl line for this fact."""
        return {
            "doc": doc_id,
            "type": self.type,
            **self.normalized_fields(),
            "evidence": [s.to_dict() for s in self.evidence],
        }


@dataclass(frozen=True)
class RawSource:
    """Original bytes as captured, with what is known of where they came from."""

    data: bytes
    media_type: str
    origin: str | None = None  # path or URL read
    corpus_id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    retrieved_at: Any = None  # datetime; set by capture
    text: str | None = None  # given text (corpus records carry it ready-made)
