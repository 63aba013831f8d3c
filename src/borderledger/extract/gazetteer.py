"""Find countries, places, leaders, agencies, facilities, authorities and forums in text.

Everything comes from the data files (``countries.csv``, ``country_overrides.yaml``,
``agencies.yaml``, ``facilities.yaml``, ``authorities.yaml``, ``forums.yaml``). Matching
is one Aho-Corasick pass over the accent-folded text with a word-boundary check and
longest-match-wins; misspelled single words ("Guatamala", "Bukelle") fall back to a
conservative fuzzy match against single-word names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
from rapidfuzz.distance import Indel

from .lexicon import load
from .textutil import bounded, fold

# patterns used inline below, compiled once
_RX0 = re.compile(r"\d+")

#: mention kinds, in priority order when the same string is listed twice
PLACE_KINDS = ("name", "capital", "city", "state", "demonym", "leader", "agency")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str  # name | capital | city | state | demonym | leader | agency | blocked | facility
    code: str | None  # ISO alpha-2 (None for blocked regions)
    text: str
    ref: str | None = None  # canonical name (facility) or None


@dataclass(frozen=True)
class Facility:
    name: str
    country: str
    kind: str
    parent: str | None


class Gazetteer:
    """Built once (``gazetteer()``); immutable afterwards."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[str, str | None, str | None]] = {}
        self.names: dict[str, str] = {}  # code -> display name
        self._build_places()
        self._build_facilities()
        self.automaton = ahocorasick.Automaton()
        for key, (kind, code, ref) in self.entries.items():
            self.automaton.add_word(fold(key), (len(key), kind, code, ref))
        self.automaton.make_automaton()
        # single-word keys for fuzzy matching of misspellings
        self.fuzzy_keys: dict[tuple[str, int], list[str]] = {}
        for key, (kind, code, _ref) in self.entries.items():
            if " " in key or len(key) < 6 or kind not in ("name", "demonym", "leader") or not code:
                continue
            k = fold(key)
            for n in (len(k) - 1, len(k), len(k) + 1):
                self.fuzzy_keys.setdefault((k[0], n), []).append(key)

    # -- building -----------------------------------------------------------------
    def _add(self, key: str, kind: str, code: str | None, ref: str | None = None,
             override: bool = False) -> None:
        key = key.strip()
        if not key:
            return
        old = self.entries.get(key)
        if old is None or override:
            self.entries[key] = (kind, code, ref)

    def _build_places(self) -> None:
        ov = load("country_overrides.yaml")
        removed_caps = set(ov.get("remove_capitals") or [])
        owner = ov.get("demonym_owner") or {}
        rows = load("countries.csv")
        dem_codes: dict[str, list[str]] = {}
        for r in rows:
            for d in (r["demonyms"] or "").split(","):
                d = d.strip()
                if d:
                    dem_codes.setdefault(d, []).append(r["code"])
        # blocked regions first: they exist only to win longest-match
        for b in ov.get("blocked") or []:
            self._add(b, "blocked", None)
        for code, names in (ov.get("aliases") or {}).items():
            for n in names:
                self._add(n, "name", code, override=True)
        for r in rows:
            code = r["code"]
            for n in [r["name"], *(r["aliases"] or "").split("|")]:
                n = n.strip()
                if n.startswith("the "):
                    n = n[4:]
                if n and "(" not in n:
                    self._add(n, "name", code)
            self.names.setdefault(code, r["name"])
            cap = (r["capital"] or "").strip()
            if cap and cap not in removed_caps:
                self._add(cap, "capital", code)
        for dem, codes in dem_codes.items():
            code = owner.get(dem) or (codes[0] if len(codes) == 1 else None)
            if code:
                self._add(dem, "demonym", code)
        for code, names in (ov.get("demonyms") or {}).items():
            for n in names:
                self._add(n, "demonym", code, override=True)
        for code, names in (ov.get("capitals") or {}).items():
            for n in names:
                self._add(n, "capital", code, override=True)
        for code, names in (ov.get("cities") or {}).items():
            for n in names:
                self._add(n, "city", code)
        for st in ov.get("us_states") or []:
            self._add(st, "state", "US")
        for code, names in (ov.get("leaders") or {}).items():
            for n in names:
                self._add(n, "leader", code)
        for code, names in (load("agencies.yaml") or {}).items():
            for n in names:
                self._add(n, "agency", code)
        for code in ("US",):
            self.names[code] = "United States"

    def _build_facilities(self) -> None:
        self.facilities: dict[str, Facility] = {}
        for f in load("facilities.yaml"):
            fac = Facility(f["name"], f["country"], f.get("kind", "center"), f.get("part_of"))
            self.facilities[fac.name] = fac
            for a in f.get("aliases") or [f["name"]]:
                self._add(a, "facility", fac.country, fac.name, override=True)

    # -- matching -------------------------------------------------------------------
    def mentions(self, text: str) -> list[Mention]:
        """Every gazetteer mention in ``text`` (longest match, no overlaps), in order."""
        return list(self._scan(text))

    def _scan(self, text: str) -> tuple[Mention, ...]:
        folded = fold(text)
        hits = []
        for end_idx, (length, kind, code, ref) in self.automaton.iter(folded):
            start = end_idx - length + 1
            end = end_idx + 1
            if bounded(folded, start, end):
                hits.append((start, -length, end, kind, code, ref))
        hits.sort()
        out: list[Mention] = []
        last_end = -1
        for start, _neg, end, kind, code, ref in hits:
            if start < last_end:
                continue
            out.append(Mention(start, end, kind, code, text[start:end], ref))
            last_end = end
        out.extend(self._fuzzy(text, folded, out))
        out.sort(key=lambda m: m.start)
        return tuple(m for m in out if m.kind != "blocked")

    def _fuzzy(self, text: str, folded: str, found: list[Mention]) -> list[Mention]:
        import bisect
        starts = [m.start for m in found]  # found is sorted and non-overlapping
        ends = [m.end for m in found]
        extra = []
        for m in _CAPWORD.finditer(folded):
            s, e = m.span()
            i = bisect.bisect_right(starts, s) - 1
            if i >= 0 and s < ends[i]:
                continue
            hit = _fuzzy_lookup(self, m.group(0))
            if hit:
                kind, code, _ref = self.entries[hit]
                extra.append(Mention(s, e, kind, code, text[s:e], hit))
        return extra

    def facility(self, name: str) -> Facility | None:
        return self.facilities.get(name)

    def country_name(self, code: str) -> str:
        return self.names.get(code, code)

    def lookup(self, phrase: str) -> tuple[str, str | None, str | None] | None:
        """Exact (accent/case-insensitive) lookup of a whole phrase, e.g. a dateline."""
        return _lookup_index(self).get(fold(phrase).lower().strip(" ,."))


_CAPWORD = re.compile(r"\b[A-Z][a-z]{5,}\b")
_COMMON = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Meanwhile Security Minister "
    "Ministry Migration Migrant Migrants Government Officials Official Several Because "
    "Before Border Borders Control Country Counsel Council Countries Justice Judges "
    "Agreement Arrangement Guardian Guards Guarded Hundreds Thousands General Generals".split()
)


@lru_cache(maxsize=65536)
def _fuzzy_lookup(gaz: Gazetteer, word: str) -> str | None:
    if word in _COMMON:
        return None
    best, best_score = None, 0.0
    for key in gaz.fuzzy_keys.get((word[0], len(word)), ()):
        score = Indel.normalized_similarity(word, fold(key))
        if score > best_score:
            best, best_score = key, score
    if best is not None and best_score >= (0.85 if len(word) >= 8 else 0.88) and best != word:
        return best
    return None


@lru_cache(maxsize=1)
def _lookup_index_cache() -> dict:
    return {}


def _lookup_index(gaz: Gazetteer) -> dict[str, tuple[str, str | None, str | None]]:
    idx = _lookup_index_cache()
    if not idx:
        for key, val in gaz.entries.items():
            idx.setdefault(fold(key).lower(), val)
    return idx


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared, read-only gazetteer (built on first use)."""
    return Gazetteer()


# -- authorities and forums ---------------------------------------------------------
@dataclass(frozen=True)
class Tagged:
    start: int
    end: int
    label: str
    text: str


@lru_cache(maxsize=1)
def _authority_patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for label, spec in load("authorities.yaml").items():
        phrases = spec.get("phrases") or []
        ci = [p for p in phrases if not (p.isupper() and len(p) <= 4)]
        cs = [p for p in phrases if p.isupper() and len(p) <= 4]
        if ci:
            out.append((label, re.compile(r"(?<!\w)(?:" + "|".join(
                re.escape(p) for p in sorted(ci, key=len, reverse=True)) + r")(?!\w)", re.I)))
        if cs:
            out.append((label, re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, cs)) + r")(?!\w)")))
    return out


@lru_cache(maxsize=1)
def _authority_combined() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], dict[str, str]]:
    """All authority phrases in two alternations (case-insensitive / short upper-case acronyms)."""
    ci: dict[str, str] = {}
    cs: dict[str, str] = {}
    for label, spec in load("authorities.yaml").items():
        for p in spec.get("phrases") or []:
            if p.isupper() and len(p) <= 4:
                cs.setdefault(p, label)
            else:
                ci.setdefault(p.lower(), label)
    rx_ci = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(ci, key=len, reverse=True)) + r")(?!\w)", re.I)
    rx_cs = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(cs, key=len, reverse=True)) + r")(?!\w)")
    return rx_ci, rx_cs, ci, cs


def authorities(text: str) -> list[Tagged]:
    """Legal authorities named in ``text`` (phrases plus eyecite statute citations)."""
    out = []
    rx_ci, rx_cs, ci, cs = _authority_combined()
    for m in rx_ci.finditer(text):
        out.append(Tagged(m.start(), m.end(), ci[m.group(0).lower()], m.group(0)))
    for m in rx_cs.finditer(text):
        out.append(Tagged(m.start(), m.end(), cs[m.group(0)], m.group(0)))
    if "U.S.C" in text or "USC" in text:
        out.extend(_statute_authorities(text))
    out.sort(key=lambda t: t.start)
    return out


def _statute_authorities(text: str) -> list[Tagged]:
    import logging

    logging.getLogger("eyecite").setLevel(logging.ERROR)
    from eyecite import get_citations

    table = {}
    for label, spec in load("authorities.yaml").items():
        for s in spec.get("statutes") or []:
            title, _, section = s.partition(" U.S.C. ")
            table[(title.strip(), section.strip())] = label
    out = []
    for cit in get_citations(text):
        groups = getattr(cit, "groups", {}) or {}
        title = str(groups.get("title") or groups.get("volume") or "")
        section = str(groups.get("section") or "")
        base = _RX0.match(section)
        label = table.get((title, base.group(0) if base else section))
        if label:
            s, e = cit.span()
            out.append(Tagged(s, e, label, text[s:e]))
    return out


@lru_cache(maxsize=1)
def _forum_patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for label, spec in load("forums.yaml").items():
        phrases = spec.get("phrases") or []
        out.append((label, re.compile(r"(?<![\w-])(?:" + "|".join(
            r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True)
        ) + r")(?![\w])")))
    return out


@lru_cache(maxsize=1)
def _forum_combined() -> tuple[re.Pattern[str], dict[str, str]]:
    """Every forum phrase in one alternation, longest first (so the longest match at a position wins)."""
    table: dict[str, str] = {}
    for label, spec in load("forums.yaml").items():
        for p in spec.get("phrases") or []:
            table.setdefault(" ".join(p.split()), label)
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(
        r"\s+".join(map(re.escape, p.split())) for p in sorted(table, key=len, reverse=True)) + r")(?![\w])")
    return rx, table


def forums(text: str) -> list[Tagged]:
    """Court/oversight-body phrases in ``text`` (longest match wins; no overlaps)."""
    rx, table = _forum_combined()
    out = []
    for m in rx.finditer(text):
        out.append(Tagged(m.start(), m.end(), table[" ".join(m.group(0).split())], m.group(0)))
    return out
