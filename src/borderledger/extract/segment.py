"""Split an article into paragraphs and sentences, dropping page clutter.

Clutter yields no facts: headlines and section headings (lines without sentence-final
punctuation), bylines, photo captions and credits, cookie banners, share bars, ads,
newsletter prompts, copyright lines, and "Related" / "Most read" lists (the header and
the items under it). Offsets always index the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import phrase_regex, triggers

# patterns used inline below, compiled once
_RX0 = re.compile(r"(?:[a-z]\.)+[a-z]")
_RX1 = re.compile(r"cookie|©|Share this|Subscribe|Sign up", re.I)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    para: int  # paragraph index
    index: int  # sentence index in the document


_ABBREV = frozenset(
    "mr mrs ms dr st gen sen rep gov lt col sgt jr sr inc co corp no vs v ave jan feb mar apr "
    "jun jul aug sep sept oct nov dec u.s u.n u.k d.c e.g i.e approx est dept univ adm capt cmdr "
    "pres prof rev ft mt".split()
)
_LAST_WORD = re.compile(r"([\w.]+)$")
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"“'‘(\[]?[A-Z0-9])|\)(?=[A-Z])")
_CREDIT = re.compile(r"\((?:[^()]{0,80}(?:Getty Images|AP Photo|Reuters|AFP|/ Pool|Photo:|EPA)[^()]{0,40})\)")
_TERMINAL = re.compile(r"[.!?][\"'”’)\]]*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-•*·]|\d{1,2}[.)])\s+")
_BYLINE = re.compile(r"^\s*(?:By|BY|Por)\s+[A-Z][\w .'’-]*(?:\||$|,)")


def _header_rx() -> re.Pattern[str]:
    heads = triggers("clutter", "headers")
    return re.compile(r"^\s*(?:" + "|".join(re.escape(h) for h in heads) + r")\b", re.I)


def _clutter_line_rx() -> re.Pattern[str]:
    return phrase_regex(tuple(triggers("clutter", "lines")))


@lru_cache(maxsize=1)
def _rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return _header_rx(), _clutter_line_rx()


def paragraphs(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_clutter) for each non-empty line of ``text``."""
    header, clutter = _rx()
    out: list[tuple[int, int, bool]] = []
    pos = 0
    in_list = False
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        body = line.strip()
        if not body:
            continue
        lead = len(line) - len(line.lstrip())
        s, e = start + lead, start + lead + len(body)
        words = len(body.split())
        _b = body.rstrip("\"'”’)]")
        terminal = bool(_b) and _b[-1] in ".!?"  # same as _TERMINAL on a stripped line, without a regex
        is_clutter = False
        if header.match(body) and (words <= 6 or not terminal or ":" in body[:30]):
            is_clutter, in_list = True, True
        elif in_list and (_LIST_ITEM.match(body) or not terminal or words <= 12):
            is_clutter = True
        else:
            in_list = False
            if _BYLINE.match(body) or (words <= 12 and clutter.search(body)):
                is_clutter = True
            elif _RX1.search(body) and clutter.search(body):
                is_clutter = True
            elif not terminal and words < 40:
                is_clutter = True  # headline, heading, kicker, menu line
            elif body.endswith("?") and words < 30:
                is_clutter = True  # section question in explainers / op-eds
        out.append((s, e, is_clutter))
    return out


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    chunk = text[start:end]
    cuts = [0]
    for m in _BOUNDARY.finditer(chunk):
        cut = m.end()
        if m.group(0) == ")":
            pass
        else:
            before = chunk[max(0, m.start() - 24):m.start()]
            word = _LAST_WORD.search(before)
            if word:
                w = word.group(1).lower().rstrip(".")
                if w in _ABBREV or (len(w) == 1 and w.isalpha()) or _RX0.fullmatch(w):
                    continue
        cuts.append(cut)
    cuts.append(len(chunk))
    spans = []
    for a, b in zip(cuts, cuts[1:]):
        seg = chunk[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if seg.strip():
            spans.append((start + a + lead, start + b - trail))
    return spans


def segment(text: str, paras: list[tuple[int, int, bool]] | None = None) -> list[Sentence]:
    """The document's content sentences, clutter removed, with exact offsets."""
    out: list[Sentence] = []
    for p_idx, (s, e, is_clutter) in enumerate(paras if paras is not None else paragraphs(text)):
        if is_clutter:
            continue
        spans = _split(text, s, e)
        # a photo credit "(Name / Pool / AFP via Getty Images)" marks the sentence before it
        # as a caption: drop both
        drop = set()
        for i, (a, b) in enumerate(spans):
            if _CREDIT.search(text[a:b]):
                drop.add(i)
                if i > 0:
                    drop.add(i - 1)
        for i, (a, b) in enumerate(spans):
            if i in drop:
                continue
            body = text[a:b]
            if len(body.split()) < 3:
                continue
            out.append(Sentence(a, b, body, p_idx, len(out)))
    return out


_DATELINE = re.compile(
    r"^\s*([A-ZÁÉÍÓÚÑÜ][A-ZÁÉÍÓÚÑÜ.'’ -]{2,}?)(?:,\s*([A-Z][\w.'’ -]+?))?\s*(?:\([^)]{1,40}\))?\s*[—–-]{1,2}\s"
)
_DATELINE_LOOSE = re.compile(r"^\s*([A-Z][\w.'’ -]{2,30}?),\s*\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*[—–-]")


def dateline(text: str, paras: list[tuple[int, int, bool]] | None = None) -> tuple[int, int, list[str]] | None:
    """The dateline of the first content paragraph: (start, end, [place strings])."""
    for s, e, is_clutter in (paras if paras is not None else paragraphs(text)):
        if is_clutter:
            continue
        para = text[s:e]
        m = _DATELINE.match(para)
        if m:
            places = [g for g in (m.group(2), m.group(1)) if g]
            return s + m.start(1), s + m.end(1 if not m.group(2) else 2), [p.strip() for p in places]
        m = _DATELINE_LOOSE.match(para)
        if m:
            return s + m.start(1), s + m.end(1), [m.group(1).strip()]
        return None
    return None
