"""Text stage: original bytes → plain text with stable offsets."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..model import RawSource
from .decode import decode_text
from .html import html_to_text
from .pdf import pdf_to_text

__all__ = ["Extracted", "to_text"]


@dataclass(frozen=True)
class Extracted:
    text: str
    converter: str
    pages: list[int] | None = None
    title: str | None = None


def to_text(raw: RawSource) -> Extracted:
    """Turn a captured source into text, by media type. Raises InputError."""
    if raw.text is not None:
        if not raw.text.strip():
            raise InputError("empty text")
        return Extracted(raw.text, "given")
    mt = raw.media_type
    if mt == "text/html":
        text, title = html_to_text(raw.data)
        return Extracted(text, "trafilatura", title=title)
    if mt == "application/pdf":
        text, pages = pdf_to_text(raw.data)
        return Extracted(text, "pypdf", pages=pages)
    if mt.startswith("text/"):
        text, enc = decode_text(raw.data)
        return Extracted(text, f"decode:{enc}")
    raise InputError(f"no text converter for media type {mt}")
