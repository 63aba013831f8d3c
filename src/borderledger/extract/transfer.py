"""Assemble ``transfer`` facts: people sent by one state to another.

Three trigger families (``triggers.yaml``): *send* verbs take their receiver from a
following "to/into/bound for/back to …" phrase and their sender from the subject or
"from X"; *receive* verbs take the receiver from the subject ("Panama received …");
*arrive* verbs take it from "in/at X", or from "here"/the dateline. Caps ("up to 200"),
arrangement content ("agreed to accept", "to allow the transfer of"), court-order
content ("barring the government from sending") and non-asserted statements yield no
transfer. Plans need a count or a specific flight.
"""

from __future__ import annotations

import re

from .common import Draft, authority_in, has_cap_only, nationalities, origin_mentions, own_nationals, people_count
from .context import DocContext, SentenceInfo
from .lexicon import phrase_regex, triggers
from .modality import clause_bounds, ASSERTED, BLOCKED, PLANNED, assess, is_question

# patterns used inline below, compiled once
_RX1 = re.compile(r"[\s,]+")
_RX2 = re.compile(r"[^\s,;:.()]+")
_RX3 = re.compile(r"\s+([\w'’-]+)")
_RX4 = re.compile(r"\b(?:be|been|being|was|were|is|are)\s+(?:\w+ly\s+)?$")
_RX5 = re.compile(r"['’]s\b")
_RX6 = re.compile(r"\bto\b")
_RX7 = re.compile(r"\w+ing\b")
_RX8 = re.compile(r"\b(?:deported|removed|expelled|returned|flown|sent|repatriated|deportees|migrants|people|men)\s+from\s+(?:the\s+)?$")
_RX9 = re.compile(r"\b(?:flight|plane|charter)\s+to\b", re.I)
_RX10 = re.compile(r"\s+by\s+(?:the\s+)?")
_RX11 = re.compile(r"\b(?:included|including|among\s+the\s+passengers|among\s+them|nationals\s+of|"
                                           r"citizens\s+of|people\s+from|(?:come|came|are|were)\s+from)\b", re.I)
_RX12 = re.compile(r"(?:soldiers|troops|officers|agents|police|personnel|members)\b", re.I)
_RX13 = re.compile(r"\bfrom\s+(?:the\s+)?$")
_RX14 = re.compile(r"\bto\s+$")
_RX15 = re.compile(r"[^.;]{0,60}?\b(?:to|into)\b")
_RX16 = re.compile(r"\b(?:the|a|an|by|over|on|its|their|this|that|of)\s+$", re.I)
_RX17 = re.compile(r"\b(?:a|the|another)\s+(?:second|third|further|next)\s+(?:flight|plane|charter)\b", re.I)
_RX18 = re.compile(r"\bbound\s+for\b")
_RX19 = re.compile(r"[.;]")
_RX20 = re.compile(r"^\s*(?:the\s+)?(?:notorious\s+)?$", re.I)
_RX21 = re.compile(r"\b(?:to|in|at|of|for)\s+(?:the\s+)?$")
_RX22 = re.compile(r"\b(?:expected|scheduled|set|due|is|are|was|were|going|about|ready|prepared)\s+to\s+$", re.I)
_RX23 = re.compile(r"\s+by\b")
_RX24 = re.compile(r"\b(?:was|were|been|be|being|is|are)\s+$")
_RX25 = re.compile(r"\b(?:migrants|deportees|people|men|women|families|detainees|asylum)\b", re.I)
_RX26 = re.compile(r"\b(?:be|been|being|was|were|is|are)\b", re.I)
_RX27 = re.compile(r"\s+(?:back\s+)?(?:to|into)\b")
_RX28 = re.compile(r"\s+home\b")
_RX29 = re.compile(r"\bhome\b")
_RX30 = re.compile(r"[^.;]{0,30}?\bto\s+(?:the\s+base|here)\b")
_RX31 = re.compile(r"\b(?:been|were|was)\s+(?:\w+ly\s+)?$")
_RX32 = re.compile(r"\s+(?:back\s+)?from\s+(?:the\s+)?[A-Z]")
_RX33 = re.compile(r"\s+there\b")
_RX34 = re.compile(r"\b(?:since|between)\b", re.I)
_RX35 = re.compile(r"\b(?:flown|sent|put\s+on|departed|left)\b")
_RX36 = re.compile(r"(?:,\s*|\s+and\s+|,\s+and\s+|\s+or\s+)")
_RX37 = re.compile(r"^\s*(?:The|One\s+of\s+them|Most\s+of|Eight|\w+)\s+[A-Z]\w+(?:\s+(?:man|woman|citizens|nationals))?\b")
_RX38 = re.compile(r"\b(?:was|were|had\s+(?:since\s+)?been)\s+(?:flown|taken|sent)\b")
_RX39 = re.compile(r"\bfrom\s+(?:the\s+)?(?:\w+\s+)?border\b", re.I)
_RX40 = re.compile(r",\s*")
_RX41 = re.compile(r"\b(?:it|she|he)\s+(?:has\s+|had\s+)?$")
_RX42 = re.compile(r"\s+\d")
_RX43 = re.compile(r"\band\s+$")
_RX44 = re.compile(r"\s*(?:to\s+)?$")
_RX45 = re.compile(r"\s+(?:at|in)\s+(?:the\s+)?[A-Z]")
_RX46 = re.compile(r"\bdelivered\b")
_RX47 = re.compile(r"\s*(?:,|and|,\s*and)\s*")

_TO = re.compile(r"\b(?:to|into|bound\s+for|on\s+to|back\s+to|for)\b", re.I)
_FROM = re.compile(r"\bfrom\s+$", re.I)
_HOME = re.compile(r"\b(?:home|back\s+home|to\s+their\s+(?:home\s+)?country)\b", re.I)
_ORIGINS = re.compile(r"\b(?:their|his|her)\s+(?:own\s+)?(?:countries|country|places?)\s+of\s+origin\b|"
                      r"\bcountries\s+where\b|\btheir\s+(?:own\s+)?countries\b|\bhome\s+countries\b", re.I)
_ARRANGEMENT_CONTENT = re.compile(
    r"(?:agreed|agree|agrees|agreement|deal|deals|pact|arrangement|understanding|offered|willing|ready|"
    r"promised|allow|allowing|let|consent\w*|permission|would|to\s+accept|cooperation\s+in|"
    r"negotiat\w*|talks|discussions|discussing)"
    r"(?:\s+[\w'’-]+){0,6}\s+(?:to\s+)?$", re.I)
_GERUND_PREP = re.compile(r"\b(?:over|about|on|of|for|regarding|concerning|against|toward|towards|without|into|"
                          r"from|than|like)\s+(?:the\s+)?$", re.I)
_UNDER_WHICH = re.compile(r"\bunder\s+which\b[^.;]*$", re.I)
_LEGAL_BAR = re.compile(r"\b(?:barr?(?:ing|ed|s)?|block(?:ing|ed|s)?|prevent(?:ing|ed|s)?|prohibit\w*|enjoin\w*|"
                        r"stop(?:ping)?|halt(?:ing)?)\b[^.;]{0,80}\bfrom\s*$", re.I)
_ANAPHORIC_VEHICLE = re.compile(r"\b(?:their|the|that|this)\s+(?:first\s+)?(?:[\w-]+\s+)?(?:plane|aircraft|flight|jet|C-17)\b|"
                                r"^\s*(?:They|The\s+men|The\s+group)\b", re.I)
_SPECIFIC_FLIGHT = re.compile(r"\b(?:a|the|another|one)\s+(?:second|third|fourth|next|further|new)?\s*"
                              r"(?:flight|plane|charter|aircraft)\b", re.I)
_ONWARD = re.compile(r"\b(?:home|on\s+to|onward|routed\s+through)\b", re.I)
_VIA = re.compile(r"\b(?:routed\s+through|via|by\s+way\s+of|stopover\s+in|stopping\s+in|refuel\w*\s+in)\s+$", re.I)
_HERE = re.compile(r"\b(?:here|the\s+base|the\s+kingdom|the\s+island)\b", re.I)
_LOCATIVE = re.compile(r"\b(?:in|at|to|into)\s+(?:the\s+)?$", re.I)


_AGENT = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
# "from the northern border … to the southern border with Panama" is a trip inside one state
_BORDER_WITH = re.compile(r"\b(?:borders?|frontier|boundary)\s+(?:with|of)\s+(?:the\s+)?$", re.I)
_PEOPLE_OBJ_VERBS = frozenset({"carrying", "carried", "carry", "took", "take", "takes", "taking", "bringing", "brought"})
_SUBCLAUSE = re.compile(r",\s+(?:as\s+part\s+of|in\s+(?:an?\s+)?exchange|in\s+which|in\s+return|while|whereas|after\s+which|"
                        r"according\s+to|a\s+point|which\s+(?:is|was|has|had))\b|\s[—–]\s|;", re.I)
_PRONOUN_OBJ = re.compile(r"\s+(?:them|him|her|the\s+men|the\s+group|those)\b", re.I)
_ONWARD_LEG = re.compile(
    r"(?:,\s*where\b|,\s*from\s+where\b|\band\s+(?:then\s+|later\s+)?|\bbefore\b|\bthen\b)[^.;]{0,90}?"
    r"\b(?:flew|flown|carried|took|left|departed|continued|sent|put)\b(?:\s+(?:them|the\s+group|the\s+men))?"
    r"[^.;]{0,40}?\b(?:on\s+to|onward\s+to|to|for)\s+(?:the\s+)?$", re.I)
_SINGLE_PERSON = re.compile(
    r"(?:\b(?:man|woman|boy|girl|father|mother|son|daughter|husband|wife)|\b[A-Z][a-z]+\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    r"(?:,\s+(?:a|an)\s+[^,]{1,60}?,)?,?\s+(?:who\s+)?(?:was|had\s+been|has\s+been)\s+(?:\w+ly\s+)?$")
_HANDOFF = re.compile(r"[^.;]{0,60}?,?\s*(?:where|there)\s+[^.;]{0,30}?\b(?:handed\s+(?:over\s+)?to|boarded|"
                      r"put\s+(?:on|aboard|onto)|transferred\s+to|placed\s+on|picked\s+up\s+by|collected\s+by|"
                      r"turned\s+over\s+to)\s+(?:the\s+|an?\s+)?$", re.I)
_REACHED_OK = re.compile(r"\s+(?:the\s+(?:country|capital|island|kingdom|base)\b|(?:the\s+)?[A-Z])")

# people travelling by their own choice or means are not sent by a state
_VOLUNTARY = re.compile(r"\bvoluntar(?:y|ily)\b|\bon\s+(?:their|his|her)\s+own\b(?!\s+(?:citizens|nationals|soil|territory))|"
                        r"\bby\s+(?:their|his|her)\s+own\s+means\b|\bself-deport\w*|\bpay\s+for\s+themselves\b|"
                        r"\bat\s+(?:their|his|her)\s+own\s+expense\b|"
                        r"\bof\s+(?:their|his|her)\s+own\s+(?:accord|volition|free\s+will)\b", re.I)
# what a send verb moves when it is not people: "sent envoys to", "sent National Guard troops to"
_NON_PEOPLE_OBJ = re.compile(
    r"\s+(?:[\w,'’-]+\s+){0,3}?(?:envoys?|delegations?|diplomats?|ambassadors?|emissar(?:y|ies)|troops|soldiers|"
    r"guard(?:s|smen)?|police|officers|agents|personnel|officials|ministers?|aid|letters?|money|funds|messages?|"
    r"teams?|reinforcements|warships?|ships?|vessels?|equipment|supplies|invitations?|requests?|notes?|signals?|"
    r"observers|monitors|inspectors|negotiators|representatives|marines|forces|units|servicemembers|"
    r"(?:service|guard|military|army|security|task\s+force)\s+members|military|army|navy|contingents?|battalions?|"
    r"brigades?|detachments?)\b", re.I)
# troops and officers moved by their own state are not deportees: "Thousands of Guard members have also
# been sent to …", "Marines arrived in …", "some 500 police officers were flown to …"
_FORCE_NOUN = (r"(?:troops|soldiers|servicemembers|guard(?:s|smen)|marines|police(?:\s+officers)?|officers|agents|"
               r"personnel|forces|units|contingents?|battalions?|brigades?|reinforcements|"
               r"(?:service|guard|military|army|security|task\s+force)\s+members)")
_FORCE_STEMS = ("troop", "soldier", "servicemem", "guard", "marine", "police", "officer", "agent", "personnel",
                "force", "unit", "contingent", "battalion", "brigade", "reinforcement", "member")
_FORCE_SUBJ = re.compile(_FORCE_NOUN + r"(?:\s+(?:and|or)\s+[\w-]+(?:\s+[\w-]+)?)?,?\s+(?:(?:who|that|have|has|had|were|was|are|is|"
                         r"be|been|being|will|would|also|already|now|recently|since|then|later|first|all|"
                         r"reportedly|\w+ly)\s+){0,4}$", re.I)
# forces named as the object of a relative clause: "the 6,000 Guard members that Mexico began sending to …"
_FORCE_REL = re.compile(_FORCE_NOUN + r"\s+(?:that|whom|which)\s+(?:[\w'’-]+\s+){1,5}$", re.I)
# a sentence about forces that names no people moved: "large groups also sent to Chihuahua" beside "2,000 troops"
_FORCE_ANY = re.compile(r"\b" + _FORCE_NOUN + r"\b", re.I)
_PEOPLE_ANY = re.compile(r"\b(?:migrants?|deportees?|people|persons|men|women|children|families|detainees|asylum|"
                         r"refugees|returnees|nationals|citizens|him|her|them)\b|\b[A-Z][a-z]+(?:ans|ians|eans|ese|is)\b")
# not a removal but an attempt, or a court letting a policy go on: "the effort to deport him",
# "allowed the administration to keep sending asylum seekers back"
_NOT_A_MOVE = re.compile(r"\b(?:effort|attempt|bid|push|drive)s?\s+to\s+(?:\w+\s+)?$|"
                         r"\b(?:allow\w*|let|permitt\w*)\s+[^.;]{0,60}?\bto\s+(?:keep|continue)\s+$|"
                         r"\bagreed\s+to\s+[^.;]{1,80}?\band\s+$", re.I)
# people moving on their own: "migrants arriving at", "asylum seekers now arriving in", "migrants reached Italy by sea"
_FLOW_SUBJ = re.compile(r"\b(?:(?i:migrants|people|persons|asylum[- ]seekers|refugees|families|travell?ers|crossers)|"
                        r"[A-Z][a-z]+(?:ans|ians|eans|ese|is))\s+(?i:(?:now|still|already|also|who|that|have|had|"
                        r"were|are|continue\s+to|continued\s+to)\s+){0,2}$")
_REMOVAL_CUE = re.compile(r"\b(?:deport\w*|expel\w*|expuls\w*|remov\w*|repatriat\w*|returnees?|flights?|planes?|"
                          r"charters?|aircraft|jets?|bus(?:es)?|sent|flown|handed|escorted|C-17|airlift\w*)\b", re.I)
_SELF_TRAVEL = re.compile(r"\bby\s+(?:sea|boat|land|foot|road)\b|\bon\s+foot\b|\bin\s+(?:small\s+)?boats\b|"
                          r"\bcross(?:ed|ing)\b|\birregular(?:ly)?\b|\billegally\b|\boverland\b|\bon\s+their\s+way\b", re.I)
# a document that never speaks of migration (sports, business, weather copy) reports no removals
_MIGRATION_DOC = re.compile(r"\b(?:migra\w*|deport\w*|immigra\w*|emigra\w*|asylum|refugees?|expel\w*|expuls\w*|"
                            r"returnees?|repatriat\w*|undocumented|removals?|border\s+patrol|title\s+42|pushbacks?)\b", re.I)


_SPORTS_DOC = re.compile(r"\b(?:club|loan|midfielder|striker|defender|goalkeeper|league|coach|teammates|signings?|football|"
                         r"soccer|stadium|transfer\s+window|scorer|tournament|playoffs?|friendl(?:y|ies)|roster)\b", re.I)


# the vocabulary of sports copy near a statement: "was flown to Madrid and passed his medical",
# "spent last season on loan in Portugal before returning to Spain"
_SPORTS_WORD = re.compile(
    r"\b(?:loan(?:ed)?|on\s+loan|medical|season|pre-?season|club|clubs|signing|signings|striker|midfielder|defender|"
    r"goalkeeper|winger|transfer\s+fee|coach|head\s+coach|league|match|matches|football|soccer|stadium|"
    r"tournament|squad|teammates?|player|players|scored|scorer|playoffs?|friendl(?:y|ies)|roster|"
    r"fixture|debut|World\s+Cup|olympic\w*|championship|rugby|cricket|baseball|basketball|tennis|athletes?)\b", re.I)
_MIGRATION_SENT = re.compile(r"\b(?:migra\w*|deport\w*|immigra\w*|asylum|refugees?|expel\w*|expuls\w*|returnees?|"
                             r"repatriat\w*|undocumented|removals?|border|detain\w*|detention|custody|ICE)\b", re.I)


def _sports_context(ctx: DocContext, si: SentenceInfo) -> bool:
    """Sports vocabulary in the sentence (or twice around it) and no word of migration in the sentence:
    a player's move, not a removal — even in a document that speaks of migration elsewhere."""
    words = ctx.memo.setdefault("sports", {})

    def of(i: int) -> set:
        if i < 0 or i >= len(ctx.sents):
            return set()
        hit = words.get(i)
        if hit is None:
            x = ctx.sents[i]
            # the gate's one Aho-Corasick pass says which sentences hold a sports stem at all
            hit = words[i] = ({m.group(0).lower() for m in _SPORTS_WORD.finditer(x.text)}
                              if ctx.gate(x, "sports") else set())
        return hit
    i = si.sent.index
    here = of(i)
    if not here and len(of(i - 1) | of(i + 1)) < 2:
        return False
    return not _MIGRATION_SENT.search(si.text)


_MIGRATION_STEMS = ("migra", "deport", "asylum", "refugee", "expel", "expuls", "returnee", "repatriat",
                    "undocumented", "removal", "border patrol", "title 42", "pushback")


def migration_doc(ctx: DocContext) -> bool:
    """False for sports copy and the like: no word of migration at all, and the vocabulary of another beat."""
    hit = ctx.memo.get("migration_doc")
    if hit is None:
        text = ctx.doc.text
        low = text.lower()
        hit = any(w in low for w in _MIGRATION_STEMS) or \
            len({m.group(0).lower() for m in _SPORTS_DOC.finditer(text)}) < 2
        ctx.memo["migration_doc"] = hit
        ctx.memo["maybe_voluntary"] = any(w in low for w in ("volunt", " own ", "self-deport", "themselves"))
    return hit


def _self_movement(ctx: DocContext, si: SentenceInfo, a: int, b: int) -> bool:
    """'Migrants arriving at the station', 'More than 100,000 migrants reached Italy by sea': a flow, not a transfer."""
    text = ctx.doc.text
    pre = text[max(si.start, a - 45):a]
    if not _FLOW_SUBJ.search(pre):
        return False
    window = text[max(si.start, a - 60):min(si.sent.end, b + 60)]
    if _REMOVAL_CUE.search(window):
        return False
    counted = people_count(ctx, si, max(si.start, a - 60), a) is not None
    return not counted or bool(_SELF_TRAVEL.search(text[si.start:si.sent.end]))


_VEHICLE_SUBJ = re.compile(r"\b(?:plane|aircraft|flight|jet|C-17|charter|airliner|airplane|Boeing|Airbus|helicopter|"
                           r"ship|vessel|boat|bus)\b[^.;]{0,60}$", re.I)
_LANDING = frozenset({"landed", "landing", "land", "touched down"})
# people on board: "deportees", "migrants", "Venezuelans", "carrying", "aboard", "passengers", "they were"
_PEOPLE_CUE = re.compile(
    r"\b(?:deportees?|returnees?|migrants?|asylum[- ]seekers?|refugees?|detainees?|passengers|people|persons|"
    r"men|women|children|families|nationals|citizens|prisoners|inmates|individuals|foreigners|immigrants|"
    r"aboard|on\s+board|carrying|deport\w*|expel\w*|remov(?:ed|al)|repatriat\w*|"
    r"[A-Z][a-z]+(?:ans|ians|eans|ese|is))\b")


def _people_around(ctx: DocContext, si: SentenceInfo) -> tuple[bool, bool]:
    """(people in this sentence, people in the sentence before or after)."""
    here = bool(_PEOPLE_CUE.search(si.text))
    i = si.sent.index
    near = any(0 <= j < len(ctx.sents) and _PEOPLE_CUE.search(ctx.sents[j].text) for j in (i - 1, i + 1))
    return here, near


def _bare_landing(ctx: DocContext, si: SentenceInfo, a: int, b: int, trig: str) -> str | None:
    """An aircraft landing is a transfer only if people are said to be aboard.

    'A US government aircraft landed at X, shortly after midday.' with no people in the sentence or
    its neighbours → 'drop'; with people only in a neighbouring sentence → 'flag' (the landing is a
    leg of the movement those sentences report: folded as its stopover when they fly on elsewhere)."""
    text = ctx.doc.text
    if trig not in _LANDING and not _VEHICLE_SUBJ.search(text[max(si.start, a - 70):a]):
        return None
    here, near = _people_around(ctx, si)
    if here:
        return None
    return "flag" if near else "drop"


def _people_object(text: str, b: int) -> bool:
    """'carrying 135 migrants', 'took 177 Venezuelan migrants', 'carried them' — not 'carrying soldiers'."""
    from .quantities import _DEMONYM_PLURAL, _people_rx
    rest = text[b:b + 80]
    if _PRONOUN_OBJ.match(rest):
        return True
    pos = 0
    for _ in range(6):
        ws = _RX1.match(rest[pos:])
        if not ws:
            return False
        pos += ws.end()
        if _people_rx().match(rest, pos) or _DEMONYM_PLURAL.match(rest, pos):
            return not _RX12.match(rest[pos:])
        tok = _RX2.match(rest[pos:])
        if not tok:
            return False
        pos += tok.end()
    return False


# what a receive verb may take besides a counted people noun: flights, groups, "them", "back", a bare verb end
_RECEIVED_THINGS_OK = re.compile(
    r"\s*(?:[.,;]|$|(?:back|in|them|him|her|those|the\s+group|groups?|a\s+group|"
    r"(?:(?:more|fewer|less)\s+than|about|around|some|nearly|almost|over|roughly|at\s+least|another|a\s+further|"
    r"the\s+first|its\s+first|their\s+first)?\s*(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozens|hundreds|thousands|several|many|"
    r"a\s+(?:dozen|handful|few))|(?:the|a)\s+(?:largest|biggest|second|third)?\s*(?:largest|most|share|majority|bulk|"
    r"number|total)|(?:[\w,'’-]+\s+){0,7}?"
    r"(?:flights?|planes?|charters?|aircraft|buses|deportees|returnees|deportation|removal|expelled|deported|batch|"
    r"batches|arrivals|people|migrants|men|women|nationals|citizens|children|families|members)\b))", re.I)


# people counted as aboard an arriving vehicle, or a people subject coming on flights
_WITH_PEOPLE = re.compile(
    r"[^.;]{0,60}?\bwith\s+(?:(?:more|fewer)\s+than\s+|about\s+|some\s+|nearly\s+|another\s+)?[\d,]+\s+"
    r"(?:[\w-]+\s+){0,2}?(?:deportees|returnees|migrants|people|men|women|passengers|nationals|citizens|"
    r"(?-i:[A-Z][a-z]+(?:ans|ians|eans|ese|is)))\b|\s+(?:on|aboard)\s+(?:\w+\s+)?(?:flights?|planes?|charters?|buses)\b",
    re.I)


_TO_DET = frozenset("the a an third other another cities countries prisons prison their its his her various "
                    "neighboring neighbouring several different remote both land arrive".split())


def _rx(kind: str) -> re.Pattern[str]:
    return phrase_regex(tuple(triggers("transfer", kind)))


def _receivers_after(ctx: DocContext, si: SentenceInfo, pos: int) -> list:
    """Country mentions named as destination after ``pos`` ("to third countries like A, B and C")."""
    text = ctx.doc.text
    end = min(si.sent.end, pos + 170)
    m = _TO.search(text, pos, end)
    while m:
        seg_start = m.end()
        nxt = _RX3.match(text[seg_start:seg_start + 30])
        if nxt and not (nxt.group(1)[0].isupper() or nxt.group(1).lower() in _TO_DET):
            m = _TO.search(text, m.end(), end)
            continue
        ments = [x for x in si.mentions if seg_start <= x.start < end and x.code
                 and x.kind in ("name", "capital", "city", "facility", "demonym", "state")
                 and not _AGENT.search(text[max(si.start, x.start - 8):x.start])
                 and not (_BORDER_WITH.search(text[max(si.start, x.start - 20):x.start])
                          and _RX39.search(text[si.start:x.start]))
                 and not _RX5.match(text[x.end:x.end + 2])]
        if ments:
            first = ments[0]
            gap = text[seg_start:first.start]
            if _RX6.search(gap):
                m = _TO.search(text, m.end(), end)
                continue
            # the destination must come soon after "to" (allow "third countries like", "a prison in")
            if len(gap) <= 60 and not _RX19.search(gap) and (first.kind != "demonym"
                                                                   or _RX20.match(gap)):
                out = [first]
                cur = first
                for nxt in ments[1:]:
                    between = text[cur.end:nxt.start]
                    if _RX36.fullmatch(between) and nxt.kind != "demonym":
                        out.append(nxt)
                        cur = nxt
                    else:
                        break
                if _ORIGINS.search(gap):
                    return []
                return out
            if _ORIGINS.search(text[seg_start:seg_start + 60]):
                return []
        m = _TO.search(text, m.end(), end)
    return []


def _subject_country(ctx: DocContext, si: SentenceInfo, trig_start: int, clause_start: int):
    """The state that is the subject of the verb: nearest actor mention before it in the clause."""
    if _RX4.search(ctx.doc.text[max(si.start, trig_start - 20):trig_start]) \
            and not _RX7.match(ctx.doc.text[trig_start:trig_start + 16]):
        return None  # passive: the grammatical subject is the people moved ("has been taking back" is active)
    cands = [m for m in si.mentions if clause_start <= m.start < trig_start and m.code and ctx.is_actor(m)]
    text = ctx.doc.text
    place_ends = {x.end for x in si.mentions if x.kind in ("facility", "city", "capital", "name", "state")}
    cands = [m for m in cands if not any(e <= m.start <= e + 3 and _RX40.fullmatch(text[e:m.start] or " ")
                                         for e in place_ends)]
    cands = [m for m in cands if not _FROM.search(text[max(si.start, m.start - 8):m.start])
             and not _RX21.search(text[max(si.start, m.start - 8):m.start])]
    return cands[-1] if cands else None


def _sender_from(ctx: DocContext, si: SentenceInfo, lo: int, hi: int) -> str | None:
    text = ctx.doc.text
    origins = origin_mentions(ctx, si)
    for m in si.mentions:
        if m.start in origins and m.code != ctx.home_state("transfer_sender"):
            continue  # "deportees, from Vietnam, Jamaica and Laos": where the people come from
        if lo <= m.start < hi and m.code and m.kind in ("name", "capital", "city", "state") and _RX8.search(text[max(si.start, m.start - 30):m.start]):
            return m.code
    for m in si.mentions:
        if _RX5.match(text[m.end:m.end + 2]):
            continue
        if m.start in origins and m.code != ctx.home_state("transfer_sender"):
            continue
        if lo <= m.start < hi and m.code and m.kind in ("name", "capital", "city", "state", "agency"):
            if _FROM.search(text[max(si.start, m.start - 12):m.start]) or \
                    _RX13.search(text[max(si.start, m.start - 12):m.start]):
                if m.kind == "facility":
                    continue
                return m.code
    return None


_DEAL_DATE = re.compile(r"\b(?:deal|agreement|pact|arrangement|understanding)\s+(?:\w+\s+){0,5}?"
                        r"(?:reached|signed|struck|agreed|announced|made)\b[^.;]{0,30}$", re.I)
_FLIGHT_TO = re.compile(r"\b(?:a|the|another|one)\s+(?:second|third|further|next|new)?\s*(?:deportation\s+|removal\s+|charter\s+)?"
                        r"(?:flight|plane|charter)\s+to\s+$", re.I)
_COUNTED_NOUN = re.compile(r"\b(?:deportees|returnees|deported\s+migrants)\b", re.I)


def _noun_led(ctx: DocContext, si: SentenceInfo, state: dict) -> Draft | None:
    """'A second flight to Honduras is expected …' / 'Honduras came second, with 4,900 deportees'."""
    text = ctx.doc.text
    s = si.text
    if not (_COUNTED_NOUN.search(s) or _RX9.search(s)):
        return None
    for m in si.mentions:
        if not m.code or m.kind not in ("name", "capital", "city"):
            continue
        pre = text[max(si.start, m.start - 60):m.start]
        fl = _FLIGHT_TO.search(pre)
        qty = None
        rule = ""
        if fl:
            rule = "specific flight 'to X'"
            pos = max(si.start, m.start - 60) + fl.start()
        elif m.start - si.start < 3 and _COUNTED_NOUN.search(s):
            qty = people_count(ctx, si)
            if qty is None:
                continue
            rule = "country + counted deportees"
            pos = m.start
        else:
            continue
        mod = assess(s, pos - si.start, m.end - si.start)
        if mod not in (ASSERTED, PLANNED, BLOCKED):
            return None
        status = {PLANNED: "planned", BLOCKED: "blocked"}.get(mod, "occurred")
        sender = ctx.home_state("transfer_sender", exclude=(m.code,))  # data/defaults.yaml
        last = state.get("by_receiver", {}).get(m.code)
        if last is not None:
            sender = last.fields["sender"]
        dm = ctx.date_near(si, pos, allow_reporting=False, kinds=("point",))
        date = ctx.resolve_date(si, dm) if dm is not None else None
        return Draft("transfer", {
            "sender": sender, "receiver": m.code, "via": None,
            "count": qty.value if qty else None, "count_kind": qty.kind if qty else "unknown",
            "nationalities": nationalities(ctx, si), "date": date, "status": status,
            "facility": None, "authority": None,
        }, [ctx.span(si)], rule, 0.55, si.sent.index, pos)
    return None


def _fold_onward(ctx: DocContext, si: SentenceInfo, found: dict) -> None:
    """'… to Soto Cano air base in Honduras, where a Venezuelan plane picked them up and flew them to Caracas':
    one movement to the last destination, with the first as its stopover."""
    text = ctx.doc.text
    for r, d in list(found.items()):
        if d.fields["via"] or r not in found:
            continue
        first = next((m for m in si.mentions if m.code == r and m.start >= d.pos
                      and m.kind in ("name", "capital", "city", "facility")), None)
        if first is None:
            continue
        for nxt in si.mentions:
            if nxt.start <= first.end or not nxt.code or nxt.code in (r, d.fields["sender"]):
                continue
            if nxt.kind == "demonym":
                # "… to Soto Cano air base in Honduras, where they boarded the Venezuelan aircraft"
                leg = _HANDOFF.match(text, first.end, nxt.start)
            elif nxt.kind in ("name", "capital", "city"):
                leg = _ONWARD_LEG.search(text, first.end, nxt.start)
            else:
                continue
            if leg is None:
                continue
            other = found.pop(nxt.code, None)
            if other is not None:
                for k in ("date", "count"):
                    if d.fields[k] is None and other.fields[k] is not None:
                        d.fields[k] = other.fields[k]
                        if k == "count":
                            d.fields["count_kind"] = other.fields["count_kind"]
            d.fields["via"] = r
            d.fields["receiver"] = nxt.code
            d.fields["facility"] = None
            d.rule += " + onward leg (via)"
            del found[r]
            found[nxt.code] = d
            break


_KEYS = (("transfer", "send"), ("transfer", "receive"), ("transfer", "arrive"))


def _trigger_hits(ctx: DocContext) -> dict[int, list[tuple[int, int, str]]] | None:
    """Send/receive/arrive trigger phrases per sentence (sentence offsets), from one pass over the text."""
    import bisect

    from .gate import phrase_hits
    text = ctx.doc.text
    if len(text.lower()) != len(text):
        return None
    hits = phrase_hits(text, _KEYS)
    starts = [si.start for si in ctx.sents]
    out: dict[int, list[tuple[int, int, str]]] = {}
    for s, e, fam in hits:
        i = bisect.bisect_right(starts, s) - 1
        if i < 0:
            continue
        si = ctx.sents[i]
        if e <= si.sent.end:
            out.setdefault(i, []).append((s - si.start, e - si.start, fam))
    return out


def assemble(ctx: DocContext, state: dict) -> list[Draft]:
    out: list[Draft] = []
    send, recv, arrive = _rx("send"), _rx("receive"), _rx("arrive")
    text = ctx.doc.text
    by_sent = _trigger_hits(ctx)
    if not migration_doc(ctx):
        return out
    for si in ctx.sents:
        s = si.text
        if not ctx.gate(si, "transfer"):
            for dm in si.dates:
                if dm.value and len(dm.value) == 10:
                    state["last_day"] = dm.value
            continue
        if is_question(s):
            continue
        found: dict[str, Draft] = {}
        if by_sent is not None:
            trig_hits = by_sent.get(si.sent.index, [])
        else:
            trig_hits = []
            for fam, rx in (("send", send), ("receive", recv), ("arrive", arrive)):
                for m in rx.finditer(s):
                    trig_hits.append((m.start(), m.end(), fam))
            trig_hits.sort()
        for ts, te, fam in trig_hits:
            a, b = si.start + ts, si.start + te
            trig = text[a:b].lower()
            if fam == "receive" and trig.split()[0] in ("accept", "receive", "take") and \
                    _RX14.search(text[max(si.start, a - 4):a]) and \
                    not _RX22.search(text[max(si.start, a - 16):a]):
                continue  # "pressed Guatemala to accept", "refused to take back": what someone wants, not a movement
            if trig.split()[0].endswith("ing") and _GERUND_PREP.search(text[max(si.start, a - 14):a]):
                continue  # "negotiations over accepting deportees", "accused of deporting": a topic, not an event
            mod = assess(s, ts, te)
            if mod not in (ASSERTED, PLANNED, BLOCKED):
                continue
            pre = text[max(si.start, a - 80):a]
            if _ARRANGEMENT_CONTENT.search(pre) or _LEGAL_BAR.search(text[max(si.start, a - 100):a]):
                continue
            if _UNDER_WHICH.search(text[max(si.start, a - 120):a]) and mod == PLANNED:
                continue
            cl0, cr0 = clause_bounds(s, ts, te)
            if ctx.memo.get("maybe_voluntary", True) and _VOLUNTARY.search(s, cl0, cr0):
                continue  # "flew to Rwanda under a voluntary scheme", "recrossed on their own"
            if fam == "send" and not _RX23.match(text[b:b + 4]) and \
                    not _RX24.search(text[max(si.start, a - 8):a]) and \
                    _NON_PEOPLE_OBJ.match(text, b, min(si.sent.end, b + 60)) and \
                    _RX15.match(text[b:min(si.sent.end, b + 70)]):
                obj = text[b:min(si.sent.end, b + 60)]
                if not _RX25.search(obj.split(" to ")[0]):
                    continue  # "sent envoys to Mexico City", "sent National Guard troops to its border"
            if fam == "arrive" and _self_movement(ctx, si, a, b):
                continue
            pre70 = text[max(si.start, a - 70):a]
            if fam in ("send", "receive") and _NOT_A_MOVE.search(pre70):
                continue
            if fam in ("send", "arrive") and _FORCE_REL.search(pre70):
                continue  # "the Guard members that Mexico began sending to its southern border"
            if fam == "send" and _FORCE_ANY.search(s) and not _PEOPLE_ANY.search(s):
                continue  # troops moved about, nobody removed
            fs = _FORCE_SUBJ.search(pre70) if fam in ("send", "arrive") and any(
                w in pre70.lower() for w in _FORCE_STEMS) else None
            if fs and (fam == "arrive" or _RX26.search(fs.group(0))
                       or _RX27.match(text[b:b + 10])):
                # the forces are the ones moved (passive or no object), not the agents of a removal
                continue  # "Thousands of Guard members have also been sent to the border": forces, not deportees
            bare = _bare_landing(ctx, si, a, b, trig) if fam == "arrive" else None
            if bare == "drop":
                continue  # an aircraft landing with nobody said to be aboard
            if trig in ("land", "landing") and _RX16.search(text[max(si.start, a - 8):a]):
                continue  # "the land border", "by land": a noun, not an arrival
            if fam == "receive" and not _people_object(text, b) and not _RECEIVED_THINGS_OK.match(text, b, min(si.sent.end, b + 90)):
                continue  # "accepted all of Trump's terms", "received a letter": not people
            if trig in _PEOPLE_OBJ_VERBS and not _people_object(text, b):
                continue  # "carrying soldiers", "took office"
            if trig == "reached" and not _REACHED_OK.match(text, b):
                continue  # "reached an agreement"
            receivers, sender, rule = [], None, ""
            clause_start = si.start
            via = None
            agent = _RX10.match(text[b:b + 12])
            if agent:
                ag = [m for m in si.mentions if m.start == b + agent.end() and m.code and ctx.is_actor(m)]
                if ag:
                    sender = ag[0].code
            if fam == "send":
                rs = _receivers_after(ctx, si, a)
                receivers = [r.code for r in rs]
                home_m = (_HOME.match(text, b, min(si.sent.end, b + 20)) or _RX28.match(text[b:b + 8])
                          or _RX29.search(text[a:b]))
                if not receivers and _RX30.match(text[b:b + 50]) \
                        and ctx.dateline_country:
                    receivers = [ctx.dateline_country]
                if not receivers and _RX31.search(text[max(si.start, a - 16):a]) \
                        and _RX32.match(text[b:b + 20]):
                    # "5,000 Hondurans have been returned from the United States": home, when one nationality is named
                    nats = nationalities(ctx, si)
                    src = _sender_from(ctx, si, b, min(si.sent.end, b + 40))
                    if len(nats) == 1 and src and src != nats[0]:
                        receivers = nats
                        rule = "passive send verb 'from X' + one nationality → receiver = that nationality"
                if not receivers and _RX33.match(text[b:b + 8]) and si.sent.index > 0:
                    # "the more than 200 it sent there in mid-March": the place the text has just named
                    for j in (si.sent.index, si.sent.index - 1, si.sent.index - 2):
                        prev = [m for m in ctx.sents[j].mentions if m.code and m.kind in ("name", "capital", "city", "facility")
                                and m.code != ctx.home_state("transfer_sender") and m.start < a] if j >= 0 else []
                        if prev:
                            receivers = [prev[-1].code]
                            rule = "send verb + 'there' → the place named just before"
                            break
                if not receivers and home_m:
                    nats = nationalities(ctx, si)
                    if len(nats) == 1:
                        receivers = nats
                        rule = "send verb + 'home' → receiver = the people's nationality"
                subj = _subject_country(ctx, si, a, clause_start)
                if subj is not None and subj.code not in receivers:
                    sender = subj.code
                elif subj is not None and receivers == [subj.code] and \
                        _sender_from(ctx, si, si.start, si.sent.end) in (None, subj.code):
                    continue  # a state moving people within its own territory ("Mexico bused them to Tapachula")
                rule = rule or f"send verb '{text[a:b]}' + destination after 'to'"
            elif fam == "receive":
                subj = _subject_country(ctx, si, a, clause_start)
                if subj is None:
                    ref = ctx.country_ref(si, max(si.start, a - 60), a)
                    if ref:
                        receivers = [ref]
                    elif _RX41.search(text[max(si.start, a - 12):a]):
                        prev = [m for m in si.mentions if m.start < a and m.code and ctx.is_actor(m) and m.code != "US"]
                        if prev:
                            receivers = [prev[-1].code]
                else:
                    receivers = [subj.code]
                    # coordinated subjects: "South Sudan and Eswatini took in men flown from …"
                    firsts = [m for m in si.mentions if m.end <= subj.start and m.code and ctx.is_actor(m)
                              and _RX47.fullmatch(text[m.end:subj.start])]
                    if firsts:
                        receivers = [firsts[-1].code, subj.code]
                # gapped coordination: "Ecuador received 18 flights in March and Colombia 14"
                for m2 in si.mentions:
                    if m2.start > b and m2.kind == "name" and m2.code and _RX42.match(text[m2.end:m2.end + 4]) and _RX43.search(text[m2.start - 6:m2.start]):
                        receivers.append(m2.code)
                rule = f"receive verb '{text[a:b]}' with the receiving state as subject"
            else:  # arrive
                rs = [m for m in si.mentions if b <= m.start < min(si.sent.end, b + 70) and m.code
                      and m.kind in ("name", "capital", "city", "facility", "demonym")
                      and not _AGENT.search(text[max(si.start, m.start - 8):m.start])
                      and not _RX5.match(text[m.end:m.end + 2])
                      and not _RX13.search(text[max(si.start, m.start - 10):m.start])]
                if rs and (rs[0].kind != "demonym" or _RX44.match(text[b:rs[0].start])):
                    gap = text[b:rs[0].start]
                    if len(gap) < 45:
                        receivers = [rs[0].code]
                if not receivers:
                    ref = ctx.country_ref(si, b, min(si.sent.end, b + 25))
                    if ref:
                        receivers = [ref]
                if not receivers:
                    window = text[b:min(si.sent.end, b + 40)]
                    if _HERE.search(window) or (_RX46.search(text[a:b]) and ctx.dateline_country):
                        if ctx.dateline_country:
                            receivers = [ctx.dateline_country]
                    elif _RX45.match(window):
                        if ctx.focus:
                            receivers = [ctx.focus]
                        elif ctx.dateline_country:
                            receivers = [ctx.dateline_country]
                if not receivers and _WITH_PEOPLE.match(text, b, min(si.sent.end, b + 90)):
                    # "The first, a US C-17, arrived on February 5 with 104 Indians" (the dateline's state)
                    home = ctx.dateline_country if ctx.dateline_country not in (None, "US") else ctx.focus
                    if home:
                        receivers = [home]
                        rule = f"arrival verb '{text[a:b]}' + people aboard + dateline/focus state"
                rule = rule or f"arrival verb '{text[a:b]}' + place"
            receivers = [r for r in dict.fromkeys(receivers) if r]
            if not receivers and state.get("last") is not None and _RX17.search(s):
                receivers = [state["first"].fields["receiver"]]
                sender = state["first"].fields["sender"]
            if not receivers:
                continue
            if _sports_context(ctx, si):
                break  # a player flown to a club, a loan spell abroad: no state moves people here
            # a numbered cap with no real count is not a transfer
            if has_cap_only(ctx, si) and not people_count(ctx, si):
                continue
            if sender is None:
                sender = _sender_from(ctx, si, si.start, si.sent.end)
            onward = bool(_ONWARD.search(text[a:min(si.sent.end, b + 40)]))
            us_named = any(m.code == "US" for m in si.mentions)
            if sender is None and not us_named and state.get("last_receiver") and (
                    onward or _RX37.search(s)
                    and fam == "send" and _RX38.search(s)):
                if state["last_receiver"] not in receivers:
                    sender = state["last_receiver"]
            # data/defaults.yaml, unless the document never names that state
            sender = sender or ctx.home_state("transfer_sender", exclude=receivers)
            # via: "routed through Istanbul"
            for m in si.mentions:
                if m.code and m.kind in ("name", "capital", "city") and _VIA.search(text[max(si.start, m.start - 25):m.start]):
                    via = m.code
            cl, cr = cl0, cr0
            sub = _SUBCLAUSE.search(s, te, cr)
            if sub:
                cr = sub.start()
            if _PRONOUN_OBJ.match(text, b, min(si.sent.end, b + 20)):
                qty = people_count(ctx, si, si.start + cl, a) or people_count(ctx, si, si.start + cl, si.start + cr, near=a)
            else:
                qty = people_count(ctx, si, si.start + cl, si.start + cr, near=a)
            sp = _SINGLE_PERSON.search(text, max(si.start, a - 120), a) if qty is None else None
            if sp and not any(sp.start() <= m.start < sp.end() and m.kind in ("name", "capital", "city", "agency", "state")
                              for m in si.mentions):
                from .quantities import Quantity
                qty = Quantity(a, a, 1, "exact", "")  # "Kilmar Abrego Garcia, who was deported to …"
            status = {PLANNED: "planned", BLOCKED: "blocked"}.get(mod, "occurred")
            if status == "planned" and qty is None and not _SPECIFIC_FLIGHT.search(s):
                continue
            nats = nationalities(ctx, si, si.start + cl, si.start + cr)
            if own_nationals(s):
                nats = list(dict.fromkeys(nats + receivers[:1]))
            dm = ctx.date_near(si, a, allow_reporting=False)
            if dm is not None and _DEAL_DATE.search(text[max(si.start, dm.start - 60):dm.start]):
                dm = None  # "under a deal reached with Washington in April" dates the deal, not the flight
            date = None
            if dm is not None and dm.kind in ("point", "the_month", "next_day"):
                date = ctx.resolve_date(si, dm, state.get("last_day"))
            if any(d.kind == "period" for d in si.dates) or _RX34.search(s[:ts] + s[te:]) and (
                    dm is None or dm.kind != "point"):
                if dm is None or dm.kind in ("since", "period"):
                    date = None
            if dm is not None and dm.kind == "since":
                date = None
            facility = None
            for m in si.mentions:
                if m.kind == "facility" and m.start > a:
                    facility = m.ref
                    break
            if facility is None and receivers and ctx.dateline_facility and \
                    _HERE.search(s) and ctx.dateline_country == receivers[0]:
                facility = ctx.dateline_facility
            auth = authority_in(ctx, si)
            anaphoric = fam == "arrive" and bool(_ANAPHORIC_VEHICLE.search(text[max(si.start, a - 40):a]))
            for r in receivers:
                if r == sender:
                    continue
                fac = facility
                if fac is not None:
                    from .gazetteer import gazetteer
                    f = gazetteer().facility(fac)
                    if f is not None and f.country != r:
                        fac = None
                if r in found:
                    continue
                conf = 0.75 if qty else 0.6
                d = Draft("transfer", {
                    "sender": sender, "receiver": r, "via": via if via != r else None,
                    "count": qty.value if qty and len(receivers) == 1 else None,
                    "count_kind": (qty.kind if qty else "unknown") if len(receivers) == 1 else "unknown",
                    "nationalities": [n for n in nats if not (n == r and not own_nationals(s) and r not in
                                                               [x for x in nats[:1]] and len(nats) > 1)],
                    "date": date, "status": status, "facility": fac, "authority": auth,
                }, [ctx.span(si)], rule, conf, si.sent.index, a)
                if anaphoric:
                    d.flags.add("anaphoric")
                if bare == "flag":
                    d.flags.add("bare_landing")
                if fam == "arrive":
                    d.flags.add("arrival")
                if _RX18.search(s):
                    d.flags.add("bound_for")
                found[r] = d
        if found:
            _fold_onward(ctx, si, found)
        if not found:
            extra = _noun_led(ctx, si, state)
            if extra is not None and not _sports_context(ctx, si):
                found[extra.fields["receiver"]] = extra
        for d in found.values():
            out.append(d)
            state["last_receiver"] = d.fields["receiver"]
            state["last"] = d
            state.setdefault("first", d)
            state.setdefault("by_receiver", {}).setdefault(d.fields["receiver"], d)
        for dm in si.dates:
            if dm.value and len(dm.value) == 10:
                state["last_day"] = dm.value
        # a sentence that only lists who was on board fills the last transfer's nationalities
        if not found and out and _RX11.search(s):
            nats = nationalities(ctx, si)
            last = out[-1]
            if nats and not last.fields["nationalities"] and si.sent.index - last.sent_index <= 3:
                last.fields["nationalities"] = nats
                last.evidence.append(ctx.span(si))
                if last.fields["date"] is None and _RX35.search(s):
                    dm = ctx.date_near(si, si.start, allow_reporting=False, kinds=("point",))
                    if dm is not None and dm.value:
                        last.fields["date"] = dm.value
    return out
