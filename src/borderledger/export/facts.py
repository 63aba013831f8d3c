"""facts.jsonl exactly as spec/facts.md describes: one line per current fact."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from ..ledger import Ledger
from ..model import FACT_FIELDS
from .atomic import atomic_text


def fact_line(doc_id: str, fact_type: str, fields: dict[str, Any], evidence) -> dict[str, Any]:
    """The spec's object: doc, type, the type's fields in order, evidence."""
    out: dict[str, Any] = {"doc": doc_id, "type": fact_type}
    for name, default in FACT_FIELDS[fact_type].items():
        out[name] = fields.get(name, default)
    out["evidence"] = [{"start": e.start, "end": e.end, "quote": e.quote} for e in evidence]
    return out


def iter_fact_lines(ledger: Ledger, *, include_rejected: bool = False):
    for doc_id, fact in ledger.current_facts():
        if fact.status == "rejected" and not include_rejected:
            continue
        yield fact_line(doc_id, fact.type, fact.fields, fact.evidence)


def write_jsonl(lines, fh: TextIO) -> int:
    n = 0
    for obj in lines:
        fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        n += 1
    return n


def export_facts(ledger: Ledger, out: str | Path) -> int:
    """Write facts.jsonl atomically (a temp file renamed into place); return the count."""
    with atomic_text(out) as fh:
        return write_jsonl(iter_fact_lines(ledger), fh)
