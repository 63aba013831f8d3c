"""Cut a text into pieces at evidence boundaries, so overlapping spans can all be marked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Piece:
    text: str
    covers: list[Any] = field(default_factory=list)  # keys of spans covering the whole piece
    starts: list[Any] = field(default_factory=list)  # keys of spans starting here


def pieces(text: str, spans: list[tuple[int, int, Any]], lo: int = 0,
           hi: int | None = None) -> list[Piece]:
    """``text[lo:hi]`` as pieces; spans are ``(start, end, key)``, clipped to the window."""
    hi = len(text) if hi is None else min(hi, len(text))
    lo = max(0, lo)
    spans = [(max(s, lo), min(e, hi), k) for s, e, k in spans
             if 0 <= s < e <= len(text) and e > lo and s < hi]
    bounds = sorted({lo, hi, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    starts: dict[int, list] = {}
    ends: dict[int, list] = {}
    for s, e, k in spans:
        starts.setdefault(s, []).append(k)
        ends.setdefault(e, []).append(k)
    active: list = []
    out = []
    for a, b in zip(bounds, bounds[1:]):
        for k in ends.get(a, []):
            active.remove(k)
        begun = starts.get(a, [])
        active.extend(begun)
        out.append(Piece(text[a:b], list(active), list(begun)))
    return out


def window(text: str, start: int, end: int, context: int = 280) -> tuple[int, int]:
    """A window around ``[start, end)`` that starts and ends on word boundaries."""
    lo, hi = max(0, start - context), min(len(text), end + context)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    return lo, hi
