"""BorderLedger: an evidence ledger of outsourced deportation and border enforcement."""

from .model import Document, Fact, RawSource, Span

__version__ = "0.1.0"

__all__ = ["Document", "Fact", "RawSource", "Span", "__version__"]
