"""Assemble ``arrangement`` facts: agreements between states about migrants.

A sentence must name an agreement (noun: deal, pact, agreement, understanding …) or an
agreeing act ("agreed to accept/hold/act as", "struck deals with", "signed"). Parties
are the non-US states acting in it (subjects, "with X", "like A, B and C", leader and
capital metonyms) each paired with the United States. ``kind`` and ``status`` come
from cue lists in ``triggers.yaml``; an unknown kind is settled when the facts are
merged (same parties) or inherited from the previous arrangement ("a similar pact").
"""

from __future__ import annotations

import re

from .common import Draft
from .context import DocContext
from .lexicon import default, phrase_regex, triggers
from .modality import ASSERTED, DENIED, HYPOTHETICAL, NEGATED, assess, is_question
from .quantities import find_money

KIND_ORDER = ("safe_third_country", "transit", "detention", "enforcement_cooperation", "other",
              "third_country_reception")
STATUS_ORDER = ("ended", "rejected", "suspended", "in_force", "agreed", "negotiating", "proposed")

_AGREE_VERB = re.compile(
    r"\b(?:agreed|agrees)\b|\bstruck\s+(?:a\s+)?deals?\b|\bsigned\b|\breached\s+an?\s+(?:understanding|agreement|deal)\b|"
    r"\bconfirmed\s+an?\s+(?:arrangement|agreement|deal)\b|\bannounced\s+the\s+(?:agreement|deal)\b|"
    r"\b(?:talks|negotiations)\s+with\b|\brefused\s+to\s+sign\b|\bbeing\s+paid\s+to\s+(?:house|hold|detain|jail)\b|"
    r"\boffered\s+to\s+(?:house|hold|take|accept|receive)\b|\bterminated\b|\bscrapped\b", re.I)
_SIMILAR = re.compile(r"\b(?:similar|comparable|such\s+an?|such|that|the\s+same)\s+(?:agreement|pact|deal|arrangement)s?\b",
                      re.I)
_THAT_ARR = re.compile(r"\b(?:that|this|the)\s+(?:arrangement|agreement|deal|pact|understanding)\b", re.I)
_WITH_LIST = re.compile(r"\b(?:arrangements|agreements|deals|pacts)\s+with\b", re.I)
_IT_SUBJ = re.compile(r"(?:^|[,;]\s+)it\s+(?:signed|agreed|has\s+signed|had\s+signed)\b")
_NON_PARTY = re.compile(r"(?:nationals|citizens|natives|people|migrants|members)\s+(?:of|from)\s+(?:[\w\s,]+\s+)?$|"
                        r"\bborders?\s+with\s+(?:[\w\s,]+)?$|\bto\s+cities\s+including\s+$|\bcrossed\s+$|"
                        r"\bfleeing\s+[\w\s]*\bin\s+$|\bend\s+up\s+in\s+$|\bfrom\s+(?:[\w\s]+?(?:,\s*|\s+and\s+))?$", re.I)


def _cue(kind_path: tuple[str, ...]) -> re.Pattern[str]:
    return phrase_regex(tuple(triggers(*kind_path)))


def kind_of(sentence: str) -> str | None:
    for k in KIND_ORDER:
        if _cue(("arrangement", "kinds", k)).search(sentence):
            return k
    return None


def status_of(sentence: str, anchor: int | None = None) -> tuple[str, int] | None:
    """(status, offset of its cue) for the strongest status cue in the sentence."""
    cues = [
        ("ended", _cue(("arrangement", "ended"))),
        ("rejected", re.compile(r"\brefused\s+to\s+sign\b|\brejected\s+(?:the|a|such)\b|\bdeclined\s+to\s+sign\b", re.I)),
        ("in_force", _cue(("arrangement", "in_force"))),
        ("in_force", re.compile(r"\bbeing\s+paid\s+to\s+(?:house|hold|detain|jail)\b", re.I)),
        ("negotiating", _cue(("arrangement", "negotiating"))),
        ("proposed", _cue(("arrangement", "proposed"))),
        ("agreed", _cue(("arrangement", "agreed"))),
    ]
    found = []
    for status, rx in cues:
        for m in rx.finditer(sentence):
            if status == "ended" and re.search(r"\bsuspended\s+landing\b", sentence, re.I):
                continue
            if status in ("ended", "rejected"):
                return status, m.start()
            if status == "in_force" and re.match(r"(?:first|under|carried|sent|received|deported)\b", m.group(0), re.I):
                return status, m.start()
            found.append((status, m.start()))
    if not found:
        return None
    if anchor is None:
        return found[0]
    return min(found, key=lambda f: abs(f[1] - anchor))


def assemble(ctx: DocContext, transfers: list[Draft]) -> list[Draft]:
    nouns = _cue(("arrangement", "nouns"))
    text = ctx.doc.text
    out: list[Draft] = []
    last_kind: str | None = None
    prev_kind: tuple[int, str] | None = None  # kind named by the previous sentence, even without parties
    # a one-state arrangement's counterpart is the configured default (data/defaults.yaml)
    counterpart = default("arrangement_counterpart")
    for si in ctx.sents:
        s = si.text
        if not ctx.gate(si, "arrangement") or is_question(s):
            continue
        noun = nouns.search(s)
        own_kind = kind_of(s) if noun else None
        inherited = prev_kind[1] if prev_kind and prev_kind[0] == si.sent.index - 1 else None
        if own_kind:
            prev_kind = (si.sent.index, own_kind)
        verb = _AGREE_VERB.search(s)
        if not noun and not verb:
            continue
        first_party = next((m.start - si.start for m in si.mentions if m.code and m.code != counterpart
                            and m.kind in ("name", "capital", "leader")), None)
        st = status_of(s, (noun.start() if noun else first_party))
        if st is None:
            if noun and _WITH_LIST.search(s):
                st = ("agreed", _WITH_LIST.search(s).start())
            else:
                continue
        status, cue_pos = st
        trig = verb or noun
        mod = assess(s, trig.start(), trig.end(), window=4)
        if mod == ASSERTED and noun and trig is noun and 0 < cue_pos - noun.end() <= 40:
            # the status verb after the noun carries the modality: "such an agreement could not be concluded"
            mod = assess(s, cue_pos, cue_pos + 1, window=4)
        if status != "rejected" and mod in (NEGATED, DENIED, HYPOTHETICAL):
            # the clause after a "but/while" may still assert it; else skip
            continue
        if status == "ended" and not (verb or noun):
            continue
        # parties
        parties: list[str] = []
        for m in si.mentions:
            if not m.code or m.code == counterpart:
                continue
            if m.kind not in ("name", "capital", "leader", "agency") and not ctx.is_actor(m):
                if not (m.kind == "demonym" and re.match(r"\s+(?:agreement|pact|deal|government)", text[m.end:m.end + 12])):
                    continue
            pre = text[max(si.start, m.start - 60):m.start]
            if _NON_PARTY.search(pre):
                continue
            if m.code not in parties:
                parties.append(m.code)
        if _IT_SUBJ.search(s) and si.sent.index > 0:
            prev = ctx.sents[si.sent.index - 1] if si.sent.index - 1 < len(ctx.sents) else None
            if prev is not None:
                cands = [m.code for m in prev.mentions if m.code and m.code != counterpart and m.kind == "name"]
                if cands and cands[0] not in parties:
                    parties.insert(0, cands[0])
        ref = ctx.country_ref(si, si.start, si.sent.end)
        if not parties and ref:
            parties = [ref]
        anaphoric = not parties and bool(_THAT_ARR.search(s))
        if not parties and not anaphoric:
            continue
        kind = kind_of(s)
        if kind is None and _SIMILAR.search(s):
            kind = last_kind
        if kind is None and inherited and noun:
            kind = inherited
        dm = ctx.date_near(si, si.start + cue_pos)
        date = ctx.resolve_date(si, dm) if dm is not None and dm.kind in ("point", "since", "asof", "the_month") else None
        if dm is not None and dm.kind == "since" and status != "in_force":
            date = None
        pay = None
        for mo in find_money(s):
            if mo.usd:
                pay = mo.usd
        linked = [t for t in transfers if t.sent_index == si.sent.index]
        if anaphoric:
            if out and status in ("in_force", "ended", "suspended"):
                last = out[-1]
                last.fields["status"] = _stronger(last.fields["status"], status)
                if status == "in_force":
                    last.links["in_force_date"] = date
                    if linked:
                        last.links["transfer"] = linked[0]
                last.evidence.append(ctx.span(si))
            continue
        # "Rwanda struck a deal with the United Kingdom": a deal between two named states, neither the default
        with_state = next((m.code for m in si.mentions if m.code and m.code in parties and m.code != parties[0]
                           and re.search(r"\b(?:deal|agreement|accord|pact|arrangement|treaty|memorandum)\s+with\s+(?:the\s+)?$",
                                     text[max(si.start, m.start - 30):m.start])), None)
        party_sets = ([sorted({parties[0], with_state})] if with_state else
                      [sorted({p, counterpart} - {None}) for p in parties])
        for ps in party_sets:
            p = ps[0] if ps[0] != counterpart else ps[-1]
            d = Draft("arrangement", {
                "parties": ps, "kind": kind, "status": status,
                "date": date, "payment_usd": pay,
            }, [ctx.span(si)], f"agreement cue ({status}) + parties", 0.7 if kind else 0.55,
                si.sent.index, si.start + cue_pos)
            if status == "in_force":
                d.links["in_force_date"] = date
                tl = [t for t in linked if t.fields["receiver"] == p]
                if tl:
                    d.links["transfer"] = tl[0]
            if kind is None and re.search(r"\b(?:accept\w*|receiv\w*|t(?:ake|aken|ook)\s+in)\b", s, re.I):
                d.links["default_kind"] = "third_country_reception"
            out.append(d)
        if kind:
            last_kind = kind
    # transfers carried out "under" an agreement make it in force
    return out


def _stronger(a: str, b: str) -> str:
    return a if STATUS_ORDER.index(a) <= STATUS_ORDER.index(b) else b
