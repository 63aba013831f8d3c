"""facts.jsonl exactly as spec/facts.md describes: one line per current fact."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from ..ledger import Ledger, privacy
from ..model import FACT_FIELDS
from .atomic import atomic_text


def fact_line(doc_id: str, fact_type: str, fields: dict[str, Any], evidence) -> dict[str, Any]:
    """The spec's object: doc, type, the type's fields in order, evidence."""
    out: dict[str, Any] = {"doc": doc_id, "type": fact_type}
    for name, default in FACT_FIELDS[fact_type].items():
        out[name] = fields.get(name, default)
    out["evidence"] = [{"start": e.start, "end": e.end, "quote": e.quote} for e in evidence]
    return out


def iter_fact_lines(ledger: Ledger, *, include_rejected: bool = False, public: bool = False):
    """Spec lines of current facts; ``public`` masks private individuals' names."""
    facts = [(d, f) for d, f in ledger.current_facts()
             if include_rejected or f.status != "rejected"]
    masker = privacy.masker(ledger, {f.document_id for _, f in facts}) if public else None
    for doc_id, fact in facts:
        line = fact_line(doc_id, fact.type, fact.fields, fact.evidence)
        if masker is not None:
            for name, value in line.items():
                if name not in ("doc", "type", "evidence"):
                    line[name] = masker.mask_value(fact.document_id, value)
            for ev in line["evidence"]:
                ev["quote"] = masker.mask(fact.document_id, ev["quote"], ev["start"])
        yield line


def write_jsonl(lines, fh: TextIO) -> int:
    n = 0
    for obj in lines:
        fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        n += 1
    return n


def export_facts(ledger: Ledger, out: str | Path, *, public: bool = False) -> int:
    """Write facts.jsonl atomically (a temp file renamed into place); return the count."""
    with atomic_text(out) as fh:
        return write_jsonl(iter_fact_lines(ledger, public=public), fh)
