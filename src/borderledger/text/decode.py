"""Bytes → str for plain-text sources: BOMs, UTF-8, then a charset guess; binary refused."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean "not text"."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


_WESTERN = re.compile(r"[\sA-Za-z0-9\u00c0-\u00ff.,;:!?'\"()\[\]%&/+\-\u2013\u2014\u2018\u2019\u201c\u201d$#@*]")


def _as_cp1252(data: bytes) -> str | None:
    """Windows-1252 (a superset of Latin-1, as browsers read it) when the result reads as
    Western-European prose; the usual legacy encoding of English and Spanish news."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    plain = len(_WESTERN.findall(text))
    return text if plain >= 0.98 * len(text) else None


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises InputError for empty or binary data."""
    if not data.strip():
        raise InputError("empty file (no text)")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise InputError(f"broken {enc} text after its byte-order mark: {exc.reason}") from exc
    if looks_binary(data):
        raise InputError("binary content, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    western = _as_cp1252(data)
    if western is not None:
        return western, "cp1252"
    best = from_bytes(data).best()
    if best is None:
        raise InputError("cannot tell the text encoding (not UTF-8, no known charset fits)")
    return str(best), best.encoding
