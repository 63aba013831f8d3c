"""Relevance pre-filter: one Aho-Corasick pass decides whether a text is worth extracting.

Terms come from the data files: place names, aliases and demonyms from ``countries.csv`` and
``country_overrides.yaml``; deportation/asylum/border words from ``relevance.yaml`` (which
also holds the decision thresholds). The automaton runs over the lower-cased text; each raw
hit is then checked for word boundaries here (the automaton alone would also find "ice" in
"police"), and terms written in capitals (ICE, CBP) and place names must match their case.

Pure and deterministic: ``Prefilter.screen(text)`` reads nothing but its argument.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick
import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CATEGORIES = ("strong", "context", "place")


@dataclass(frozen=True)
class Term:
    text: str  # as written in the data, without a trailing *
    category: str
    prefix: bool  # "deport*": any word ending allowed
    case_sensitive: bool


@dataclass(frozen=True)
class Verdict:
    relevant: bool
    score: int
    terms: dict[str, list[str]] = field(default_factory=dict)  # category → distinct terms

    def to_dict(self) -> dict:
        return {"relevant": self.relevant, "score": self.score, "terms": self.terms}


def _case_sensitive(term: str, category: str) -> bool:
    if category == "place":
        return True
    letters = [c for c in term if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # a few characters lower-case to two ("İ"): keep offsets aligned with the original
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class Prefilter:
    """``Prefilter(terms).screen(text) -> Verdict``; see ``load_prefilter()``."""

    name = "prefilter"
    version = "1"

    def __init__(self, terms: list[Term], *, min_strong: int = 1, min_terms: int = 2):
        self.min_strong = min_strong
        self.min_terms = min_terms
        self.automaton = ahocorasick.Automaton()
        entries: dict[str, list[Term]] = {}
        for term in terms:
            key = term.text.lower()
            if key.strip():
                entries.setdefault(key, []).append(term)
        for key, group in entries.items():
            self.automaton.add_word(key, (len(key), tuple(group)))
        if entries:
            self.automaton.make_automaton()
        self.size = len(entries)

    def hits(self, text: str) -> dict[str, set[str]]:
        """Distinct terms found on word boundaries, by category."""
        found: dict[str, set[str]] = {c: set() for c in CATEGORIES}
        if not self.size:
            return found
        low = _lower_same_length(text)
        n = len(text)
        for end, (length, group) in self.automaton.iter(low):
            start = end - length + 1
            if start > 0 and low[start - 1].isalnum():
                continue
            whole = end + 1 >= n or not low[end + 1].isalnum()
            for term in group:
                if term.text in found[term.category]:
                    continue
                if not whole and not term.prefix:
                    continue
                if term.case_sensitive and text[start:end + 1] != term.text:
                    continue
                found[term.category].add(term.text)
        return found

    def screen(self, text: str) -> Verdict:
        found = self.hits(text)
        strong, context, place = (len(found[c]) for c in CATEGORIES)
        relevant = strong >= self.min_strong and (place > 0 or strong + context >= self.min_terms)
        score = 2 * strong + context + (1 if place else 0)
        return Verdict(relevant, score, {c: sorted(v) for c, v in found.items() if v})


def _load_yaml(name: str) -> dict:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def place_terms(data_dir: Path = DATA_DIR) -> set[str]:
    """Country names, aliases and demonyms from countries.csv and country_overrides.yaml."""
    names: set[str] = set()
    with (data_dir / "countries.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            for col in ("name", "aliases", "demonyms"):
                names.update(v.strip() for v in (row.get(col) or "").split(",") if v.strip())
    overrides_path = data_dir / "country_overrides.yaml"
    if overrides_path.exists():
        overrides = yaml.safe_load(overrides_path.read_text(encoding="utf-8")) or {}
        for key in ("aliases", "demonyms"):
            for values in (overrides.get(key) or {}).values():
                names.update(str(v).strip() for v in values or [] if str(v).strip())
    return names


def _terms(values: list, category: str) -> list[Term]:
    out = []
    for value in values:
        text = str(value).strip()
        prefix = text.endswith("*")
        text = text.rstrip("*").strip()
        if text:
            out.append(Term(text, category, prefix, _case_sensitive(text, category)))
    return out


@lru_cache(maxsize=1)
def load_prefilter() -> Prefilter:
    """The pre-filter built from the packaged data files (built once per process)."""
    config = _load_yaml("relevance.yaml")
    terms = _terms(config.get("strong") or [], "strong")
    terms += _terms(config.get("context") or [], "context")
    terms += _terms(sorted(place_terms()), "place")
    return Prefilter(terms, min_strong=int(config.get("min_strong", 1)),
                     min_terms=int(config.get("min_terms", 2)))
