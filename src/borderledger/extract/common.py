"""Pieces several assemblers share: nationalities, people counts, authority, draft facts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Span
from .context import DocContext, SentenceInfo
from .quantities import Quantity, people_quantities

# patterns used inline below, compiled once
_RX0 = re.compile(r"\bits\s+own\s+(?:nationals|citizens)\b|\btheir\s+own\s+citizens\b", re.I)
_RX1 = re.compile(r"\bunder\s+the\s+(?:act|law|program|programme|policy|proclamation)\b", re.I)
_RX2 = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
_RX3 = re.compile(r"(?:,\s*|\s+and\s+|,\s+and\s+|\s+or\s+|,\s+or\s+)(?:the\s+)?")
_RX4 = re.compile(r"\b(?:not|no|non|never)\b[^,;]{0,25}$", re.I)
_RX5 = re.compile(r"\b(?:a|an|one)\s+$", re.I)
_RX6 = re.compile(r"^\s*(?:,|;|\.|\band\b|\bor\b|$)")
_RX7 = re.compile(r"^[\s,]+(?:[a-z]+\s+)?(?:citizen|national|man|woman)\b")
_RX8 = re.compile(r"^\s+[a-z]+\s+(?:government|authorities)")
_RX9 = re.compile(r"(?:[\w .'’-]+?(?:,\s*|\s+and\s+|,\s+and\s+))*")

_NAT_LIST = re.compile(
    r"\b(?:(?:nationals|citizens|natives|people|migrants|passengers|deportees|men|women|criminals|detainees|"
    r"families|children|asylum\s+seekers|travell?ers|returnees|prisoners|arrivals)\s*,?\s+(?:of|from)|"
    r"(?:others|rest|they|men|women|people|migrants|deportees|passengers|group|who)\s+(?:all\s+)?"
    r"(?:come|came|comes|are|were|hail|hailed)\s+from)\s+"
    r"(?:(?:several\s+|various\s+)?countries\s+(?:including|such\s+as|like)\s+)?", re.I)
_PEOPLE_AFTER = re.compile(
    r"^\s+(?:(?:asylum[- ]seekers?|migrants?|men|women|man|woman|nationals?|citizens?|deportees?|"
    r"returnees?|immigrants?|children|families|detainees?|prisoners?|inmates?|refugees?|passengers?|"
    r"people|persons?|gang\s+members?|minors?|asylum|boys?|girls?))\b", re.I)
_SUBSET = re.compile(r"(?:among\s+them|including|of\s+whom|of\s+them|which\s+said)\s*$", re.I)


@dataclass
class Draft:
    """A fact under construction, with links the merger and finisher use."""

    type: str
    fields: dict[str, Any]
    evidence: list[Span]
    rule: str
    confidence: float
    sent_index: int
    pos: int = 0
    flags: set[str] = field(default_factory=set)
    links: dict[str, Any] = field(default_factory=dict)


def nationalities(ctx: DocContext, si: SentenceInfo, start: int | None = None, end: int | None = None,
                  exclude: set[str] | None = None) -> list[str]:
    """Citizenships stated for people: 'Venezuelan men', 'Nigerians', 'nationals of A, B and C'."""
    text = ctx.doc.text
    a = si.start if start is None else start
    b = si.sent.end if end is None else end
    out: list[str] = []
    for m in si.mentions:
        if not (a <= m.start < b) or not m.code:
            continue
        if m.kind == "demonym":
            after = text[m.end:m.end + 40]
            plural_person = m.text.endswith("s") and not m.text.endswith("ese") or m.text.endswith(("ans", "ians", "is"))
            single = _RX5.search(text[max(si.start, m.start - 4):m.start]) and \
                _RX6.match(after)
            if _PEOPLE_AFTER.match(after) or (plural_person and not _RX8.match(after)) \
                    or _RX7.match(after) or single:
                if not ctx.is_actor(m) and m.code not in out:
                    out.append(m.code)
        elif m.kind == "name":
            before = text[max(si.start, m.start - 200):m.start]
            lead = _NAT_LIST.search(before)
            if lead:
                between = before[lead.end():]
                # only a list of names may separate the lead phrase from this name
                if _RX9.fullmatch(between) and len(between) < 120:
                    if m.code not in out:
                        out.append(m.code)
    if exclude:
        out = [c for c in out if c not in exclude]
    return out


_PEOPLE_FROM = re.compile(
    r"\b(?:nationals|citizens|natives|people|persons|migrants|passengers|deportees|returnees|men|women|detainees|"
    r"prisoners|families|children|asylum[- ]seekers|refugees|travell?ers|individuals|arrivals|foreigners|"
    r"(?:hail|hailed|come|came|comes|are|were|originally)|[a-z]+\s+of\s+(?:two|three|four|five|\w+\s+children))"
    r"\s*,?\s+(?:(?:all|mostly|mainly|largely)\s+)?from\s+(?:the\s+)?$", re.I)


def origin_mentions(ctx: DocContext, si: SentenceInfo) -> set[int]:
    """Starts of country mentions that name where the *people* come from, not a state acting:
    'deportees, from Vietnam, Jamaica and Laos', 'migrants from A, B and C', 'from A, B, C and D'.
    Such countries are neither parties to a deal nor the senders of a flight."""
    key = ("origins", si.sent.index)
    hit = ctx.memo.get(key)
    if hit is not None:
        return hit
    text = ctx.doc.text
    out: set[int] = set()
    names = [m for m in si.mentions if m.code and m.kind in ("name", "capital", "city", "state")]
    i = 0
    while i < len(names):
        m = names[i]
        pre = text[max(si.start, m.start - 60):m.start]
        if not _RX2.search(pre):
            i += 1
            continue
        # the run of names coordinated with this one: "from A, B, C and D"
        run = [m]
        j = i + 1
        while j < len(names) and _RX3.fullmatch(text[run[-1].end:names[j].start]):
            run.append(names[j])
            j += 1
        if len(run) >= 3 or _PEOPLE_FROM.search(pre):
            out.update(x.start for x in run)
        i = j
    ctx.memo[key] = out
    return out


def own_nationals(text: str) -> bool:
    for m in _RX0.finditer(text):
        if not _RX4.search(text[max(0, m.start() - 30):m.start()]):
            return True
    return False


_TOTAL = re.compile(r"\b(?:risen|rose|grown|grew|climbed|reached|increased|swelled|total\b[^.;]{0,40}?\bto)\s+(?:to\s+)?"
                    r"(\d{1,3}(?:,\d{3})+|\d+)\b(?!\s*(?:%|percent))", re.I)
_INSIDE_SUBSET = re.compile(r"\b(?:includ\w+|among\s+them|among\s+whom|of\s+whom)\b[^,;—]*$", re.I)


def people_count(ctx: DocContext, si: SentenceInfo, start: int | None = None, end: int | None = None,
                 near: int | None = None) -> Quantity | None:
    """The count of people the clause is about (non-subset, non-cap; nearest to ``near``)."""
    text = ctx.doc.text
    a = si.start if start is None else start
    b = si.sent.end if end is None else end
    cands = []
    for q in people_quantities(text[a:b]):
        qa = q.start + a
        if _SUBSET.search(text[max(si.start, qa - 25):qa]) or _INSIDE_SUBSET.search(text[si.start:qa]):
            continue
        if q.kind == "cap":
            continue
        cands.append(Quantity(qa, q.end + a, q.value, q.kind, q.text))
    for m in _TOTAL.finditer(text, a, b):
        v = int(m.group(1).replace(",", ""))
        cands.append(Quantity(m.start(1), m.end(1), v, "exact", m.group(1)))
    if not cands:
        return None
    if near is None:
        return min(cands, key=lambda q: q.start)
    return min(cands, key=lambda q: (q.start - near) if q.start >= near else (near - q.start) * 1.5)


def has_cap_only(ctx: DocContext, si: SentenceInfo) -> bool:
    key = ("cap_only", si.sent.index)
    hit = ctx.memo.get(key)
    if hit is None:
        qs = people_quantities(si.text)
        hit = ctx.memo[key] = bool(qs) and all(q.kind == "cap" for q in qs)
    return hit


def authority_in(ctx: DocContext, si: SentenceInfo) -> str | None:
    key = ("authority_in", si.sent.index)
    if key not in ctx.memo:
        ctx.memo[key] = _authority_in(ctx, si)
    return ctx.memo[key]


def _authority_in(ctx: DocContext, si: SentenceInfo) -> str | None:
    tags = ctx.authorities(si)
    labels = [t.label for t in tags if t.label not in ("safe_third_country_agreement", "asylum_cooperative_agreement")]
    if labels:
        return labels[0]
    if _RX1.search(si.text):
        return doc_authority(ctx)
    return None


def doc_authority(ctx: DocContext) -> str | None:
    if "doc_authority" in ctx.memo:
        return ctx.memo["doc_authority"]
    ctx.memo["doc_authority"] = _doc_authority(ctx)
    return ctx.memo["doc_authority"]


def _doc_authority(ctx: DocContext) -> str | None:
    from collections import Counter

    c: Counter[str] = Counter()
    for si in ctx.sents:
        for t in ctx.authorities(si):
            if t.label not in ("safe_third_country_agreement", "asylum_cooperative_agreement"):
                c[t.label] += 1
    if not c:
        return None
    top = c.most_common(2)
    if len(top) == 1 or top[0][1] > top[1][1]:
        return top[0][0]
    return None
