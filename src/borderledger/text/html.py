"""HTML → article text with trafilatura (precision mode: no comments, no boilerplate)."""

from __future__ import annotations

import trafilatura

from ..errors import InputError
from .decode import decode_text

MIN_FALLBACK_WORDS = 12


def html_to_text(data: bytes) -> tuple[str, str | None]:
    """Return (article text, title or None). Scripts, styles and navigation are dropped."""
    markup, _ = decode_text(data)
    options = dict(include_comments=False, favor_precision=True, include_tables=True)
    text = trafilatura.extract(markup, fast=True, **options)
    if not text:  # the fallback extractors also return navigation crumbs: demand some prose
        text = trafilatura.extract(markup, **options)
        if text and len(text.split()) < MIN_FALLBACK_WORDS:
            text = None
    if not text or not text.strip():
        raise InputError("no article text found in the HTML page")
    meta = trafilatura.extract_metadata(markup)
    title = meta.title if meta is not None else None
    return text, title
