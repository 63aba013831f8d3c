"""Is a statement asserted, negated, denied, hypothetical, planned or blocked?

``assess(sentence, start, end)`` looks at the clause around a trigger (offsets relative
to the sentence). Denials ("officials denied that a flight landed"), negation close
before the trigger ("had not agreed"), conditionals and hypotheticals ("if the deal is
signed", "could be sent", "whether to return") yield no fact; "will / is expected to /
is scheduled" marks a plan; "canceled / called off / turned down / blocked" a blocked
event. A "not … but" contrast restores the assertion after "but".
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import phrase_regex, triggers

# patterns used inline below, compiled once
_RX0 = re.compile(r"\s+(?:would|could|might)\s+(?:be|have|get|receive)\b")
_RX1 = re.compile(r"^\s*(?:Should|Were|Had)\b")
_RX2 = re.compile(r"\s*(?:not|never)\b", re.I)
_RX3 = re.compile(r"\s*(?:has|have|had|was|were|is|are|did|does|do)\s+(?:not|never)\b|\s*(?:hasn't|haven't|hadn't|wasn't|weren't|didn't)\b", re.I)
_RX4 = re.compile(r"\b(?:that|which|who|whose|since|after|following|before|until)\b")
_RX5 = re.compile(r"\b(?:is|are)\s+(?:scheduled|expected|planned|due|set)\b|\bnext week\b|\blater this month\b", re.I)
_RX6 = re.compile(r"\bnot only\b|\bno fewer\b|\bnot less\b", re.I)

ASSERTED, NEGATED, DENIED, HYPOTHETICAL, PLANNED, BLOCKED = (
    "asserted", "negated", "denied", "hypothetical", "planned", "blocked")

_CLAUSE_BREAK = re.compile(r";|\s[—–]\s|—|:\s|\.\s")
_BUT = re.compile(r"\bbut\b|\bwhile\b|\bwhereas\b|\band\s+(?=that\b)", re.I)


@lru_cache(maxsize=None)
def _rx(name: str) -> re.Pattern[str]:
    words = triggers("modality", name)
    if name == "negation":
        return re.compile(r"(?<![\w-])(?:not|never|no|none|neither|nor|no\s+longer|cannot)(?![\w-])|n't\b", re.I)
    if name == "hypothetical":
        # the month "May" is not the modal "may"
        base = phrase_regex(tuple(w for w in words if w != "may"))
        return re.compile(base.pattern + r"|(?<![\w-])(?-i:may)(?![\w-])", base.flags)
    return phrase_regex(tuple(words))


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause containing [start, end): cut at semicolons, dashes and colons."""
    left = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, start):
        left = m.end()
    right = len(sentence)
    m = _CLAUSE_BREAK.search(sentence, end)
    if m:
        right = m.start()
    return left, right


def assess(sentence: str, start: int, end: int, *, window: int = 9) -> str:
    """Modality of the trigger at sentence[start:end]."""
    left, right = clause_bounds(sentence, start, end)
    pre_full = sentence[:start]
    pre = sentence[left:start]
    post = sentence[end:right]
    if _rx("denial").search(pre_full):
        return DENIED
    # a "not X but Y" contrast: only what follows the last "but" counts
    cut = 0
    for m in _BUT.finditer(pre):
        cut = m.end()
    pre_c = pre[cut:]
    toks = pre_c.split()
    near = " ".join(toks[-window:])
    if _rx("negation").search(near) and not _RX6.search(near):
        return NEGATED
    if _RX2.match(post) or _RX3.match(post):
        return NEGATED
    if _rx("hypothetical").search(pre_c):
        return HYPOTHETICAL
    # the trigger inside a subject whose verb is conditional: "those it accepted would be offered …"
    if _RX0.match(post):
        return HYPOTHETICAL
    if _RX1.match(sentence):
        return HYPOTHETICAL
    # a blocking word after the trigger counts only close by and outside a relative clause
    # ("flights that were called off" yes; "a deal … that called off tariffs" no)
    # … nor inside a temporal clause about something else ("the first return since Caracas halted the flights")
    post_near = _RX4.split(post, maxsplit=1)[0]
    post_near = " ".join(post_near.split()[:16])
    if _rx("blocked").search(pre_c) or _rx("blocked").search(post_near):
        return BLOCKED
    if _rx("planned").search(pre_c) or _RX5.search(post):
        return PLANNED
    return ASSERTED


def is_question(sentence: str) -> bool:
    return sentence.rstrip().rstrip("\"'”’)").endswith("?")


def has_cap(text: str) -> bool:
    return bool(_rx("caps").search(text))
