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

from .common import Draft, origin_mentions
from .context import DocContext
from .lexicon import default, phrase_regex, triggers
from .modality import ASSERTED, DENIED, HYPOTHETICAL, NEGATED, assess, is_question
from .quantities import find_money

# patterns used inline below, compiled once
_RX0 = re.compile(r"\b(?:this|that|the)\s+[\w-]+\s+(?:agreement|deal|pact|arrangement)\b", re.I)
_RX1 = re.compile(r",\s+(?:officials|the\s+\w+|he|she|they|it|according|as|while|after|before|when|"
                            r"[A-Z]\w+\s+said)\b")
_RX2 = re.compile(r"\bsuspended\s+landing\b", re.I)
_RX3 = re.compile(r"\b(?:can|could|may|might|would|allows?|cannot|not\s+supposed)\b", re.I)
_RX4 = re.compile(r"(?:first|under|carried|sent|received|deported)\b", re.I)
_RX5 = re.compile(r"\b(?:accept\w*|receiv\w*|t(?:ake|aken|ook)\s+in)\b", re.I)
_RX6 = re.compile(r"\s+(?:agreement|pact|deal|government)")
_RX7 = re.compile(r"\b(?:deal|agreement|accord|pact|arrangement|treaty|memorandum)\s+with\s+(?:the\s+)?$")

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


# "has not said … for how long it has agreed to hold them": the content is presupposed, not reported
_NOT_SAID = re.compile(r"\b(?:not|never)\s+(?:yet\s+)?(?:said|say|disclosed?|specified|specify|revealed|reveal|explained)\b"
                       r"[^.;]{0,80}?\b(?:how|whether|when|what|why|which)\b[^.;]*$", re.I)
# a party saying there is no deal: "there had been no new agreement"
_NO_DEAL = re.compile(r"\b(?:no|not\s+an?|never\s+an?|not\s+any)\s+(?:new\s+|formal\s+|such\s+)?"
                      r"(?:agreement|deal|pact|accord|arrangement)\b|\bdenied\s+(?:that\s+)?(?:there\s+(?:was|had\s+been)\s+|"
                      r"it\s+had\s+(?:reached|signed)\s+)?(?:an?|any)\s+(?:agreement|deal|pact)\b", re.I)
# "Bukele has offered to take them." after "Trump would love to send … if the law allowed it"
_PRONOUN_COMPLEMENT = re.compile(r"\b(?:offered|agreed|willing|ready)\s+to\s+(?:take|accept|receive|hold|house|detain)\s+"
                                 r"(?:them|him|her|it)\b", re.I)
_HYPO_SENT = re.compile(r"\b(?:if|would|could|might|unless)\b", re.I)
# "its agreement", "the deal": a definite reference to a deal the text has already introduced
_DEFINITE = re.compile(r"\b(?:its|the|that|this|their)\s+(?:[\w-]+\s+)?$", re.I)
_QUOTE_OPEN = re.compile(r"^\s*[\"“‘']")


# what an arrangement is about: people on the move, their removal, holding or stopping, or the border
_MIGRATION_OBJ = re.compile(
    r"\b(?:migra\w*|immigra\w*|deport\w*|asylum|refugees?|returnees?|expel\w*|expuls\w*|remov\w*|repatriat\w*|"
    r"flights?|planes?|detain\w*|detention|prisons?|jails?|house|hold|holding|custody|borders?|frontiers?|third[- ]country|"
    r"safe\s+third|transit|stopover|bridge|nationals|citizens|people|persons|men|women|families|them|those|"
    r"Remain\s+in\s+Mexico|MPP|Migrant\s+Protection|troops|Guard|soldiers|police|patrols?|security|tariffs?|"
    r"accept\w*|receiv\w*|take\s+in|take\s+back|took\s+in|took\s+back|send\w*|sent|returns?|crossings?|"
    r"smuggl\w*|traffick\w*|visas?|protection|Venezuelans|Cubans|Haitians|Nicaraguans|Hondurans|Guatemalans|"
    r"Salvadorans|Mexicans|(?-i:[A-Z][a-z]+(?:ans|ians|ese|is)))\b", re.I)
_AGREE_TO = re.compile(r"\b(?:agreed|agrees|agree|offered|promised|pledged|committed)\s+(?:\w+\s+){0,2}?to\s+", re.I)


_VAGUE_COMPLEMENT = re.compile(r"(?:help|assist|cooperate|collaborate|work|participate|join|take\s+part|serve|act|be|"
                               r"play|do\s+so|go\s+along|comply|step\s+in|contribute)\b", re.I)


def _about_migration(ctx: DocContext, si, verb_m, noun_m) -> bool:
    """An arrangement needs a migration object: 'agreed to release political prisoners' is not one."""
    s = si.text
    i = si.sent.index
    near = " ".join(ctx.sents[j].text for j in (i - 2, i - 1) if j >= 0)
    if noun_m is None and verb_m is not None:
        at = _AGREE_TO.search(s, max(0, verb_m.start() - 2))
        if at is not None and at.start() <= verb_m.end():
            from .modality import clause_bounds
            _l, r = clause_bounds(s, at.start(), at.end())
            comp = s[at.end():r]
            comp = _RX1.split(comp)[0]
            if _MIGRATION_OBJ.search(comp):
                return True
            # "agreed to help at Washington's request": the previous sentences say with what
            return bool(_VAGUE_COMPLEMENT.match(comp)) and bool(_MIGRATION_OBJ.search(near))
    if _MIGRATION_OBJ.search(s) or _SIMILAR.search(s) or kind_of(s):
        return True
    if noun_m is not None and (_DEFINITE.search(s[:noun_m.start()]) or _RX0.search(s)):
        return True  # "this US-Panama deal": the deal the text has already introduced
    return bool(_MIGRATION_OBJ.search(near))


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
            if status == "ended" and _RX2.search(sentence):
                continue
            if status in ("ended", "rejected"):
                return status, m.start()
            if status == "in_force" and m.group(0).lower().startswith("under") and (
                    _RX3.search(sentence)):
                continue  # "Under the agreement, people can be sent to …": what the deal allows, not its use
            if status == "in_force" and _RX4.match(m.group(0)):
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
    # (… unless the text never names it: then the state it names most often as an actor)
    counterpart = default("arrangement_counterpart")
    stand_in = counterpart is not None and ctx.home_state("arrangement_counterpart") != counterpart
    if stand_in:
        counterpart = None  # every named state may be a party; the stand-in is chosen per sentence
    published_year = (ctx.doc.published or "")[:4]
    no_deal: set[str] = set()  # parties that say there is no agreement
    for si in ctx.sents:
        s = si.text
        if ctx.gate(si, "arrangement") and _NO_DEAL.search(s):
            no_deal.update(m.code for m in si.mentions if m.code and m.code != counterpart and ctx.is_actor(m))
        if not ctx.gate(si, "arrangement") or is_question(s):
            continue
        noun = nouns.search(s)
        sent_kind: list = []  # kind_of(s), computed at most once per sentence

        def _kind(s: str = s, memo: list = sent_kind) -> str | None:
            if not memo:
                memo.append(kind_of(s))
            return memo[0]
        own_kind = _kind() if noun else None
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
        if not _about_migration(ctx, si, verb, noun):
            continue  # "agreed to release a number of political prisoners": not a migration arrangement
        if _NOT_SAID.search(s[:trig.start()]):
            continue  # "has not said … for how long it has agreed to hold them"
        if not noun and _QUOTE_OPEN.match(s) and _kind() is None:
            continue  # a bare "X has agreed to be the wall" inside a quotation is a figure of speech
        if si.sent.index > 0 and len(s.split()) <= 12 and _PRONOUN_COMPLEMENT.search(s) and \
                _HYPO_SENT.search(ctx.sents[si.sent.index - 1].text):
            continue  # "… would send them if the law allowed it. X has offered to take them."
        # parties
        parties: list[str] = []
        origins = origin_mentions(ctx, si)
        for m in si.mentions:
            if not m.code or m.code == counterpart or m.start in origins:
                continue  # "deportees, from A, B and C": the people's origins are not parties
            if m.kind not in ("name", "capital", "leader", "agency") and not ctx.is_actor(m):
                if not (m.kind == "demonym" and _RX6.match(text[m.end:m.end + 12])):
                    continue
            pre = text[max(si.start, m.start - 60):m.start]
            if _NON_PARTY.search(pre):
                continue
            if m.code not in parties:
                parties.append(m.code)
        # the destination of a flight in the sentence is not a party when another state is named
        dests = {t.fields["receiver"] for t in transfers if t.sent_index == si.sent.index}
        if noun and dests and [p for p in parties if p not in dests]:
            parties = [p for p in parties if p not in dests or re.search(
                r"\b(?:with|between)\s+(?:the\s+)?(?:government\s+of\s+)?" + re.escape(ctx_name(ctx, p)), s)]
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
        kind = _kind()
        if kind is None and _SIMILAR.search(s):
            kind = last_kind
        if kind is None and inherited and noun:
            kind = inherited
        dm = ctx.date_near(si, si.start + cue_pos)
        date = ctx.resolve_date(si, dm) if dm is not None and dm.kind in ("point", "since", "asof", "the_month") else None
        if dm is not None and dm.kind == "since" and status != "in_force":
            date = None
        if not noun and kind == "enforcement_cooperation" and date and published_year and date[:4] < published_year:
            continue  # background: "since Mexico agreed last year to help stem migration"
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
                           and _RX7.search(text[max(si.start, m.start - 30):m.start])), None)
        if stand_in:
            if len(parties) >= 2:
                party_sets = [sorted(parties[:2])]
            else:
                other = ctx.home_state("arrangement_counterpart", exclude=parties)
                party_sets = [sorted({parties[0], other} - {None})]
            party_sets = [ps for ps in party_sets if len(ps) == 2]
        else:
            party_sets = ([sorted({parties[0], with_state})] if with_state else
                          [sorted({p, counterpart} - {None}) for p in parties])
        definite = bool(noun and _DEFINITE.search(s[:noun.start()]))
        for ps in party_sets:
            p = ps[0] if ps[0] != counterpart else ps[-1]
            earlier = next((e for e in out if e.fields["parties"] == ps), None) if definite else None
            if earlier is not None:
                # "its agreement" / "the deal" again: the deal already reported, not a new one
                earlier.evidence.append(ctx.span(si))
                if status in ("in_force", "ended", "suspended"):
                    earlier.fields["status"] = _stronger(earlier.fields["status"], status)
                for k, v in (("kind", kind), ("date", date), ("payment_usd", pay)):
                    if earlier.fields[k] is None and v is not None:
                        earlier.fields[k] = v
                continue
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
            if kind is None and _RX5.search(s):
                d.links["default_kind"] = "third_country_reception"
            if not noun:
                d.flags.add("verb_only")
            out.append(d)
        if kind:
            last_kind = kind
    if no_deal:
        out = [d for d in out if not ("verb_only" in d.flags and d.fields["status"] == "agreed"
                                      and set(d.fields["parties"]) & no_deal)]
    return out


def ctx_name(ctx: DocContext, code: str) -> str:
    from .gazetteer import gazetteer
    return gazetteer().names.get(code, code)


def _stronger(a: str, b: str) -> str:
    return a if STATUS_ORDER.index(a) <= STATUS_ORDER.index(b) else b
