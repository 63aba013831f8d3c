"""events.jsonl: merged events with every field's values and the sources stating them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from ..ledger import Ledger
from ..ledger.resolution import resolve
from .atomic import atomic_text


def export_events(ledger: Ledger, out: str | Path, *, as_of: datetime | None = None) -> int:
    """Resolve (as of a time, if given) and write one event per line, atomically."""
    events = resolve(ledger, as_of=as_of)
    with atomic_text(out) as fh:
        for event in events:
            fh.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
    return len(events)
