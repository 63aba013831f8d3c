"""Assemble ``enforcement`` facts: a state stopping or policing migrants, often at another's urging.

Needs a force word ("troops", "National Guard", "border police unit") or a patrol word,
a measure verb, a migration/border context, and a non-US acting state (possessor or
subject: "Mexico's National Guard", "the Government of Guatemala established …").
``requested_by`` is the other state named with a pressure cue ("at the request of",
"in response to US pressure", "tariff threats"); a state that only trains is not it.
"""

from __future__ import annotations

import re

from .common import Draft
from .context import DocContext
from .lexicon import phrase_regex, triggers
from .modality import ASSERTED, HYPOTHETICAL, PLANNED, assess, is_question
from .quantities import force_quantities

# patterns used inline below, compiled once
_RX0 = re.compile(r"\b(?:proposals?|idea|suggestion)\b", re.I)
_RX1 = re.compile(r"stopped\b", re.I)
_RX2 = re.compile(r"\bwould\b")
_RX3 = re.compile(r"\b(?:borders?|frontier)\s+with\s+(?:[\w\s,]+?\s+and\s+)?$")
_RX4 = re.compile(r"\b(?:our|the\s+government)\b", re.I)
_RX5 = re.compile(r"\b(?:force|Force|unit|units|Guard|police|agency)\b")
_RX6 = re.compile(r"stopped\s+(?:\w+\s+){0,3}(?:migrants|boats?|vessels?|sloops?|rafts?|people|asylum|caravans?)\b", re.I)
_RX7 = re.compile(r"\bGovernment\s+of\s+$")
_RX8 = re.compile(r"\bof\s+them\b")
_RX9 = re.compile(r";\s+")
_RX10 = re.compile(r",\s+(?:and\s+)?(?:that\s+)?$")
_RX11 = re.compile(r"\s+(?:has|had|have|will|would|is|was|sent|deployed|posted|stationed)\b")

MEASURES = ("new_force", "training", "patrols", "troop_deployment", "interdiction")
_CONTEXT = re.compile(r"\b(?:border|borders|frontier|frontiers|migra\w*|smuggl\w*|crossing|US-bound|asylum|"
                      r"boats?|sloops?|vessels?|rafts?|at\s+sea|caravans?)\b", re.I)
# a commitment reported in indirect speech is a fact of the report: "Psaki said Mexico would maintain 10,000 troops"
_REPORTED_WOULD = re.compile(r"\b(?:said|told\s+\w+|agreed|promised|pledged|committed|announced|confirmed)\s+"
                             r"(?:that\s+)?(?:[A-Z][\w.-]*\s+){1,3}would\s+$")
# "keep"/"maintain" deploy only with the force as their object: "would keep about 10,000 troops"
_HOLD_VERB = re.compile(r"(?:keep|maintain)$", re.I)
_HOLD_OBJ = re.compile(r"\s+(?:a\s+force\s+of\s+|a\s+total\s+of\s+)?(?:(?:about|some|roughly|around|nearly|more\s+than|up\s+to)\s+)?"
                       r"[\d,]+\s+(?:\w+\s+){0,2}(?:troops|soldiers|police|personnel|agents|officers|members|guardsmen)\b", re.I)
# sentences right after a border/migration sentence may carry the deployment: "Hundreds of security forces had
# been deployed to the area" (after a caravan sentence)
_SUB_ALLOC = re.compile(r"\b(?:of|from)\s+(?:that|those|the\s+same)\s+(?:[\d,]+-strong\s+)?(?:force|troops|deployment|contingent)\b", re.I)
_PATROL_CRAFT = re.compile(r"\s+(?:boats?|vessels?|cars?|ships?|aircraft|planes?|craft)\b", re.I)  # kit, not patrols
_CARRY = re.compile(r"\b(?:deployed|stationed|dispatched|sent|posted|surged)\b")
_PRESSURE_EXTRA = re.compile(r"\btariff\w*\b|\btrade\s+war\b|\bthreat\w*\b|\burging\b|\binsistence\b|\bpressure\b|"
                             r"\brequest\w*\b|\bdemand\w*\b|\bin\s+return\s+for\b", re.I)
_NOT_ACTOR = re.compile(r"(?:\bborders?\s+with|\btoward(?:s)?\s+the|\bto\s+its\s+\w+\s+border\s+with|\bfrom|"
                        r"\bon|\bagainst|\bby|\bwith)\s+(?:the\s+)?$", re.I)


def _clause(ctx: DocContext, si, lo: int, hi: int, force, measure_rx) -> Draft | None:
    text = ctx.doc.text
    s = si.text
    c = s[lo:hi]
    fw = force.search(c)
    hits = []
    for meas in MEASURES:
        for m in measure_rx[meas].finditer(c):
            hits.append((MEASURES.index(meas), m.start() + lo, m.end() + lo, meas))
    hits = [h for h in hits if not (_HOLD_VERB.match(s, h[1], h[2]) and not _HOLD_OBJ.match(s, h[2]))
            and not (h[3] == "patrols" and _PATROL_CRAFT.match(s, h[2]))]
    if not hits:
        return None
    if not fw and not any(h[3] == "patrols" for h in hits):
        return None
    hits.sort()
    _p, ms, me, measure = hits[0]
    if measure == "new_force" and not _RX5.search(s[ms:ms + 120]):
        rest = [h for h in hits if h[3] != "new_force"]
        if not rest:
            return None
        _p, ms, me, measure = rest[0]
    # a clause cut from a list of commitments is judged on its own ("…, that Guatemala had surged …")
    mod = assess(s, ms, me, window=5) if lo == 0 else assess(c, ms - lo, me - lo, window=5)
    if mod == HYPOTHETICAL and _REPORTED_WOULD.search(s, lo, ms):
        mod = ASSERTED  # "told reporters that Mexico would keep about 10,000 troops at its border"
    if mod not in (ASSERTED, PLANNED):
        return None
    if _SUB_ALLOC.search(c):
        return None  # "staffed by members of that 1,500-strong force": part of a deployment already reported
    if _RX0.search(s[lo:ms]):
        return None  # "a proposal by a deputy to post soldiers": not a measure taken
    if measure == "interdiction" and _RX1.match(s[ms:me]) and not _RX6.match(s[ms:ms + 60]):
        return None  # "stopped buses and raided hotels": police work, not interdiction at sea or at a line
    if mod == PLANNED and _RX2.search(s[lo:ms]) and not _REPORTED_WOULD.search(s, lo, ms):
        return None
    a = si.start + ms
    actor = None
    before, after = [], []
    for m in si.mentions:
        if not m.code or m.code == "US" or not (si.start + lo <= m.start < si.start + hi):
            continue
        pre = text[max(si.start, m.start - 40):m.start]
        if _NOT_ACTOR.search(pre) and not _RX7.search(pre):
            continue
        if _RX3.search(pre):
            continue
        if m.kind in ("name", "leader", "capital") or ctx.is_actor(m) or (m.kind == "city" and m.start > a):
            (before if m.start < a else after).append(m)
    if before:
        actor = before[-1].code
    elif after:
        actor = after[0].code
    if actor is None:
        ref = ctx.country_ref(si, si.start, si.sent.end)
        if _RX4.search(c):
            ref = ref or ctx.focus
        actor = ref
    if actor is None or actor == "US":
        return None
    qs = [q for q in force_quantities(c) if not _RX8.search(c[q.end:q.end + 10])]
    count = qs[0].value if qs else None
    dm = ctx.date_near(si, a, kinds=("point", "since"))
    if dm is not None and not (si.start + lo <= dm.start < si.start + hi):
        dm = None
    date = ctx.resolve_date(si, dm) if dm is not None else None
    requested = None
    if measure != "training":
        cue = phrase_regex(tuple(triggers("enforcement", "request"))).search(c) or _PRESSURE_EXTRA.search(c)
        if cue:
            others = [m.code for m in si.mentions if m.code and m.code != actor and
                      si.start + lo <= m.start < si.start + hi and
                      m.kind in ("name", "capital", "leader", "agency", "demonym")]
            if "US" in others:
                requested = "US"
            elif others:
                requested = others[0]
    return Draft("enforcement", {
        "country": actor, "measure": measure, "count": count, "date": date, "requested_by": requested,
    }, [ctx.span(si)], f"{measure} cue '{s[ms:me]}' + force", 0.65, si.sent.index, a)


def assemble(ctx: DocContext) -> list[Draft]:
    text = ctx.doc.text
    force = phrase_regex(tuple(triggers("enforcement", "force_words")), 0)
    measure_rx = {m: phrase_regex(tuple(triggers("enforcement", m))) for m in MEASURES}
    out: list[Draft] = []
    prev_ctx = None  # index of the last sentence with a border/migration context
    for si in ctx.sents:
        s = si.text
        if is_question(s):
            continue
        if not ctx.gate(si, "enforcement") or not _CONTEXT.search(s):
            carried = (prev_ctx is not None and prev_ctx == si.sent.index - 1
                       and _CARRY.search(s) and force.search(s))
            if not carried:
                continue
        else:
            prev_ctx = si.sent.index
        # one measure per clause ("trained by US CBP …; nonetheless, Guatemala ramped up patrols")
        # … and one per state in a list of commitments ("Mexico will keep …, Guatemala has sent …, and
        # Honduras has deployed …"): a new clause starts at ", (and) <State> has/will/…"
        cuts = [(m.start(), m.end()) for m in _RX9.finditer(s)]
        for m in si.mentions:
            r = m.start - si.start
            if m.code and m.kind == "name" and _RX10.search(s[max(0, r - 11):r]) and _RX11.match(text[m.end:m.end + 12]):
                cuts.append((r, r))
        # only where the part before is itself a commitment (it names a force): not "At the request of X, Y deployed"
        cuts = [c for i, c in enumerate(sorted(cuts))
                if c[0] != c[1] or force.search(s[(sorted(cuts)[i - 1][1] if i else 0):c[0]])]
        bounds, pos = [], 0
        for a, b in sorted(cuts):
            bounds.append((pos, a))
            pos = b
        bounds.append((pos, len(s)))
        for lo, hi in bounds:
            d = _clause(ctx, si, lo, hi, force, measure_rx)
            if d is not None:
                out.append(d)
    return out
