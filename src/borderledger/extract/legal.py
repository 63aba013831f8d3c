"""Assemble ``legal_action`` facts: courts and oversight bodies acting on these policies.

Each action cue (filed, ordered, ruled, refused to lift, appealed, granted a stay, at a
hearing, opened a review, asked … to investigate, wrote to … request information) is
tied to the nearest forum phrase (``forums.yaml``), a "Judge Name" or a judge already
named in the document. A US court phrase placed in another state ("a federal judge in
Tapachula", "the country's Supreme Court") is a ``national_court``. Plans ("is expected
to hear"), conditionals and generic present-tense statements yield nothing.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Indel

from .common import Draft
from .context import DocContext, SentenceInfo
from .gazetteer import Tagged
from .lexicon import default
from .modality import clause_bounds, is_question

# patterns used inline below, compiled once
_RX0 = re.compile(r"\b[A-Z][a-z]{3,}\b")
_RX1 = re.compile(r"\s+of\s+Justice\b")
_RX2 = re.compile(r"the\s+country[’']s\s+$")
_RX3 = re.compile(r"^(?:In|The|A|An|In\s+the)\s+")
_RX4 = re.compile(r"['’]s?$")
_RX5 = re.compile(r"^\s*(?:in|of|at)\s+(?:the\s+)?$")
_RX6 = re.compile(r"\.$")
_RX7 = re.compile(r"\b(?:expected\s+to|will|plans?\s+to|is\s+to)\s*(?:\w+\s+){0,2}$", re.I)
_RX8 = re.compile(r"\b(?:would|could|might|should)\s+(?:not\s+)?have\s+$", re.I)
_RX9 = re.compile(r"^\s*(?:Should|Were|Had)\b")
_RX10 = re.compile(r"\b(?:denied|denies)\b", re.I)
_RX11 = re.compile(r"\b[A-Z]\.$")
_RX12 = re.compile(r"(?:asked|petitioned)\s+$", re.I)
_RX13 = re.compile(r"(?:rejected|turned\s+down|reversed|overturned|directed.*|rules?\s+that|voted.*|"
                                r"found\s+that|held\s+that|cleared\s+the\s+way|threw\s+out|issued.*(?:ruling|decision|opinion)|"
                                r"(?:denied|declined)\s.*(?:request|motion|application|bid)|to\s+hold\s+that|reached.*|declared.*|"
                                r"(?:limited|narrowed|broadened|expanded|ratified)\s.*)", re.I | re.S)
_RX14 = re.compile(r"(?:temporarily\s+)?(?:barred|halted)", re.I)
_RX15 = re.compile(r"set\s+aside|paused|left\s+in|to\s+keep|kept", re.I)
_RX16 = re.compile(r"\b(?:if|whether|could|would|might|should)\b", re.I)
_RX17 = re.compile(r"asked\b", re.I)
_RX18 = re.compile(r"\b(?:another|different|other|second|separate)\s+(?:federal\s+)?(?:judge|court)\b", re.I)
_RX19 = re.compile(r"\bby$")
_RX20 = re.compile(r"\bby\b")
_RX21 = re.compile(r"paused|set\s+aside|(?:'s|’s)\s|left\s+in|keep|kept|staying|lifted|request")
_RX22 = re.compile(r"\b(?:in|at)\s+[A-Z]")
_RX23 = re.compile(r"\band\s+(?:Chief\s+|US\s+|U\.S\.\s+)?(?:District\s+)?Judge\b")
_RX24 = re.compile(r"\b(?:court|judge|justices)\b", re.I)
_RX25 = re.compile(r"Court|ECHR")
_RX26 = re.compile(r"\b(?:he|she)\s+(?:issued|ordered|ruled)\b")
_RX27 = re.compile(r"\bboth\s+governments\b")
_RX28 = re.compile(r"\bagainst\s+$")
_RX29 = re.compile(r"\bfiled\s+the\s+case\b|\bsued\b|\bbrought\b|\bfiled\b[^.;]{0,24}\bby\b|\blodged\b|\b(?:lawsuit|suit|class\s+action)\b", re.I)
_RX30 = re.compile(r"\b(?:from|against|on|by)\s+(?:the\s+)?$|\band\s+(?:the\s+)?$")

US_FORUMS = ("us_district_court", "us_court_of_appeals", "us_supreme_court")
ACTION_ORDER = ("appeal", "stay", "order", "ruling", "hearing", "investigation", "filed")

_REFUSE = (r"\b(?:refused|declined)\b(?:,[^.;,]{0,40},|[^.;,]{0,40}?)\s*to\s+(?:lift|put|overturn|block|stop|halt|intervene|hear|"
           r"pause|let|issue|grant|reinstate|revive|reconsider|take|review|disturb|dismiss|order|allow|set\s+aside|"
           r"reverse|vacate|extend|delay|suspend|release|throw\s+out|rule|set)\b")
_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("appeal", re.compile(r"\b(?:appealed|notice\s+of\s+appeal|filed\s+an\s+appeal)\b|\bappeal\s+(?:is|was|remains)\s+(?:still\s+)?pending\b|"
                          r"\b(?:turned|appealed)\s+to\s+the\s+(?=Supreme\s+Court|justices|(?:\w+\s+)?(?:Court\s+of\s+Appeals|appeals\s+court|Circuit))", re.I)),
    ("stay", re.compile(r"\bgranted\s+(?:an?\s+)?(?:emergency\s+|temporary\s+|administrative\s+)?stay\b|\bstayed\b|"
                        r"\bpaused\s+(?:an?\s+|the\s+|its\s+(?:own\s+)?)?(?:\w+\s+){0,2}(?:injunction|order|ruling|proceedings)\b|"
                        r"\bstaying\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,3}(?:injunction|order|ruling|decision)\b|"
                        r"\blifted\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,3}(?:injunction|order)\b|"
                        r"\bgranted\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}request\s+to\s+(?:pause|halt|freeze|suspend)\b|"
                        r"(?:'s|’s)\s+(?:emergency\s+|administrative\s+)?stay\b|\bstay,?\s+(?:entered|issued|granted)\b|"
                        r"\bgranted\s+the\s+government(?:'s|’s)\s+(?:emergency\s+)?(?:request|application|motion)\b[^.;]{0,40}?\bset\s+aside\b|"
                        r"\bissued\s+(?:an?\s+|the\s+)?(?:(?:emergency|temporary|administrative)\s+){0,2}stay\b|"
                        r"\bgranted\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:delay|reprieve)\b|"
                        r"\bleft\s+in\s+place\b|\bto\s+keep\s+[^.;]{0,60}?\bin\s+(?:effect|place)\b|"
                        r"\bkept\s+[^.;]{0,60}?\bin\s+(?:effect|place)\b", re.I)),
    ("order", re.compile(r"\bordered\b|\bissued\s+(?:an?\s+|the\s+|two\s+|a\s+pair\s+of\s+)?(?:\w+\s+){0,3}(?:orders?|injunctions?)\b|"
                         r"\b(?:injunction|order)\s+(?:that\s+)?(?:he|she)\s+issued\b|(?:orders?|injunctions?)\s+(?:that\s+)?"
                         r"(?:Chief\s+|US\s+|U\.S\.\s+)?(?:District\s+)?Judge\s+[\w.\s]+?\s+issued\b|"
                         r"\b(?:an?|the)\s+(?:\w+\s+){0,2}order\s+by\b|\bgranted\s+(?:an?\s+)?(?:preliminary\s+)?injunction\b|"
                         r"\bblocked\b|\b(?:temporarily\s+)?(?:barred|halted|enjoined)\b|"
                         r"\bdirected\s+(?:the\s+)?(?:\w+\s+){0,2}(?:administration|government|officials|agency|department)\b|"
                         r"\bgranted\s+(?:an?\s+|the\s+)?(?:temporary\s+restraining\s+order|TRO|(?:\w+\s+)?injunction)\b|"
                         r"\b(?:injunction|order|ruling|instruction|restraining\s+order)\s+(?:issued\s+)?by\s+(?:Chief\s+|Senior\s+)?(?:US\s+|U\.S\.\s+)?(?:District\s+)?Judge\b|"
                         r"\b(?:lower|district|trial)\s+court(?:'s|’s)\s+(?:\w+\s+){0,2}(?:order|injunction|instruction|ruling)\b|"
                         r"\b(?P<poss>[A-Z][a-z]+)(?:'s|’s)\s+(?:\w+\s+){0,3}(?:orders?|injunction)\b|"
                         r"\b(?:limited|narrowed|broadened|expanded|ratified)\s+(?:and\s+\w+\s+)?(?:the\s+|its\s+)?(?:\w+\s+){0,2}(?:injunction|order|measures)\b|"
                         r"\b(?:injunction|order)\s+(?:had\s+|was\s+)(?:first\s+|originally\s+)?(?:been\s+)?issued\b|"
                         r"\bissued\s+(?:an?\s+)?(?:interim|provisional|urgent|precautionary)\s+measures?\b", re.I)),
    ("ruling", re.compile(r"\bruled\b|" + _REFUSE + r"|"
                          r"\b(?:could\s+not|cannot|can't)\s+order\b|\bupheld\b|\bstruck\s+down\b|\bdismissed\b|\bvacated\b|"
                          r"\bsided\s+with\b|\bheld\s+that\b|\bfound\s+(?:that|probable\s+cause)\b|\bturned\s+down\b|"
                          r"\brejected\b|\bcleared\s+the\s+way\b|\bcertified\s+(?:an?\s+)?(?:\w+\s+)?class\b|"
                          r"\bagreed\s+(?:in\s+\w+\s+|on\s+\w+\s+)?to\s+(?:hear|take\s+up|review|consider|reconsider|rehear)\b|"
                          r"\b(?:was|were|had\s+been|has\s+been)\s+(?:swiftly\s+|quickly\s+)?(?:turned\s+down|rejected)\b|"
                          r"\brules?\s+that\b|\bissued\s+(?:an?\s+|its\s+)?(?:\w+\s+)?(?:ruling|decision|opinion)\b|"
                          r"\bvoted\s+\d+\s*[-–]\s*\d+\b|\breversed\b|\boverturned\b|\bthrew\s+out\b|"
                          r"\b(?:denied|declined)\s+(?:an?|the|\w+(?:'s|’s))\s+(?:[\w'’-]+\s+){0,3}(?:request|motion|application|bid)\b|"
                          r"\bto\s+hold\s+that\b|\breached\s+(?:the|a|an)\s+(?:\w+\s+)?conclusion\b|"
                          r"\bdeclared\s+(?:\w+\s+){0,2}(?:unconstitutional|unlawful|illegal|with(?:out)?\s+merit|void)\b", re.I)),
    ("hearing", re.compile(r"\b(?:at|during|held|after|in)\s+an?\s+(?:\w+\s+){0,2}hearing\b|\bheard\s+(?:\w+\s+){0,3}arguments\b", re.I)),
    ("investigation", re.compile(r"\b(?:opened|launched|began|started|announced)\s+an?\s+(?:\w+\s+)?(?:review|investigation|inquiry|probe|audit)\b|"
                                 r"\basked\s+[^.;]{0,120}?\bto\s+(?:investigate|examine|review|look\s+into|determine)\b|"
                                 r"\b(?:written|wrote)\s+to\s+[^.;]{0,60}?(?:request|ask)\w*\s+information\b|"
                                 r"\bletter\s+(?:sent\s+)?[^.;]{0,80}?\basking\b|"
                                 r"\b(?:sent|wrote|written)\b[^.;]{0,100}?\b(?:demanding|requesting|seeking|asking\s+for)\s+"
                                 r"(?:answers|information|details|an?\s+(?:explanation|briefing|accounting))\b|"
                                 r"\bwarned\s+in\s+an?\s+(?:\w+\s+)?(?:management\s+alert|report)\b|\bmanagement\s+alert\b|\bcalled\s+on\b|\burged\b|"
                                 r"\bsaid\s+in\s+an?\s+(?:joint\s+)?statement\b|"
                                 r"\bsaid\s+(?:that\s+)?(?:he|she|they)\s+(?:was|were)\s+(?:deeply\s+|gravely\s+)?(?:troubled|concerned|alarmed)\b|"
                                 r"\bsaid\s+(?:that\s+)?the\s+(?:United\s+States|US|U\.S\.|government|administration)\s+should\b|"
                                 r"\breported\s+that\b|\bsaid\s+(?:on\s+\w+\s+)?that\s+(?=[^.;]{0,80}?\b(?:had|has)\s+(?:issued|failed|not)\b)", re.I)),
    ("filed", re.compile(r"\bfiled\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,3}(?:lawsuit|suit|petition|application|complaint|case|action|motion|challenge)\b|"
                         r"\bsued\b|\bsought\s+an?\s+(?:emergency\s+)?(?:order|injunction|stay)\b|"
                         r"\b(?:lawsuit|petition|complaint)\s+against\s+[A-Z]|"
                         r"\b(?:suits?|lawsuits?|case|petitions?|challenges?|action)\s*(?:,\s*[^,]{1,40},\s*|\s)(?:was\s+|were\s+|had\s+been\s+)?"
                         r"brought\s+(?:(?:in|on|last|this)\s+[\w.]+\s+(?:\d+\s+)?)?by\b|"
                         r"\b(?:lawsuit|suit|class\s+action|petition|complaint|application|motion|challenge)\s+(?:that\s+)?"
                         r"(?:(?:the\s+)?[A-Z][\w.]*\s+){1,6}filed\b|"
                         r"\b(?:lawsuit|suit|class\s+action|petition|complaint|challenge)\s+filed\s+(?:(?:in|on|last)\s+[\w.]+\s+)?by\b|"
                         r"\bchallenged\b[^.;]{0,60}?\b(?:before|in)\s+(?=the\s+|an?\s+)|"
                         r"\b(?:asked|petitioned)\s+(?=the\s+(?:Inter-American|African|European|UN\b|U\.N\.|United\s+Nations))|"
                         r"\bwho\s+(?:first\s+|originally\s+)?sued\b|\blodged\b|\bbrought\s+before\b|"
                         r"\b(?:asked|petitioned)\s+(?=the\s+(?:Supreme\s+Court|justices)\b)|"
                         r"(?:\bwas\s+|v\.\s+[\w.’'-]+,\s+)filed\s+(?:(?:in|on|last|this)\s+[\w.]+\s+(?:\d{1,2},?\s+)?)?by\b", re.I)),
]
_JUDGE = re.compile(r"\b(?:Chief\s+|Senior\s+|US\s+|U\.S\.\s+|Federal\s+)?(?:District\s+|Circuit\s+|Magistrate\s+)?Judge\s+"
                    r"((?:[A-Z][\w'’-]+\.?\s+|[A-Z]\.\s+){0,3}([A-Z][\w'’-]+))")
_CASE = re.compile(r"((?:[A-Z][\w.&'’-]*)(?:\s+(?:[A-Z][\w.&'’-]*|of|for|the|and|de|del))*)\s+v\.\s+"
                   r"((?:[A-Z][\w.&'’-]*)(?:\s+(?:[A-Z][\w.&'’-]*|of|for|the|and))*)")
_DISTRICT = re.compile(r"\b((?:Northern|Southern|Eastern|Western|Middle|Central)\s+District\s+of\s+[A-Z][\w ]+?|"
                       r"District\s+of\s+(?:Columbia|Massachusetts|Maryland|New\s+Jersey|[A-Z]\w+))\b(?=[,.;)]|\s+(?:who|which|in|on|and|district\s+court|District\s+Court|federal\s+court))|"
                       r"\b(?!US\b)([A-Z]{2}|D\.C\.)\s+District\s+Judge\b")
_GENERIC = re.compile(r"\b(?:is|are|be|gets?)\s+(?:\w+\s+)?$", re.I)
_NOT_NOW = re.compile(r"\b(?:if|whether|could|would|might|may|should|will|expected\s+to|plans?\s+to|"
                      r"is\s+to|are\s+to)\b", re.I)
_NEG = re.compile(r"\b(?:not|never|no)\b|n't\b", re.I)
_FOREIGN_POSS = re.compile(r"(?:the\s+country's|the\s+country’s|[A-Z][a-z]+(?:'s|’s)|[A-Z]{2,3}(?:'s|’s))\s+$")
# a court or body referred back to ("the panel ruled", "they ruled", "it warned"): the clause subject before the cue
_ANAPHOR = re.compile(r"(?:^|[,;]\s*|\band\s+|\bthen\s+)(?:(?:in|on|by|since|last|earlier|later)\s+(?:[\w.]+\s+){1,4}?)?(?:the\s+(?:court|panel|justices|judges?|appeals\s+court|full\s+court|"
                      r"inspector\s+general|watchdog|office|commission|experts|committee)|they|it|he|she)\s+"
                      r"(?:(?:has|have|had|also|then|later|again|last\s+\w+|on\s+\w+|in\s+\w+(?:\s+\d{4})?|unanimously|"
                      r"narrowly|swiftly|quickly)\s+){0,3}$", re.I)
_ANAPHOR_FORUMS = US_FORUMS + ("national_court", "inspector_general", "iachr", "iacthr", "un_body", "other")
# the individual justice acting alone ("Chief Justice John Roberts issued a temporary stay")
_JUSTICE = re.compile(r"\b(?:Chief\s+)?Justice\s+(?:[A-Z][\w.'’-]+\s+){0,2}([A-Z][\w'’-]+)\s+(?:\w+\s+){0,2}$")
# cues that only bodies outside the courts use: a UN expert "calls on", an inspector general's "management alert"
_BODY_ONLY = re.compile(r"called\s+on|urged", re.I)
_IG_ONLY = re.compile(r"management\s+alert|warned\s+in", re.I)
# a statement counts only as an oversight body's own ("UN experts said …", "the inspector general reported that …")
_SAY = re.compile(r"said|reported", re.I)
_SAY_FORUMS = ("un_body", "inspector_general", "iachr")


def _case_names(ctx: DocContext) -> list[tuple[int, str]]:
    out = []
    for si in ctx.sents:
        if " v. " not in si.text:
            continue
        for m in _CASE.finditer(si.text):
            left = _RX3.sub("", m.group(1))
            right = _RX6.sub("", m.group(2)) if not _RX11.search(m.group(2)) else m.group(2)
            name = f"{left} v. {right}"
            out.append((si.sent.index, name))
    return out


def _judges(ctx: DocContext) -> list[str]:
    names = []
    for si in ctx.sents:
        if "Judge" not in si.text:
            continue
        for m in _JUDGE.finditer(si.text):
            sur = _RX4.sub("", m.group(2))
            if sur not in names and sur[:1].isupper():
                names.append(sur)
    return names


def _judge_in(ctx: DocContext, si: SentenceInfo, judges: list[str]) -> tuple[str, int] | None:
    m = _JUDGE.search(si.text) if "Judge" in si.text else None
    if m:
        return _RX4.sub("", m.group(2)), si.start + m.start()
    if not judges:
        return None
    for w in _RX0.finditer(si.text):
        for j in judges:
            if w.group(0) == j or (len(j) >= 6 and Indel.normalized_similarity(w.group(0), j) >= 0.85):
                return j, si.start + w.start()
    return None


def _forum_country(ctx: DocContext, si: SentenceInfo, f: Tagged) -> str | None:
    """Where a court sits: 'in Tapachula', 'of Guatemala', "the country's"."""
    text = ctx.doc.text
    fa, fb = si.start + f.start, si.start + f.end
    after = text[fb:fb + 40]
    for m in si.mentions:
        if fb <= m.start < fb + 40 and m.code and m.kind in ("name", "capital", "city", "state"):
            if _RX5.match(text[fb:m.start]):
                return m.code
    before = text[max(si.start, fa - 30):fa]
    if _FOREIGN_POSS.search(before):
        for m in si.mentions:
            if fa - 30 <= m.start < fa and m.code and m.kind == "name":
                return m.code
        if _RX2.search(before):
            return ctx.focus or ctx.dateline_country
    if _RX1.match(after):
        return ctx.focus or ctx.dateline_country
    return None


# names of a top court that do not say which state's it is ("the justices", "the high court")
_GENERIC_HIGH = {"the justices", "high court", "highest court", "the majority", "three justices"}
# a court of one of the US states ("the state's high court", "a state supreme court"): outside the vocabulary
_STATE_COURT = re.compile(r"\bstate(?:'s|’s)?\s+(?:highest\s+|top\s+)?$", re.I)


def _label(ctx: DocContext, si: SentenceInfo, f: Tagged, home: str | None, last_forum: tuple[int, str] | None,
           foreign: set[str] | None = None) -> str:
    """The forum a phrase stands for here: a state court, a foreign court, or the label as listed.

    ``foreign`` collects US-style names ("Supreme Court") the document has placed abroad; the same bare
    name later, in a document that never places it in the US, is that foreign court again."""
    if _STATE_COURT.search(si.text[max(0, f.start - 24):f.start]):
        return "state_court"
    low = f.text.lower()
    if low in _GENERIC_HIGH and last_forum is not None and last_forum[1] in ("national_court", "state_court") \
            and si.sent.index - last_forum[0] <= 3:
        return last_forum[1]  # "the justices" of the foreign (or state) court just named
    lab = f.label
    if lab == "national_court" and foreign is not None:
        foreign.add("__national")
    if lab in US_FORUMS:
        c = _forum_country(ctx, si, f)
        if c and c != home:
            lab = "national_court"
            if foreign is not None:
                foreign.add(low)
        elif foreign and not c and (low in foreign or (low in _GENERIC_HIGH and lab == "us_supreme_court")) \
                and "us" not in foreign:
            lab = "national_court"
        elif foreign is not None and c == home:
            foreign.add("us")
    return lab


def _track(ctx: DocContext, si: SentenceInfo, fs: list[Tagged], home: str | None,
           last_high: tuple[int, str] | None, last_forum: tuple[int, str] | None):
    """The higher court and the forum last named, for "the panel ruled" / "it warned" further on."""
    for f in fs:
        if f.label in ("us_supreme_court", "us_court_of_appeals"):
            last_high = (si.sent.index, f.label)
        if f.label in _ANAPHOR_FORUMS:
            last_forum = (si.sent.index, _label(ctx, si, f, home, last_forum))
    return last_high, last_forum


def assemble(ctx: DocContext) -> list[Draft]:
    text = ctx.doc.text
    judges = _judges(ctx)
    cases = _case_names(ctx)
    case_names = list(dict.fromkeys(c for _i, c in cases))
    out: list[Draft] = []
    last_day: str | None = None
    last_high: tuple[int, str] | None = None
    home = default("home_state")  # the state the US-named forums judge (data/defaults.yaml)
    doc_forums = []
    _lf: tuple[int, str] | None = None
    foreign: set[str] = set()
    if any(t in ctx.doc.text for t in ("U.S. Supreme Court", "US Supreme Court", "federal judge", "federal court",
                                       "Circuit", "District Court", "Court of Appeals", "appeals court")):
        foreign.add("us")  # the document also covers US courts: bare names keep their US reading
    for si in ctx.sents:
        for f in ctx.forums(si):
            lab = _label(ctx, si, f, home, _lf, foreign)
            doc_forums.append(lab)
            if f.label in _ANAPHOR_FORUMS:
                _lf = (si.sent.index, lab)
    us_court_doc = any(f in US_FORUMS for f in doc_forums)
    # where a lawsuit named without its court was brought: a US district court in US court coverage,
    # else the foreign court the document names
    filing_forum = ("us_district_court" if us_court_doc else
                    "national_court" if "national_court" in doc_forums else None)
    last_forum: tuple[int, str] | None = None
    home = default("home_state")  # the state the US-named forums judge (data/defaults.yaml)
    # a text that never names that state ("LONDON - … the Court of Appeal …") is about another state's courts
    stand_in = ctx.home_state("home_state") if home is not None else None
    stand_in = stand_in if stand_in != home else None
    for si in ctx.sents:
        s = si.text
        fs = ctx.forums(si)
        if not ctx.gate(si, "legal") or is_question(s):
            last_high, last_forum = _track(ctx, si, fs, home, last_high, last_forum)
            continue
        jd = _judge_in(ctx, si, judges)
        found: dict[tuple[str, str], Draft] = {}
        sfams = ctx.memo["gates"][si.sent.index]  # filled by the ctx.gate call above
        for action, rx in _CUES:
            if "legal:" + action not in sfams:
                continue
            for m in rx.finditer(s):
                cs, ce = m.start(), m.end()
                pre = s[:cs]
                poss = m.groupdict().get("poss")
                if poss is not None and not (poss in judges or (jd is not None and jd[0] == poss)):
                    continue  # "Trump's order" is not a court's
                cue = m.group(0)
                if _BODY_ONLY.fullmatch(cue) and not any(f.label in ("un_body", "iachr", "iacthr", "other") for f in fs):
                    continue  # "called on"/"urged" is an act only of a UN or regional rights body
                if _IG_ONLY.search(cue) and not (any(f.label == "inspector_general" for f in fs) or (
                        last_forum is not None and last_forum[1] == "inspector_general"
                        and si.sent.index - last_forum[0] <= 3)):
                    continue
                if _SAY.match(cue) and not (any(f.label in _SAY_FORUMS and f.end <= cs for f in fs) or (
                        _ANAPHOR.search(pre) and last_forum is not None and last_forum[1] in _SAY_FORUMS
                        and si.sent.index - last_forum[0] <= 3)):
                    continue
                if _RX12.match(cue) and not any(ce <= f.start <= ce + 4 for f in fs):
                    continue  # "asked the <body>": the body must follow at once
                if _RX13.fullmatch(cue) and not (
                        any(f.end <= cs + 2 for f in fs) or (jd is not None and jd[1] - si.start < cs)
                        or _ANAPHOR.search(pre)):
                    continue  # a court (or a judge) must be the one acting, before the verb
                if _RX14.fullmatch(m.group(0)) and not (
                        any(f.end <= cs for f in fs) or (jd is not None and jd[1] - si.start < cs)
                        or _RX24.search(pre)):
                    continue  # the court must be the one barring
                if _RX15.match(m.group(0)) and not (fs or jd):
                    continue
                left, _right = clause_bounds(s, cs, ce)
                clause_pre = s[left:cs]
                if _GENERIC.search(pre[-12:]) and action == "filed":
                    continue
                if _RX16.search(clause_pre) and action != "ruling":
                    continue
                if _RX7.search(clause_pre):
                    continue
                if _RX8.search(pre):
                    continue  # "would have denied": a dissent's view, not the court's act
                if _RX9.match(s):
                    continue
                if action != "ruling" and _NEG.search(" ".join(clause_pre.split()[-4:])):
                    continue
                if _RX10.search(clause_pre):
                    continue
                # forum: for filings and appeals prefer the body after the cue; else the nearest
                forum_tag = None
                by_agent = action == "filed" and bool(_RX19.search(cue))  # "brought by <the filer>"
                if (action in ("filed", "appeal") and not by_agent) or (action == "order" and _RX20.search(m.group(0))):
                    lo = cs if action == "order" else ce  # "an injunction issued by US District Judge …"
                    after = [f for f in fs if f.start >= lo and f.start - ce < 90]
                    if after:
                        forum_tag = after[0]
                if action == "filed" and _RX12.match(cue):
                    forum_tag = next(f for f in fs if ce <= f.start <= ce + 4)
                if poss is not None and action == "order":
                    forum_tag = Tagged(cs, ce, "us_district_court", poss)  # "Murphy's order": the judge's court
                if forum_tag is None and action == "investigation" and _RX17.match(m.group(0)):
                    before = [f for f in fs if f.end <= cs and f.label == "us_congress"]
                    forum_tag = before[-1] if before else None
                    if forum_tag is None:
                        continue
                pausing = action == "stay" and bool(_RX21.search(m.group(0)))
                if pausing:
                    high = [f for f in fs if f.label in ("us_supreme_court", "us_court_of_appeals") and f.end <= cs]
                    forum_tag = high[-1] if high else None
                    if forum_tag is None and last_high is not None and (
                            si.sent.index - last_high[0] <= 2
                            or (_ANAPHOR.search(pre) and si.sent.index - last_high[0] <= 4)):
                        forum_tag = Tagged(cs, cs, last_high[1], "")
                    if forum_tag is None:
                        continue
                if by_agent:
                    fs_here = [f for f in fs if f.end <= cs]
                    forum_tag = forum_tag or (fs_here[-1] if fs_here else None)
                if forum_tag is None and fs and not by_agent:
                    forum_tag = min(fs, key=lambda f: (abs(f.start - cs) if f.end <= cs + 5 else abs(f.start - cs) + 30))
                anaphoric = None
                picked_after = forum_tag is not None and forum_tag.start >= ce and action in ("filed", "appeal")
                if (forum_tag is None or forum_tag.start > ce) and not picked_after and last_forum is not None \
                        and _ANAPHOR.search(pre) \
                        and si.sent.index - last_forum[0] <= 3 and not (jd is not None and jd[1] - si.start < cs):
                    anaphoric = last_forum[1]  # "the panel ruled", "they ruled": the court last named
                    forum_tag = None
                forum = forum_tag.label if forum_tag else anaphoric
                if forum_tag is not None and forum_tag.text:
                    lab = _label(ctx, si, forum_tag, home, last_forum, foreign)
                    if lab in ("state_court", "national_court"):
                        forum = lab
                if forum == "state_court":
                    continue
                judge = None
                if jd is not None:
                    judge = jd[0]
                if forum is None:
                    if jd is not None:
                        forum = "us_district_court"
                    elif action == "appeal" and us_court_doc:
                        forum = "us_court_of_appeals"
                    elif _RX26.search(s) and len(judges) == 1:
                        forum, judge = "us_district_court", judges[0]
                    elif action == "filed" and "application" in cue.lower() and last_high is not None \
                            and si.sent.index - last_high[0] <= 2:
                        forum = last_high[1]  # an emergency application goes to the higher court just named
                    elif action == "filed" and filing_forum and _RX29.search(m.group(0)):
                        forum = filing_forum
                    else:
                        continue
                if forum == "us_congress" and action not in ("investigation",):
                    continue
                if forum in ("un_body", "other", "inspector_general") and action not in ("investigation", "filed") and not (
                        forum == "other" and forum_tag is not None and _RX25.search(forum_tag.text)
                        and action in ("order", "ruling")):
                    continue  # a regional court rules and orders; commissions and watchdogs only inquire
                if action == "appeal" and forum == "us_district_court":
                    forum = "us_court_of_appeals"
                respondent: list[str] = []
                country = _forum_country(ctx, si, forum_tag) if forum_tag else None
                if forum in US_FORUMS and stand_in:
                    forum, country = "national_court", country or stand_in
                if forum in US_FORUMS and country and country != home:
                    forum = "national_court"
                if forum == "national_court":
                    # a court sits where the story is filed ("LONDON - The Court of Appeal …") before the most-named state
                    dl = ctx.dateline_country if ctx.dateline_country != home else None
                    country = country or dl or stand_in or ctx.focus
                    if not country or country == home:
                        continue
                    respondent = [country]
                    judge = None
                elif forum in US_FORUMS or forum in ("us_congress", "inspector_general"):
                    respondent = [home] if home else []
                else:
                    against = [x for x in si.mentions if x.code and x.kind == "name"
                               and _RX28.search(text[max(si.start, x.start - 10):x.start])]
                    named_after = sorted({x.code for x in si.mentions if x.code and x.kind == "name"
                                          and x.start >= si.start + ce
                                          and _RX30.search(text[max(si.start, x.start - 12):x.start])})
                    if against:
                        respondent = [against[0].code]
                    elif named_after and forum in ("iachr", "iacthr", "un_body"):
                        respondent = named_after
                    elif _RX27.search(s):
                        respondent = sorted({c for c in (ctx.focus, home) if c})
                    elif ctx.focus:
                        respondent = [ctx.focus]
                if forum in ("us_court_of_appeals", "us_supreme_court"):
                    judge = None
                    jm = _JUSTICE.search(pre) if forum == "us_supreme_court" and "Justice" in pre else None
                    if jm and "," not in pre[jm.start():]:
                        judge = jm.group(1)  # a single justice acting alone
                dm = ctx.date_near(si, si.start + cs)
                date = None
                if dm is not None and min(abs(dm.start - si.start - ce), abs(dm.end - si.start - cs)) > 90:
                    dm = None
                if dm is not None and dm.kind in ("point", "asof", "the_month", "next_day"):
                    date = ctx.resolve_date(si, dm, last_day)
                if action == "order" and (poss is not None or _RX20.search(cue)) and dm is not None \
                        and not (si.start + cs <= dm.start and dm.end <= si.start + ce
                                 or not text[dm.end:si.start + cs].strip()):
                    date = None  # "Boasberg's orders", "an injunction issued by Judge X": only referred to, not dated
                case = None
                dist = _DISTRICT.search(s)
                if forum == "us_district_court" and dist:
                    case = dist.group(1) or (dist.group(2).replace(".", "") + " District")
                key = (forum, action)
                if key in found:
                    continue
                # one action per forum per sentence: keep the strongest
                # (a filing by the parties is a separate act and may sit beside the court's own)
                same = [k for k in found if k[0] == forum and (k[1] == "filed") == (action == "filed")
                        and (k[1] == "hearing") == (action == "hearing")]
                if same:
                    old = same[0]
                    if ACTION_ORDER.index(action) < ACTION_ORDER.index(old[1]) and not (
                            action in ("order", "ruling") and old[1] in ("order", "ruling")):
                        date = date or found[old].fields["date"]
                        del found[old]
                    else:
                        if found[old].fields["date"] is None and date is not None:
                            found[old].fields["date"] = date
                        continue
                d = Draft("legal_action", {
                    "forum": forum, "action": action, "respondent": respondent, "case": case,
                    "judge": judge, "date": date,
                }, [ctx.span(si)], f"{action} cue '{m.group(0)[:40]}' + forum", 0.7, si.sent.index, si.start + cs)
                d.links["place_named"] = bool(_RX22.search(s)) or s.startswith("Separately")
                found[key] = d
                if action in ("order", "ruling") and forum == "us_district_court" and judge is not None:
                    others = [_RX4.sub("", j.group(2)) for j in _JUDGE.finditer(pre)]
                    others = [j for j in others if j != judge]
                    if others and _RX23.search(pre):
                        for j in others:
                            d2 = Draft("legal_action", dict(d.fields, judge=j), [ctx.span(si)], d.rule, 0.7,
                                       si.sent.index, si.start + cs)
                            d2.links["place_named"] = d.links["place_named"]
                            found[(forum, action, j)] = d2
        out.extend(found.values())
        last_high, last_forum = _track(ctx, si, fs, home, last_high, last_forum)
        for dm in si.dates:
            if dm.value and len(dm.value) == 10:
                last_day = dm.value
    # a district court action beside the only district judge the document names is that judge's
    if len(judges) == 1:
        first = next((si.sent.index for si in ctx.sents if "Judge" in si.text and judges[0] in si.text), None)
        for d in out:
            f = d.fields
            if (first is not None and f["forum"] == "us_district_court" and f["judge"] is None
                    and abs(d.sent_index - first) <= 1
                    and not _RX18.search(ctx.sents[d.sent_index].text)):
                f["judge"] = judges[0]
    # actions in one lawsuit share the case name written once
    if len(case_names) == 1:
        case_sent = cases[0][0]
        for d in out:
            if d.fields["forum"] in US_FORUMS and d.fields["case"] is None:
                adjacent = abs(d.sent_index - case_sent) <= 1
                if adjacent or not d.links.get("place_named"):
                    d.fields["case"] = case_names[0]
    for d in out:
        for idx, name in cases:
            if idx == d.sent_index and d.fields["forum"] in US_FORUMS:
                d.fields["case"] = name
    return out
