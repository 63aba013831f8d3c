"""Small text helpers shared by the extraction modules (offset-preserving)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ord(ch) < 128:
        return ch
    if ch in "’‘":
        return "'"
    if ch in "“”":
        return '"'
    if ch in "—–":
        return "-"
    base = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in base if not unicodedata.combining(c))
    return base[0] if len(base) >= 1 else ch


class _FoldTable(dict):
    """str.translate table that folds each non-ASCII character once (a memo, like lru_cache)."""

    def __missing__(self, code: int) -> int:
        out = ord(_fold_char(chr(code))[0])
        self[code] = out
        return out


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Strip accents and unify quotes/dashes, keeping one output char per input char."""
    if text.isascii():
        return text
    return text.translate(_TABLE)


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def bounded(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is not glued to letters/digits on either side."""
    if start > 0 and is_word_char(text[start - 1]) and is_word_char(text[start]):
        return False
    if end < len(text) and is_word_char(text[end]) and is_word_char(text[end - 1]):
        return False
    return True
