"""Find date expressions and resolve them against the publication date.

Own rules cover what news prose uses most (and what dateparser gets wrong): weekdays
("on Thursday", "last Friday", same-day weekdays), "yesterday", "last/next week"
(month precision), "earlier/later this month", seasons (year precision), month names
without a year (the most recent such month), "the next day". Other relative spans
("three days ago") go to dateparser's ``DateDataParser`` with ``RELATIVE_BASE``.
Each mention has a ``kind``: ``point``, ``since`` (start of a state), ``asof``,
``period`` (a range: totals over it are undated) or ``next_day`` (resolved by the caller).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

# patterns used inline below, compiled once
_RX0 = re.compile(r"\s+")
_RX1 = re.compile(r"^(?:a|one|the) day after$")
_RX2 = re.compile(r"(next|following) day|day later")
_RX3 = re.compile(r"(during|in|over) the month")
_RX4 = re.compile(r"beginning of the year|start of the year|quarter|half|first week|first weeks|last weeks|months|years|weeks")
_RX5 = re.compile(r"(spring|summer|fall|autumn|winter)$")
_RX6 = re.compile(r"\bbetween\b")

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
             "sunday": 6}
_M = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
      r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_MOD = r"(?:(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)[- ](?:in\s+)?)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("mdy", re.compile(rf"\b{_MOD}(?P<mon>{_M})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?")),
    ("dmy", re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<mon>{_M})(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")),
    ("my", re.compile(rf"\b{_MOD}(?P<mon>{_M})\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b", re.I)),
    ("m", re.compile(rf"(?:\b(?P<prep>(?i:in|since|during|by|until|from|of|last|this|early|mid|late|the\s+end\s+of|"
                     rf"the\s+start\s+of|the\s+beginning\s+of))[- ](?:early\s+|mid-|late\s+)?)(?P<mon>{_M})\b(?!\s+\d)")),
    ("y", re.compile(r"\b(?P<prep>in|since|during|by|until|of|from|early|late|mid-)\s*(?P<year>(?:19|20)\d\d)\b(?![-\d])", re.I)),
    ("wd", re.compile(rf"\b(?P<mod>last\s+|this\s+(?:past\s+)?|next\s+|on\s+|since\s+|late\s+on\s+|early\s+on\s+|by\s+)?"
                      rf"(?P<wd>{_WD}){_PART}\b")),
    ("rel", re.compile(
        r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|"
        r"(?:earlier|later)\s+this\s+(?:week|month|year)|(?:last|next|this|past)\s+(?:week|month|year)|"
        r"(?:this|last|next|earlier\s+this)\s+(?:spring|summer|fall|autumn|winter)|since\s+the\s+(?:spring|summer|fall|autumn|winter)|"
        r"(?:the\s+)?(?:next|following)\s+day|a\s+day\s+later|(?:a|one|the)\s+day\s+after|"
        r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several)\s+(?:days?|weeks?|months?|years?)\s+ago|"
        r"(?:during|in|over)\s+the\s+month|since\s+the\s+(?:beginning|start)\s+of\s+the\s+year|"
        r"in\s+the\s+(?:first|second|third|fourth|last)\s+(?:quarter|half|week|weeks|months)(?:\s+of\s+[\w' ]{3,40}?(?=[,.;]|\s+(?:and|but|according))|)|"
        r"over\s+(?:the\s+(?:past|next)\s+)?(?:two|three|four|five|several|\d+)\s+(?:years|months|weeks))\b", re.I)),
]
# cheap checks that let a pattern be skipped on texts that cannot contain it
_PREFILTER = {
    "mdy": re.compile(_M), "dmy": re.compile(_M), "my": re.compile(r"(?:19|20)\d\d"),
    "m": re.compile(_M), "y": re.compile(r"(?:19|20)\d\d"), "wd": re.compile(_WD),
}
_PERIOD_BEFORE = re.compile(r"(?:between|from|over|throughout|since the beginning of|since the start of|in the first|"
                            r"in the second|in the third|in the last|over the past)\s*$", re.I)
_SINCE_BEFORE = re.compile(r"\b(?:since|ever since)\s*$", re.I)
_ASOF_BEFORE = re.compile(r"\bas\s+of\s*$", re.I)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str | None  # YYYY-MM-DD | YYYY-MM | YYYY | None
    kind: str  # point | since | asof | period | next_day | the_month
    text: str


def parse_published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _month_year(mon: int, pub: dt.date | None, future: bool = False) -> int | None:
    if pub is None:
        return None
    if future:
        return pub.year if mon >= pub.month else pub.year + 1
    return pub.year if mon <= pub.month else pub.year - 1


def _fmt(y: int | None, m: int | None = None, d: int | None = None) -> str | None:
    if y is None:
        return None
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return f"{y:04d}-{m:02d}"


def _weekday(pub: dt.date | None, wd: int, mod: str) -> str | None:
    if pub is None:
        return None
    mod = mod.strip().lower()
    if mod.startswith("next"):
        delta = (wd - pub.weekday()) % 7 or 7
        return (pub + dt.timedelta(days=delta)).isoformat()
    back = (pub.weekday() - wd) % 7
    if mod.startswith("last") and back == 0:
        back = 7
    return (pub - dt.timedelta(days=back)).isoformat()


def _relative(phrase: str, pub: dt.date | None) -> tuple[str | None, str]:
    p = _RX0.sub(" ", phrase.lower())
    if _RX1.search(p):
        return None, "day_before_anchor"
    if _RX2.search(p):
        return None, "next_day"
    if _RX3.search(p):
        return None, "the_month"
    if _RX4.search(p):
        return None, "period"
    if pub is None:
        return None, "point"
    if p == "the day before yesterday":
        return (pub - dt.timedelta(days=2)).isoformat(), "point"
    if p == "yesterday":
        return (pub - dt.timedelta(days=1)).isoformat(), "point"
    if p in ("today", "tonight"):
        return pub.isoformat(), "point"
    if p.endswith("week"):
        if "next" in p:
            d = pub + dt.timedelta(days=7)
        elif "last" in p or "past" in p:
            d = pub - dt.timedelta(days=7)
        else:
            d = pub
        return _fmt(d.year, d.month), "point"
    if p.endswith("month"):
        if p.startswith("last") or p.startswith("past"):
            y, m = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
            return _fmt(y, m), "point"
        if p.startswith("next"):
            y, m = (pub.year, pub.month + 1) if pub.month < 12 else (pub.year + 1, 1)
            return _fmt(y, m), "point"
        return _fmt(pub.year, pub.month), "point"
    if p.endswith("year"):
        if p.startswith("last") or p.startswith("past"):
            return _fmt(pub.year - 1), "point"
        if p.startswith("next"):
            return _fmt(pub.year + 1), "point"
        return _fmt(pub.year), "point"
    season = _RX5.search(p)
    if season:
        kind = "since" if p.startswith("since") else "point"
        if p.startswith("last"):
            return _fmt(pub.year - 1), kind
        if p.startswith("next"):
            return _fmt(pub.year + 1), kind
        return _fmt(pub.year), kind
    if "ago" in p:
        return _dateparser(phrase, pub), "point"
    return None, "point"


@lru_cache(maxsize=64)
def _parser_for(pub: dt.date):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(pub.year, pub.month, pub.day),
        "PREFER_DATES_FROM": "past",
    })


def _dateparser(phrase: str, pub: dt.date) -> str | None:
    try:
        data = _parser_for(pub).get_date_data(phrase)
    except Exception:  # dateparser can raise on odd input; a date we cannot read is null
        return None
    if not data or not data.date_obj:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return _fmt(d.year)
    if period == "month" or period == "week":
        return _fmt(d.year, d.month)
    return d.isoformat()


_YEAR = re.compile(r"(?:19|20)\d\d")
_REL_ANCHORS = ("day", "week", "month", "year", "spring", "summer", "fall", "autumn", "winter", "tonight",
                "quarter", "half", "ago")
#: patterns whose every match lies within (before, after) characters of an anchor; scanned only there
_WINDOWED = {"my": (40, 6), "y": (20, 6), "rel": (70, 75), "mdy": (30, 30), "dmy": (8, 30), "m": (40, 16),
             "wd": (40, 30)}
_MONTH_ANCHORS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _merge_windows(text: str, anchors: list[int], before: int, after: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    n = len(text)
    for p in sorted(anchors):
        a, b = max(0, p - before), min(n, p + after)
        while a > 0 and not text[a - 1].isspace():  # start and end windows between words
            a -= 1
        while b < n and not text[b].isspace():
            b += 1
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _anchors(name: str, text: str, low: str) -> list[int]:
    if name in ("my", "y"):
        return [m.start() for m in _YEAR.finditer(text)]
    out = []
    for kw in (_MONTH_ANCHORS if name in ("mdy", "dmy", "m") else ("day",) if name == "wd" else _REL_ANCHORS):
        i = low.find(kw)
        while i >= 0:
            out.append(i)
            i = low.find(kw, i + 1)
    return out


def find_dates(text: str, published: str | None) -> list[DateMention]:
    """Dates in ``text`` resolved against ``published`` (never raises; non-overlapping)."""
    pub = parse_published(published)
    hits: list[tuple[int, int, str, re.Match[str]]] = []
    low = text.lower()
    windowed = len(low) == len(text)
    for name, rx in _PATTERNS:
        pre = _PREFILTER.get(name)
        if pre is not None and not pre.search(text):
            continue
        if windowed and name in _WINDOWED:
            seen = set()
            for a, b in _merge_windows(text, _anchors(name, text, low), *_WINDOWED[name]):
                for m in rx.finditer(text, a, b):
                    if m.span() not in seen:
                        seen.add(m.span())
                        hits.append((m.start(), m.end(), name, m))
            continue
        for m in rx.finditer(text):
            hits.append((m.start(), m.end(), name, m))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[DateMention] = []
    last = -1
    for start, end, name, m in hits:
        if start < last:
            continue
        value, kind = _resolve(name, m, pub)
        prev_day = next((d.value for d in reversed(out) if d.value and len(d.value) == 10), None)
        if kind == "day_before_anchor":
            value = _shift(prev_day, -1)
            kind = "point" if value else "period"
        elif kind == "next_day" and prev_day:
            value, kind = _shift(prev_day, 1), "point"
        if name == "m" and m.group("mon").lower().startswith("may") and m.group("prep") is None:
            continue
        before = text[max(0, start - 40):start]
        if kind == "point":
            if _SINCE_BEFORE.search(before) or (name in ("m", "y", "wd") and "since" in m.group(0).lower()[:6]):
                kind = "since"
            elif _ASOF_BEFORE.search(before):
                kind = "asof"
            elif _PERIOD_BEFORE.search(before) or _RX6.search(before[-30:]):
                kind = "period"
        out.append(DateMention(start, end, value, kind, text[start:end]))
        last = end
    return out


def _resolve(name: str, m: re.Match[str], pub: dt.date | None) -> tuple[str | None, str]:
    if name in ("mdy", "dmy"):
        mon = _MONTHS[m.group("mon").lower().rstrip(".")]
        day = int(m.group("day"))
        year = int(m.group("year")) if m.group("year") else _month_year(mon, pub)
        if not 1 <= day <= 31:
            return None, "point"
        return _fmt(year, mon, day), "point"
    if name == "my":
        mon = _MONTHS[m.group("mon").lower().rstrip(".")]
        return _fmt(int(m.group("year")), mon), "point"
    if name == "m":
        mon = _MONTHS[m.group("mon").lower().rstrip(".")]
        prep = (m.group("prep") or "").lower()
        future = prep in ("next",)
        year = _month_year(mon, pub, future)
        if prep == "last" and pub and mon == pub.month:
            year = pub.year - 1
        return _fmt(year, mon), "point"
    if name == "y":
        return _fmt(int(m.group("year"))), "point"
    if name == "wd":
        return _weekday(pub, _WEEKDAYS[m.group("wd").lower()], m.group("mod") or ""), "point"
    return _relative(m.group(0), pub)


def _shift(value: str | None, days: int) -> str | None:
    if not value or len(value) != 10:
        return None
    return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()


def next_day(value: str | None) -> str | None:
    """The day after a day-precision date (for "the next day")."""
    if not value or len(value) != 10:
        return None
    return (dt.date.fromisoformat(value) + dt.timedelta(days=1)).isoformat()
