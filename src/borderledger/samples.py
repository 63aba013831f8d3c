"""Where the bundled demo corpus is: shipped in the package, else the checkout's samples/."""

from __future__ import annotations

from pathlib import Path

from .errors import BorderLedgerError

_PACKAGED = Path(__file__).with_name("samples") / "demo"
_CHECKOUT = Path(__file__).resolve().parents[2] / "samples" / "demo"


def demo_corpus() -> Path:
    for candidate in (_PACKAGED, _CHECKOUT):
        if (candidate / "corpus.jsonl").is_file():
            return candidate
    raise BorderLedgerError("the demo corpus is missing (expected samples/demo/corpus.jsonl)")
