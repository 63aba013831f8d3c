"""Assemble ``detention`` facts: people held in a named or clearly located place.

A holding verb ("held", "housed", "kept", "confined") or a move into a place ("taken
to", "driven to") must come with a place: a facility from ``facilities.yaml``, a named
facility phrase ("the X Service Processing Center", "the Bundase military camp"), a
place noun ("a guarded guesthouse"), or a location ("held in Texas"). An arrest alone,
"held there" (evidence for an earlier detention), planned holding and negated holding
give no new fact.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .common import Draft, nationalities, people_count
from .context import DocContext
from .gazetteer import gazetteer
from .lexicon import phrase_regex, triggers
from .modality import ASSERTED, BLOCKED, assess, is_question

# patterns used inline below, compiled once
_RX0 = re.compile(r"\bhere\b")
_RX1 = re.compile(r"\b(?:at|in|to|inside)\s+(?:the\s+|a\s+|an\s+)?[\w\s-]{0,40}$")
_RX2 = re.compile(r"\bwhere\s+(?:\w+\s+){1,3}$")
_RX3 = re.compile(r"\b(?:not|never|no\s+one|nobody)\b[^.;]{0,20}$", re.I)
_RX4 = re.compile(r"['’]s\b")
_RX5 = re.compile(r"\b(?:while|as|after|before|because|whereas)\b")
_RX6 = re.compile(r"\b(?:in|at|outside|near)\s+(?:the\s+)?(?:[A-Z][\w-]*,?\s+)*$")
_RX7 = re.compile(r"^(?:the|The)\s+")
_RX8 = re.compile(r"\bborder\b")
_RX9 = re.compile(r"\s+\w+\s+(?:station|base|camp|prison|center|centre)\b")

_NAMED_PLACE = re.compile(
    r"\b((?:[A-Z][\w'’.-]*|XXI|de|del|la)(?:\s+(?:[A-Z][\w'’.-]*|XXI|de|del|la|\d+))*"
    r"\s+(?:Service\s+Processing\s+Center|Processing\s+Center|Detention\s+Center|Detention\s+Facility|"
    r"Correctional\s+(?:Complex|Center|Centre|Facility)|Prison|Hotel|Camp|Center|Centre|Station|Hostel)"
    r"|(?:[A-Z][\w'’-]+)\s+(?:military\s+camp|migrant\s+station|detention\s+center|camp|prison|hotel))\b")
_ANAPHORIC_SUBJ = re.compile(r"^\s*(?:They|The\s+group|The\s+men|The\s+migrants|The\s+deportees|Their|"
                             r"Shortly\s+after\s+landing,\s+the\s+group|[\w\s,]*?\bthey\b|"
                             r"[\w\s,]*?\b(?:many|most|some|all|several|none)\s+of\s+the\s+(?:migrants|men|deportees|group|people))", re.I)
_AFTER_ARRIVAL = re.compile(r"\bafter\s+(?:landing|arriving|arrival|their\s+arrival)\b|\bon\s+arrival\b", re.I)
_LIGHT_VERBS = frozenset({"put", "get", "got"})
# a place people may leave is a shelter, not detention ("People may leave whenever they want")
_FREE_TO_LEAVE = re.compile(r"\b(?:may|can|could|are\s+free\s+to|were\s+free\s+to|is\s+free\s+to|allowed\s+to)\s+"
                            r"(?:leave|go|come\s+and\s+go)\b|\bfree\s+to\s+(?:leave|go)\b", re.I)
_THERE = re.compile(r"\b(?:held|kept|housed|detained)\s+there\b|\bremain\s+there\b", re.I)


@lru_cache(maxsize=1)
def _move_rx() -> re.Pattern[str]:
    # the verb of each move phrase; a light verb keeps its particle ("put in", not "put on planes")
    move_verbs = sorted({w if w.split()[0] in _LIGHT_VERBS else w.split()[0] for w in triggers("detention", "move")},
                        key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, v.split())) for v in move_verbs) +
                      r")\b(?=[^.;]{0,45}?\bto\s+(?:(?:the|a|an)\b|(?-i:[A-Z])))", re.I)


def assemble(ctx: DocContext, transfers: list[Draft]) -> list[Draft]:
    hold = phrase_regex(tuple(triggers("detention", "hold")))
    move = _move_rx()
    place_nouns = phrase_regex(tuple(triggers("detention", "place_nouns")))
    gaz = gazetteer()
    text = ctx.doc.text
    out: list[Draft] = []
    from .transfer import migration_doc
    if not migration_doc(ctx):
        return out
    open_paras = set()
    low = text.lower()
    starts = [x.start for x in ctx.sents]
    for word in ("leave", "free to go", "come and go"):
        i = low.find(word)
        while i >= 0:
            lo = max(0, i - 30)
            fm = _FREE_TO_LEAVE.search(text, lo, i + len(word) + 1)
            k = bisect.bisect_right(starts, i) - 1
            fs = ctx.sents[k] if k >= 0 and i < ctx.sents[k].sent.end else None
            if fm and fs is not None and not _RX3.search(text[fs.start:fm.start()]):
                open_paras.add(fs.sent.para)
            i = low.find(word, i + 1)
    home = ctx.home_state("transfer_sender")
    for si in ctx.sents:
        s = si.text
        if not ctx.gate(si, "detention") or is_question(s):
            continue
        hits = [(m.start(), m.end(), "hold") for m in hold.finditer(s)] + \
               [(m.start(), m.end(), "move") for m in move.finditer(s)]
        hits.sort()
        done = False
        for ts, te, fam in hits:
            if done:
                break
            a, b = si.start + ts, si.start + te
            mod = assess(s, ts, te, window=6)
            if mod not in (ASSERTED, BLOCKED):
                continue
            if fam == "move" and any(h[2] == "hold" and ts < h[0] < ts + 110
                                     and assess(s, h[0], h[1], window=6) not in (ASSERTED, BLOCKED) for h in hits):
                continue  # "sent to X and is believed to be held at Y": the holding is hedged
            window_end = min(si.sent.end, b + 110)
            facility, country, place = None, None, None
            after = text[b:window_end]
            cands = []  # (position, kind, payload)
            for m in si.mentions:
                if b <= m.start < window_end and m.code:
                    if m.kind == "facility":
                        cands.append((m.start, "facility", m))
                    elif m.kind in ("name", "capital", "city", "state"):
                        if _RX4.match(text[m.end:m.end + 2]) or _RX5.search(text[b:m.start]):
                            continue  # "at Washington's request"; a later clause's place
                        pre = text[max(si.start, m.start - 40):m.start]
                        follows = text[m.end:m.end + 25]
                        if _RX6.search(pre) and \
                                not _RX8.search(pre) and not place_nouns.match(follows.strip()) and \
                                not _RX9.match(follows):
                            cands.append((m.start, "loc", m))
            nm = _NAMED_PLACE.search(text, b, window_end)
            if nm and nm.start() - b < 60 and not any(
                    k == "facility" and nm.start() <= pos < nm.end() for pos, k, _o in cands):
                # a named place that contains a known facility ("El Salvador's Terrorism Confinement Center")
                # is that facility
                cands.append((nm.start(), "named", nm))
            pn = place_nouns.search(after)
            if pn and pn.start() < 55 and _RX1.search(after[:pn.start()] + " "):
                cands.append((b + pn.start(), "noun", pn))
            here = _RX0.search(after[:60])
            loc_country = None
            if here and ctx.dateline_country:
                country, facility = ctx.dateline_country, ctx.dateline_facility
                place = here
            elif _RX2.search(text[max(si.start, a - 40):a]):
                # "<place>, where the men are being held"
                before = [m for m in si.mentions if m.start < a and m.code and m.kind in ("facility", "name", "capital", "city")]
                facs = [m for m in before if m.kind == "facility"]
                if facs:
                    f = gaz.facility(facs[-1].ref)
                    facility = (f.parent or f.name) if f else facs[-1].ref
                    country = facs[-1].code
                    place = facs[-1]
                elif before:
                    country = before[-1].code
                    place = before[-1]
                for m in before:
                    if m.kind in ("name", "capital", "city") and m.start > (place.start if hasattr(place, "start") and not callable(place.start) else 0):
                        country = m.code
            else:
                cands.sort(key=lambda c: c[0])
                for pos, kind, obj in cands:
                    if kind == "facility":
                        f = gaz.facility(obj.ref)
                        facility = (f.parent or f.name) if f else obj.ref
                        country = obj.code
                    elif kind == "named":
                        facility = _RX7.sub("", obj.group(1))
                    elif kind == "loc":
                        loc_country = obj.code
                    place = obj
                    if kind != "noun":
                        break
                if facility and not country:
                    for pos, kind, obj in cands:
                        if kind == "loc" and pos > (place.start() if callable(getattr(place, "start", None)) else place.start):
                            loc_country = obj.code
                            break
            if place is None and loc_country is None:
                continue
            if _THERE.search(s[ts:te + 8]) and place is None:
                continue
            country = country or loc_country
            if country is None and ctx.anaphoric_place(si, b, window_end) and ctx.dateline_country:
                country = ctx.dateline_country
                facility = facility or ctx.dateline_facility
            linked = None
            if transfers:
                prior = [t for t in transfers if t.sent_index <= si.sent.index]
                if prior:
                    cand = prior[-1]
                    if si.sent.index - cand.sent_index <= 3:
                        linked = cand
            anaphoric = bool(_ANAPHORIC_SUBJ.match(s)) or fam == "move"
            if country is None and linked is not None and anaphoric:
                country = linked.fields["receiver"]
            if country is None:
                country = ctx.dateline_country if ctx.dateline_country and ctx.dateline_country != "US" else None
            if country is None:
                continue
            from .modality import clause_bounds
            cl, cr = clause_bounds(s, ts, te)
            qty = people_count(ctx, si, si.start + cl, si.start + cr, near=a)
            nats = nationalities(ctx, si, si.start + cl, si.start + cr)
            dm = ctx.date_near(si, a, allow_reporting=False, kinds=("point", "since", "asof"))
            if dm is not None and not (si.start + cl <= dm.start < si.start + cr):
                dm = None
            date = ctx.resolve_date(si, dm) if dm is not None else None
            if dm is not None and dm.kind == "point" and (dm.start > b + 60 or a - dm.end > 60):
                date = None
            if fam == "move" and si.sent.para in open_paras and not facility:
                continue  # "driven to a tent complex … People may leave whenever they want": a shelter
            if home and nats == [home] and country != home:
                continue  # the home state's own citizens jailed abroad are prisoners, not migrants held
            d = Draft("detention", {
                "country": country, "facility": facility,
                "count": qty.value if qty else None, "count_kind": qty.kind if qty else "unknown",
                "nationalities": nats, "date": date, "funded_by": None,
            }, [ctx.span(si)], f"holding verb '{text[a:b]}' + place", 0.7 if facility else 0.6,
                si.sent.index, a)
            if linked is not None and anaphoric and not nats and linked.fields["receiver"] != country:
                d.fields["nationalities"] = list(linked.fields["nationalities"])
            if linked is not None and linked.fields["receiver"] == country and (anaphoric or fam == "move"):
                d.links["transfer"] = linked
                if qty is None and linked.fields["count_kind"] != "unknown":
                    d.fields["count"] = linked.fields["count"]
                    d.fields["count_kind"] = linked.fields["count_kind"]
                    d.flags.add("inherited_count")
                if not nats:
                    d.fields["nationalities"] = list(linked.fields["nationalities"])
                    d.flags.add("inherited_nats")
                if date is None and (_AFTER_ARRIVAL.search(s) or linked.sent_index == si.sent.index):
                    d.fields["date"] = linked.fields["date"] if linked.sent_index != si.sent.index or dm else None
                    if _AFTER_ARRIVAL.search(s):
                        d.links["date_from_transfer"] = True
                if facility and not linked.fields.get("facility") and gaz.facility(facility) is None or \
                        (facility and not linked.fields.get("facility")):
                    linked.fields["facility"] = facility
            out.append(d)
            done = True
    return out


def funding(ctx: DocContext, detentions: list[Draft]) -> None:
    """'The United States is paying for the operation' → funded_by on foreign detentions."""
    pay = phrase_regex(tuple(triggers("detention", "pay")))
    text = ctx.doc.text
    for si in ctx.sents:
        if not ctx.gate(si, "funding"):
            continue
        m = pay.search(si.text)
        if not m:
            continue
        a = si.start + m.start()
        if assess(si.text, m.start(), m.end(), window=5) != ASSERTED:
            continue
        payers = [x for x in si.mentions if x.start < a and x.code and x.kind in ("name", "agency", "capital")]
        if not payers:
            continue
        payer = payers[-1].code
        obj = text[si.start + m.end(): si.start + m.end() + 40].lower()
        for d in detentions:
            if d.fields["country"] == payer:
                continue
            fac = (d.fields.get("facility") or "").lower()
            if "hotel" in obj and "hotel" not in fac:
                continue
            if d.fields["funded_by"] is None:
                d.fields["funded_by"] = payer
                d.evidence.append(ctx.span(si))
