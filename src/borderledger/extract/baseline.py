"""A deliberately small keyword extractor: one removal verb + one destination in a sentence.

It exists so the pipeline can run without the full rules engine and as a floor to
compare that engine against. It proposes only ``transfer`` facts from the US.
"""

from __future__ import annotations

import re

from ..model import Document, Fact, Span

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_VERB = re.compile(r"\b(deport(?:ed|s)?|expell?ed|remov(?:ed|al)|flown|flew)\b", re.I)
_DEST = re.compile(
    r"\bto (El Salvador|Costa Rica|Panama|Honduras|Guatemala|Mexico|Venezuela|Eswatini|"
    r"South Sudan|Rwanda|Ghana|Uganda)\b"
)
_CODES = {
    "El Salvador": "SV", "Costa Rica": "CR", "Panama": "PA", "Honduras": "HN",
    "Guatemala": "GT", "Mexico": "MX", "Venezuela": "VE", "Eswatini": "SZ",
    "South Sudan": "SS", "Rwanda": "RW", "Ghana": "GH", "Uganda": "UG",
}
_NEGATION = re.compile(r"\b(not|never|no|denied|if|would)\b", re.I)


class BaselineExtractor:
    name = "baseline"
    version = "0.1.0"

    def extract(self, doc: Document) -> list[Fact]:
        facts: dict[str, Fact] = {}
        for m in _SENTENCE.finditer(doc.text):
            sentence = m.group(0)
            if not _VERB.search(sentence) or _NEGATION.search(sentence):
                continue
            dest = _DEST.search(sentence)
            if not dest:
                continue
            start = m.start() + len(sentence) - len(sentence.lstrip())
            end = m.end() - (len(sentence) - len(sentence.rstrip()))
            span = Span.of(doc.text, start, end)
            code = _CODES[dest.group(1)]
            if code in facts:
                facts[code].evidence.append(span)
            else:
                facts[code] = Fact("transfer", {"sender": "US", "receiver": code}, [span],
                                   confidence=0.3, rule="baseline: removal verb + 'to COUNTRY'")
        return list(facts.values())
