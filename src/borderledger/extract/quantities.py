"""Counts of people (and sizes of forces) in news prose, with the spec's hedges.

``find_quantities(text)`` returns every number-like expression with its value and
``kind``: ``exact`` ("135", "Sixty-one"), ``approximate`` ("about/nearly/some N",
"dozens", "several hundred", "many" → value None), ``at_least`` ("more than/over/at
least N") or ``cap`` ("up to N": a ceiling, never a count). ``count_for(...)`` picks
the quantity that counts people (or troops) rather than flights, years or kilometres.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import load

# patterns used inline below, compiled once
_RX0 = re.compile(r"[\s-]+")
_RX1 = re.compile(r"(?<![\w,])(\d{1,3}(?:,\d{3})+|\d+)-(?:member|strong|person)\b")
_RX2 = re.compile(r"[\s,]+")
_RX3 = re.compile(r"[^\s,;:.()]+")
_RX4 = re.compile(r"\s*(?:per|a|for\s+each|each)\s+(?:person|head|deportee|migrant|detainee|inmate|prisoner)\b", re.I)
_RX5 = re.compile(r"(1[6-9]|20)\d\d")
_RX6 = re.compile(r"\s+(?:who|of\s+(?:them|the\s+\w+))\b")
_RX7 = re.compile(r"\b(?:the|The)\s*$")
_RX8 = re.compile(r"\s+of\s+them\b")
_RX9 = re.compile(r"\b(?:the other|the remaining|The other|The remaining)\s+$")

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}

_HEDGES = [
    (r"more than|over|at least|upwards of|in excess of|no fewer than|not less than", "at_least"),
    (r"up to|as many as|no more than|a maximum of|capped at|a cap of|a limit of|at most", "cap"),
    (r"about|around|approximately|roughly|nearly|almost|close to|some|an estimated|estimated|"
     r"just under|just over|fewer than|less than|under|more or less|circa|approx\.", "approximate"),
]
_HEDGE_RX = "|".join(f"(?P<h{i}>{p})" for i, (p, _k) in enumerate(_HEDGES))

_WORDNUM_UNIT = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
                 r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                 r"seventeen|eighteen|nineteen)")
# "Sixty-one", "two hundred", "Two hundred and fifty-two"
_WORDNUM = rf"{_WORDNUM_UNIT}(?:\s+(?:hundred|thousand|million)(?:(?:\s+and)?\s+{_WORDNUM_UNIT}(?![\w-])(?!\s+(?:hundred|thousand|million)))?)?"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = rf"(?:(?P<dig>{_DIGITS})(?:\s*(?P<scale>million|thousand|hundred|billion)\b)?|(?P<word>{_WORDNUM})|(?P<dozen>(?:a|one|two|three|half a)\s+dozen))"
_VAGUE = (r"(?P<vague>tens of thousands|hundreds of thousands|several hundred|several thousand|several dozen|"
          r"a few hundred|a few thousand|a few dozen|dozens|hundreds|thousands|scores|many|most|a handful|"
          r"a smaller number|a small number|a large number|a number|several|a few|numerous|one or two|"
          r"a couple of|a couple)")

_QTY = re.compile(
    rf"(?<![\w$€£§.,-])(?:(?:{_HEDGE_RX})\s+)?(?:{_NUMBER}|{_VAGUE})(?P<orso>\s+or\s+so)?(?![\w%])",
    re.IGNORECASE,
)
_AFTER_BAD = re.compile(
    r"^(?:\s*(?:%|percent|per cent|-year|-month|-day|-week|-hour|-kilometer|-mile|-member|-person|st\b|nd\b|rd\b|th\b)"
    r"|\s+(?:years?|months?|weeks?|days?|hours?|minutes?|km|kilometers?|kilometres?|miles?|a\.m\.|p\.m\.|percent|"
    r"per cent|times|o'clock|decision|vote)\b|-\d|\s*\))",
    re.IGNORECASE,
)
_BEFORE_BAD = re.compile(r"(?:\$|US\$|Title|Camp|Route|No\.|§|Section|section|Rule|C-|MS-|Article|Chapter|"
                         r"Resolution|Form|Flight|page|Rev\.|[A-Za-z]-)\s*$")
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DATE_NEAR = re.compile(rf"(?:\b(?:{_MONTHS})\.?\s+$)", re.IGNORECASE)
_DATE_AFTER = re.compile(rf"^\s+(?:{_MONTHS})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: int | None
    kind: str  # exact | approximate | at_least | cap
    text: str

    @property
    def is_cap(self) -> bool:
        return self.kind == "cap"


def words_to_int(s: str) -> int | None:
    """'Sixty-one' → 61, 'two hundred' → 200, 'nine' → 9; None if not a number phrase."""
    total, current = 0, 0
    seen = False
    for tok in _RX0.split(s.lower().strip()):
        if not tok or tok == "and":
            continue
        if tok in _UNITS:
            current += _UNITS[tok]
        elif tok in _TENS:
            current += _TENS[tok]
        elif tok in _SCALES:
            current = max(current, 1) * _SCALES[tok]
            if _SCALES[tok] >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _value(m: re.Match[str]) -> int | None:
    if m.group("dig"):
        v = float(m.group("dig").replace(",", ""))
        scale = (m.group("scale") or "").lower()
        if scale:
            v *= _SCALES[scale]
        return int(round(v))
    if m.group("word"):
        return words_to_int(m.group("word"))
    if m.group("dozen"):
        d = m.group("dozen").lower()
        return 6 if d.startswith("half") else 12 * (words_to_int(d.split()[0]) or 1 if d.split()[0] != "a" else 1)
    return None


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity expression in ``text`` (never raises; offsets index ``text``)."""
    out: list[Quantity] = []
    for m in _QTY.finditer(text):
        start, end = m.start(), m.end()
        after = text[end:end + 16]
        before = text[max(0, start - 8):start]
        if m.group("vague") is None:
            if _AFTER_BAD.match(after) or _BEFORE_BAD.search(before):
                continue
            if _DATE_NEAR.search(text[max(0, start - 12):start]) or _DATE_AFTER.match(after):
                continue
            if m.group("dig") and _RX5.fullmatch(m.group("dig")) and not m.group("scale"):
                continue  # a year
            if m.group("dig") and end < len(text) and text[end:end + 1] == ":":
                continue  # a time
        hedge_kind = None
        for i, (_p, k) in enumerate(_HEDGES):
            if m.group(f"h{i}"):
                hedge_kind = k
        if m.group("vague"):
            value, kind = None, "approximate"
            v = m.group("vague").lower()
            if v in ("one or two", "a couple", "a couple of"):
                value = None
        else:
            value = _value(m)
            if value is None:
                continue
            kind = hedge_kind or "exact"
            if m.group("dozen") and kind == "exact" and m.group("dozen").lower().startswith(("a ", "half")):
                kind = "approximate" if "about" in text[max(0, start - 7):start].lower() else "exact"
            if m.group("orso"):
                kind = "approximate"
        if hedge_kind == "cap":
            kind = "cap"
        out.append(Quantity(start, end, value, kind, text[start:end]))
    return out


@lru_cache(maxsize=1)
def _people_rx() -> re.Pattern[str]:
    nouns = load("officials.yaml")["people_nouns"]
    return re.compile(r"(?:" + "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True)) + r")\b",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _force_rx() -> re.Pattern[str]:
    nouns = load("officials.yaml")["force_nouns"]
    return re.compile(r"(?:" + "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True)) + r")\b",
                      re.IGNORECASE)


_FILLER = re.compile(
    r"^(?:of|the|them|those|its|their|own|more|additional|other|foreign|convicted|unaccompanied|young|"
    r"adult|male|female|[A-Z][\w'’-]+|[a-z][\w-]*(?:an|ese|ish|i)|[a-z]+-[a-z]+),?$"
)


_DEMONYM_PLURAL = re.compile(r"[A-Z][a-z]+(?:ans|ians|eans|ese|is|ns)\b(?![\s-]+(?:government|authorities|officials|border))")


def noun_after(text: str, q: Quantity, rx: re.Pattern[str]) -> re.Match[str] | None:
    """The people/force noun governed by ``q`` ("131 people", "14 West African nationals")."""
    rest = text[q.end:q.end + 90]
    pos = 0
    for _ in range(5):
        ws = _RX2.match(rest[pos:])
        if not ws:
            return None
        pos += ws.end()
        m = rx.match(rest, pos)
        if m:
            return m
        m = _DEMONYM_PLURAL.match(rest, pos)
        if m and not rx.match(rest, m.end() + 1):
            return m
        tok = _RX3.match(rest[pos:])
        if not tok or not _FILLER.match(tok.group(0)):
            return None
        pos += tok.end()
    return None


def people_quantities(text: str) -> list[Quantity]:
    """Quantities that count people ("131 people", "nearly 300 deportees", "The 97 who")."""
    rx = _people_rx()
    out = []
    for q in find_quantities(text):
        if noun_after(text, q, rx):
            out.append(q)
        elif q.value is not None and _RX6.match(text[q.end:q.end + 20]) \
                and _RX7.search(text[max(0, q.start - 5):q.start]):
            out.append(q)
        elif q.value is not None and _RX8.match(text[q.end:q.end + 12]):
            out.append(q)
        elif q.value is not None and _RX9.search(text[max(0, q.start - 15):q.start]):
            out.append(q)
    return out


def force_quantities(text: str) -> list[Quantity]:
    """Quantities sizing a force ("10,000 troops", "some 800 members", "1,100-member unit")."""
    rx = _force_rx()
    out = []
    for q in find_quantities(text):
        if noun_after(text, q, rx):
            out.append(q)
    for m in _RX1.finditer(text):
        v = int(m.group(1).replace(",", ""))
        out.append(Quantity(m.start(), m.end(), v, "exact", m.group(0)))
    out.sort(key=lambda q: q.start)
    return out


@dataclass(frozen=True)
class Money:
    start: int
    end: int
    usd: int | None  # None when not a lump sum in US dollars
    text: str


_MONEY = re.compile(
    r"(?P<cur>US\$|\$|USD\s?|€|£|EUR\s?)\s?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<scale>million|billion|thousand|m\b|bn\b)?"
    r"(?P<per>\s+(?:per|a|for\s+each|each)\s+(?:person|head|deportee|migrant|detainee|inmate|prisoner|day|month|year))?"
    r"|(?P<num2>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<scale2>million|billion|thousand)?\s+(?P<cur2>dollars|euros|pesos)",
    re.IGNORECASE,
)


def find_money(text: str) -> list[Money]:
    """Money amounts; ``usd`` is set only for lump sums in US dollars."""
    out = []
    for m in _MONEY.finditer(text):
        num = m.group("num") or m.group("num2")
        scale = (m.group("scale") or m.group("scale2") or "").lower()
        cur = (m.group("cur") or m.group("cur2") or "").strip().lower()
        v = float(num.replace(",", ""))
        v *= {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "thousand": 1e3}.get(scale, 1)
        per = m.group("per") or _RX4.match(text[m.end():m.end() + 30])
        usd = int(round(v)) if cur in ("$", "us$", "usd", "dollars") and not per else None
        out.append(Money(m.start(), m.end(), usd, m.group(0)))
    return out
