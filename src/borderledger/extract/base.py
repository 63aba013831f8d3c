"""The extractor interface: ``Document`` in, ``list[Fact]`` out, pure and deterministic."""

from __future__ import annotations

from typing import Protocol

from ..model import Document, Fact


class Extractor(Protocol):
    """Anything with a name, a version and ``extract(doc) -> list[Fact]``."""

    name: str
    version: str

    def extract(self, doc: Document) -> list[Fact]: ...


def check_evidence(doc: Document, facts: list[Fact]) -> list[Fact]:
    """Raise if any span does not quote the document exactly at its offsets."""
    for fact in facts:
        for span in fact.evidence:
            if doc.text[span.start:span.end] != span.quote:
                raise ValueError(
                    f"evidence [{span.start}:{span.end}] does not match the text of {doc.id}"
                )
    return facts
