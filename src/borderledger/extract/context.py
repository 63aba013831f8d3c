"""Per-document analysis shared by the assemblers: sentences, places, dates, dateline, focus.

Built once per document by ``DocContext.build(doc)``; assemblers only read it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Document, Span
from .dates import DateMention, find_dates
from .gazetteer import Mention, gazetteer
from .segment import Sentence, dateline, paragraphs, segment

# patterns used inline below, compiled once
_RX0 = re.compile(r"\b(?:my|our|this|the)\s+(?:country|kingdom|nation)\b|\bthe\s+Central\s+American\s+country\b", re.I)
_RX1 = re.compile(r"\b(?:here|the base|the kingdom|the country|the island|the capital)\b", re.I)

PLACE = ("name", "capital", "city", "state", "facility")
STATE_ACTORS = ("name", "capital", "leader", "agency")

_REPORTING = re.compile(
    r"\b(?:said|says|told\s+(?:reporters|\w+)|announced|stated|wrote|reported|confirmed|added|noted|ruled|found|"
    r"argued|ordered|decided)"
    r"(?:\s+\w+){0,2}\s*$", re.I)
_POSSESSIVE_GOV = re.compile(r"^(?:'s|’s)?\s+(?:government|authorities|officials|president|foreign\s+ministry|"
                             r"immigration|migration|security|police|army|military|interior|embassy|"
                             r"foreign\s+minister|prime\s+minister|National|Guard|office|institute|"
                             r"border\s+(?:police|patrol|agents?|guards?|officers?|forces?|security|service|officials)|"
                             r"defense|navy|air\s+force|coast\s+guard|ministry|congress|parliament|court)\b", re.I)


_MAYBE_DATE = re.compile(r"\d|day\b|week|month|year|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|spring|summer|"
                         r"fall|autumn|winter|today|tonight", re.I)


# cheap pre-checks before running the many forum / authority patterns on a sentence
_MAYBE_FORUM = re.compile(r"[Cc]ourt|[Jj]udge|justices|[Cc]ommission|[Rr]apporteur|\bU\.?N\b|[Cc]ongress|[Ll]awmakers|"
                          r"[Ll]egislators|\bRep\.|\bSen\.|[Ii]nspector|[Ww]atchdog|[Cc]ommittee|[Oo]mbudsman|[Mm]embers|"
                          r"[Ss]enators|[Cc]ircuit|[Tt]ribunal|OIG|IACHR|CIDH|ECHR|OHCHR|[Ee]xperts|[Cc]aucus|[Pp]anel")
_MAYBE_AUTH = re.compile(r"[Aa]ct\b|Title|[Pp]rotocols|Mexico|MPP|AEA|ACA|1231|241|[Rr]emoval|U\.S\.C|USC|[Aa]greement|"
                         r"[Pp]act|[Dd]eal")


@dataclass
class SentenceInfo:
    sent: Sentence
    mentions: list[Mention]  # absolute offsets
    dates: list[DateMention]  # absolute offsets

    @property
    def start(self) -> int:
        return self.sent.start

    @property
    def text(self) -> str:
        return self.sent.text


@dataclass
class DocContext:
    doc: Document
    sents: list[SentenceInfo]
    dateline_country: str | None = None
    dateline_facility: str | None = None
    focus: str | None = None
    month_anchor: dict[int, str] = field(default_factory=dict)  # sentence idx -> last YYYY-MM seen
    memo: dict = field(default_factory=dict)  # per-document caches (forums, authorities)

    def _by_sentence(self, kind: str, finder, gate) -> dict[int, list]:
        """Run ``finder`` once over the whole text and hand each sentence its tags (sentence offsets)."""
        table = self.memo.get(kind)
        if table is None:
            from .gazetteer import Tagged
            table = {}
            text = self.doc.text
            tags = finder(text)  # one combined pass is cheaper than any pre-check over the whole text
            if tags:
                starts = [si.start for si in self.sents]
                import bisect
                for t in tags:
                    i = bisect.bisect_right(starts, t.start) - 1
                    if i < 0:
                        continue
                    si = self.sents[i]
                    if t.end <= si.sent.end:
                        table.setdefault(i, []).append(Tagged(t.start - si.start, t.end - si.start, t.label, t.text))
            self.memo[kind] = table
        return table

    def gate(self, si: "SentenceInfo", family: str) -> bool:
        """Can this sentence hold a ``family`` fact at all? (one Aho-Corasick pass per document)"""
        fams = self.memo.get("gates")
        if fams is None:
            from .gate import sentence_families
            fams = self.memo["gates"] = sentence_families(self.doc.text, [x.start for x in self.sents])
        return family in fams[si.sent.index]

    def forums(self, si: "SentenceInfo") -> list:
        from .gazetteer import forums
        return self._by_sentence("forums", forums, _MAYBE_FORUM).get(si.sent.index, [])

    def authorities(self, si: "SentenceInfo") -> list:
        from .gazetteer import authorities
        return self._by_sentence("auth", authorities, _MAYBE_AUTH).get(si.sent.index, [])

    @classmethod
    def build(cls, doc: Document) -> "DocContext":
        gaz = gazetteer()
        text = doc.text
        infos = []
        paras = paragraphs(text)
        sents = segment(text, paras)
        # one gazetteer pass and one date pass over the whole text, then split by sentence
        all_ments = gaz.mentions(text)
        all_dates = find_dates(text, doc.published)
        mi = di = 0
        for s in sents:
            while mi < len(all_ments) and all_ments[mi].start < s.start:
                mi += 1
            ments = []
            j = mi
            while j < len(all_ments) and all_ments[j].start < s.end:
                if all_ments[j].end <= s.end:
                    ments.append(all_ments[j])
                j += 1
            while di < len(all_dates) and all_dates[di].start < s.start:
                di += 1
            ds = []
            k = di
            while k < len(all_dates) and all_dates[k].start < s.end:
                if all_dates[k].end <= s.end:
                    ds.append(all_dates[k])
                k += 1
            infos.append(SentenceInfo(s, ments, ds))
        ctx = cls(doc, infos)
        ctx._dateline(paras)
        ctx._focus()
        last_month = None
        for i, si in enumerate(infos):
            ctx.month_anchor[i] = last_month
            for d in si.dates:
                if d.value and len(d.value) >= 7 and d.kind != "period":
                    last_month = d.value[:7]
        return ctx

    # -- document-level cues ------------------------------------------------------------
    def _dateline(self, paras) -> None:
        dl = dateline(self.doc.text, paras)
        if not dl:
            return
        gaz = gazetteer()
        _s, _e, places = dl
        for place in places:
            hit = gaz.lookup(place)
            if hit is None:
                for m in gaz.mentions(place.title()) + gaz.mentions(place):
                    hit = (m.kind, m.code, m.ref)
                    break
            if hit and hit[1]:
                kind, code, ref = hit
                if kind == "facility":
                    self.dateline_facility = ref
                if self.dateline_country is None or kind == "name":
                    self.dateline_country = code
        # "GUANTÁNAMO BAY NAVAL BASE" style datelines name a facility in their first part
        if self.dateline_facility is None:
            for place in places:
                for m in gaz.mentions(place):
                    if m.kind == "facility":
                        self.dateline_facility = m.ref
                        self.dateline_country = m.code

    def _focus(self) -> None:
        counts: Counter[str] = Counter()
        for si in self.sents:
            for m in si.mentions:
                if m.code and m.code != "US" and m.kind in ("name", "capital", "leader", "facility", "city"):
                    counts[m.code] += 1
        if self.dateline_country and self.dateline_country != "US":
            counts[self.dateline_country] += 2
        if not counts:
            return
        top = counts.most_common(2)
        if len(top) == 1 or top[0][1] >= 1.5 * top[1][1]:
            if top[0][1] >= 3 or (len(top) == 1 and top[0][1] >= 2):
                self.focus = top[0][0]

    # -- helpers ----------------------------------------------------------------------------
    def span(self, si: SentenceInfo) -> Span:
        return Span.of(self.doc.text, si.sent.start, si.sent.end)

    def countries(self, si: SentenceInfo, start: int | None = None, end: int | None = None,
                  kinds: tuple[str, ...] = PLACE + ("leader", "agency", "demonym")) -> list[Mention]:
        a = si.start if start is None else start
        b = si.sent.end if end is None else end
        return [m for m in si.mentions if a <= m.start < b and m.kind in kinds and m.code]

    def is_actor(self, m: Mention) -> bool:
        """A mention that stands for a state acting (not a nationality or a bare place)."""
        if m.kind in ("name", "capital", "leader", "agency"):
            return True
        if m.kind == "demonym":
            return bool(_POSSESSIVE_GOV.match(self.doc.text[m.end:m.end + 30]))
        return False

    def date_near(self, si: SentenceInfo, pos: int, *, allow_reporting: bool = True,
                  kinds: tuple[str, ...] = ("point", "since", "asof")) -> DateMention | None:
        best, best_d = None, 10 ** 9
        text = self.doc.text
        for d in si.dates:
            if d.kind not in kinds and d.kind not in ("the_month", "next_day"):
                continue
            if not allow_reporting and _REPORTING.search(text[max(si.start, d.start - 40):d.start]):
                continue
            dist = abs(d.start - pos)
            if dist < best_d:
                best, best_d = d, dist
        return best

    def resolve_date(self, si: SentenceInfo, d: DateMention | None, anchor: str | None = None) -> str | None:
        if d is None:
            return None
        if d.kind == "the_month":
            return self.month_anchor.get(si.sent.index)
        if d.kind == "next_day":
            from .dates import next_day
            return next_day(anchor)
        return d.value

    def anaphoric_place(self, si: SentenceInfo, start: int, end: int) -> bool:
        return bool(_RX1.search(self.doc.text[start:end]))

    def home_state(self, key: str, exclude: tuple[str, ...] | list[str] = ()) -> str | None:
        """The configured default state for ``key`` (``data/defaults.yaml``), unless the document never names it.

        A text about another state's policy ("LONDON - … flight to Rwanda …") does not mention the
        default state at all; assuming it there invents a party. Then the state the document names
        most often as an actor (ties: first named), other than ``exclude``, stands in for it."""
        from .lexicon import default
        d = default(key)
        if d is None:
            return None
        info = self.memo.get("home_rank")
        if info is None and any(m.code == d for si in self.sents for m in si.mentions):
            info = self.memo["home_rank"] = (True, [])
        if info is None:
            mentioned = False
            counts: Counter[str] = Counter()
            first: dict[str, int] = {}
            for si in self.sents:
                for m in si.mentions:
                    if not m.code:
                        continue
                    # a demonym of the people ("a Honduran mother") gives their nationality, not an actor
                    if self.is_actor(m):
                        counts[m.code] += 1
                        first.setdefault(m.code, m.start)
            if self.dateline_country:
                counts[self.dateline_country] += 1
                first.setdefault(self.dateline_country, -1)
            ranking = sorted(counts, key=lambda c: (-counts[c], first.get(c, 0)))
            info = self.memo["home_rank"] = (mentioned, ranking)
        mentioned, ranking = info
        if mentioned:
            return d
        for c in ranking:
            if c not in exclude:
                return c
        return d

    def country_ref(self, si: SentenceInfo, start: int, end: int) -> str | None:
        """'my/our/the country', 'the kingdom' → the document's focus state."""
        if _RX0.search(self.doc.text[start:end]):
            return self.focus or (self.dateline_country if self.dateline_country != "US" else None)
        return None
