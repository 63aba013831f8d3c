"""One trigger pass per document that tells each assembler which sentences can hold its facts.

Every assembler starts from a word-bounded regex over each sentence (trigger verbs,
agreement nouns, court cues). Running a dozen such alternations over every sentence
dominated the extractor's time, so a single Aho-Corasick pass over the lower-cased text
finds the *stems* of all those cues at once (plain substrings: a superset of what the
regexes can match), and ``DocContext.gate(si, family)`` lets an assembler skip a sentence
that has none of its stems. The gate never changes what is extracted, only how often the
expensive patterns run.
"""

from __future__ import annotations

import bisect
from functools import lru_cache

import ahocorasick

from .lexicon import triggers

#: per-cue gates inside the legal assembler (every match of that cue's regex contains one of these stems)
LEGAL_CUES = {
    "appeal": ["appeal", "turned to"],
    "stay": ["stay", "paused", "set aside", "delay", "reprieve", "left in place", "keep", "kept", "lifted", "request to"],
    "order": ["order", "injunction", "blocked", "barred", "halted", "enjoined", "directed", "tro", "instruction", "ruling",
              "limited", "narrowed", "broadened", "expanded", "ratified", "issued"],
    "ruling": ["ruled", "refused", "declined", "order", "upheld", "struck", "dismissed", "vacated", "sided", "held that",
               "found", "turned down", "rejected", "cleared the way", "certified", "agreed", "rule", "ruling", "decision",
               "opinion", "voted", "reversed", "overturned", "threw out", "denied", "hold that", "conclusion", "declared"],
    "hearing": ["hearing", "heard"],
    "investigation": ["review", "investigat", "inquiry", "probe", "audit", "asked", "wrote", "written", "letter", "sent",
                      "management alert", "called on", "urged", "said in a", "said he was", "said she was", "said they were", "said that", "said the ", "said on ", "reported that"],
    "filed": ["filed", "sued", "sought", "lawsuit", "petition", "complaint", "brought", "challenged", "asked", "lodged"],
}
FAMILIES = ("transfer", "detention", "arrangement", "legal", "enforcement", "funding", "sports") + tuple(
    "legal:" + k for k in LEGAL_CUES)

# stems that are not in triggers.yaml but that the assemblers' own patterns use
_EXTRA = {
    "transfer": ["deportee", "returnee", "deported", "flight", "plane", "charter", "includ", "among", "nationals",
                 "citizens", "people from", "second", "third", "further", "next"],
    "detention": ["held", "hold", "kept", "housed", "detain", "confin", "locked", "imprison", "jail", "intern",
                  "remain", "put in", "placed in", "taken", "driven", "bus", "moved", "transferred", "sent"],
    "arrangement": ["agree", "struck", "signed", "reached", "confirmed", "announced", "talks", "negotiat", "refused",
                    "being paid", "offered", "terminated", "scrapped", "deal", "pact", "accord", "arrangement",
                    "understanding", "memorandum", "treaty", "remain in mexico", "migrant protection protocols"],
    "legal": ["appeal", "stay", "order", "injunction", "instruction", "block", "barred", "halted", "paused", "brought",
              "ruled", "ruling", "refused", "declined", "could", "cannot", "can", "upheld", "struck", "dismissed",
              "vacated", "sided", "hearing", "heard", "review", "investigat", "inquiry", "probe", "audit", "asked",
              "wrote", "written", "letter", "filed", "sued", "sought", "lawsuit", "petition", "complaint", "enjoined",
              "directed", "delay", "reprieve", "left in place", "keep", "kept", "held that", "found", "turned",
              "rejected", "cleared the way", "certified", "agreed", "rule", "decision", "opinion", "voted", "reversed",
              "overturned", "threw out", "sent", "management alert", "called on", "urged", "challenged", "petitioned",
              "issued", "lifted", "request to", "limited", "narrowed", "broadened", "expanded", "ratified", "denied",
              "hold that", "conclusion", "declared", "said in a", "said he was", "said she was", "said they were", "said that", "said the ", "said on ", "reported that", "lodged"],
    "enforcement": ["border", "frontier", "migra", "smuggl", "crossing", "us-bound", "asylum", "tariff",
                    "boat", "sloop", "vessel", "raft", "at sea", "caravan"],
    "funding": ["pay", "paid", "funding", "funded", "footing", "foot the bill"],
    # sports copy near a movement (transfer._SPORTS_WORD; every match contains one of these stems)
    "sports": ["loan", "medical", "season", "club", "signing", "striker", "midfielder", "defender", "goalkeeper",
               "winger", "transfer fee", "coach", "league", "match", "football", "soccer", "stadium", "tournament",
               "squad", "teammate", "player", "scored", "scorer", "playoff", "friendl", "roster", "fixture", "debut",
               "world cup", "olympic", "championship", "rugby", "cricket", "baseball", "basketball", "tennis",
               "athlete"],
}


def _stems(family: str) -> set[str]:
    if family.startswith("legal:"):
        return set(LEGAL_CUES[family[6:]])
    out = {s.lower() for s in _EXTRA.get(family, [])}
    paths = {
        "transfer": [("transfer", "send"), ("transfer", "receive"), ("transfer", "arrive"), ("transfer", "nouns")],
        "detention": [("detention", "hold"), ("detention", "move")],
        "arrangement": [("arrangement", "nouns")],
        "funding": [("detention", "pay")],
    }.get(family, [])
    for path in paths:
        for phrase in triggers(*path):
            out.add(phrase.split()[0].lower())
    return {s for s in out if s}


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    keys: dict[str, set[str]] = {}
    for fam in FAMILIES:
        for stem in _stems(fam):
            keys.setdefault(stem, set()).add(fam)
    auto = ahocorasick.Automaton()
    for k, fams in keys.items():
        auto.add_word(k, frozenset(fams))
    auto.make_automaton()
    return auto


def sentence_families(text: str, starts: list[int]) -> list[set[str]]:
    """For each sentence (given by sorted start offsets) the families whose stems occur in it.

    Offsets may spill into the next sentence by a few characters when lower-casing changes
    lengths; that only widens the gate."""
    low = text.lower()
    if len(low) != len(text):  # a character changed length: no safe offsets, open every gate
        return [set(FAMILIES) for _ in starts]
    out: list[set[str]] = [set() for _ in starts]
    if not starts:
        return out
    for end_idx, fams in _automaton().iter(low):
        i = bisect.bisect_right(starts, end_idx) - 1
        if i >= 0:
            out[i].update(fams)
    return out


@lru_cache(maxsize=None)
def _phrase_automaton(keys: tuple[tuple[str, ...], ...]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for key in keys:
        for phrase in triggers(*key):
            p = " ".join(phrase.lower().split())
            auto.add_word(p, (len(p), key[-1]))
    auto.make_automaton()
    return auto


def _wordch(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def phrase_hits(text: str, keys: tuple[tuple[str, ...], ...]) -> list[tuple[int, int, str]]:
    """Word-bounded trigger phrases from ``triggers.yaml`` in ``text``: (start, end, family).

    The same matches as ``lexicon.phrase_regex`` (case-insensitive, longest match first,
    no overlaps) from one Aho-Corasick pass; phrases are matched with single spaces."""
    low = text.lower()
    if len(low) != len(text):
        return []  # caller falls back to the regexes
    n = len(low)
    hits = []
    for end_idx, (length, fam) in _phrase_automaton(keys).iter(low):
        s, e = end_idx - length + 1, end_idx + 1
        if s > 0 and (_wordch(low[s - 1]) or low[s - 1] == "-"):
            continue
        if e < n and _wordch(low[e]):
            continue
        hits.append((s, -length, e, fam))
    hits.sort()
    out, last = [], -1
    for s, _neg, e, fam in hits:
        if s < last:
            continue
        out.append((s, e, fam))
        last = e
    return out
