"""Where the bundled demo corpus is: shipped in the package, else the checkout's samples/."""

from __future__ import annotations

from pathlib import Path

from .errors import BorderLedgerError

_PACKAGED = Path(__file__).with_name("samples") / "demo"
_CHECKOUT = Path(__file__).resolve().parents[2] / "samples" / "demo"


def demo_corpus() -> list[Path]:
    """The demo's inputs: its corpus.jsonl and the sample files beside it (not its gold)."""
    for folder in (_PACKAGED, _CHECKOUT):
        corpus = folder / "corpus.jsonl"
        if corpus.is_file():
            files = folder / "files"
            return [corpus, files] if files.is_dir() else [corpus]
    raise BorderLedgerError("the demo corpus is missing (expected samples/demo/corpus.jsonl)")
