"""PDF → text with pypdf, keeping where each page starts so evidence can cite pages."""

from __future__ import annotations

import io
import logging
from bisect import bisect_right

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ..errors import InputError

PAGE_BREAK = "\n\n"


def pdf_to_text(data: bytes) -> tuple[str, list[int]]:
    """Return (text, start offset of each page). Raises InputError when there is no text."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"unreadable PDF ({exc})") from exc
    if not any(p.strip() for p in pages):
        raise InputError("PDF has no text layer (a scan?); OCR is not supported")
    starts, parts, offset = [], [], 0
    for text in pages:
        starts.append(offset)
        parts.append(text)
        offset += len(text) + len(PAGE_BREAK)
    return PAGE_BREAK.join(parts), starts


def page_of(starts: list[int], offset: int) -> int:
    """1-based page number holding a character offset."""
    return max(1, bisect_right(starts, offset))


def page_label(starts: list[int] | None, offset: int, end: int | None = None) -> str | None:
    """How to cite an evidence span of a PDF: "p. 3", or "pp. 3–4" when it crosses a page
    break. None for a document without pages (not a PDF)."""
    if not starts:
        return None
    first = page_of(starts, offset)
    last = page_of(starts, max(offset, (end or offset) - 1))
    return f"p. {first}" if first == last else f"pp. {first}\u2013{last}"
