from __future__ import annotations

import json

import pytest

from borderledger.export.atomic import atomic_text
from borderledger.export.facts import fact_line
from borderledger.ledger.tables import EvidenceRow
from borderledger.model import FACT_FIELDS


def test_fact_line_has_the_spec_fields_in_order_with_unknowns_filled():
    ev = [EvidenceRow(start=3, end=9, quote="flight")]
    line = fact_line("doc-1", "detention", {"country": "PA", "count": 97}, ev)
    assert list(line) == ["doc", "type", *FACT_FIELDS["detention"], "evidence"]
    assert line["nationalities"] == [] and line["count_kind"] == "unknown"
    assert line["evidence"] == [{"start": 3, "end": 9, "quote": "flight"}]


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path):
    out = tmp_path / "facts.jsonl"
    out.write_text('{"old": true}\n')
    with pytest.raises(RuntimeError):
        with atomic_text(out) as fh:
            fh.write('{"new": ')
            raise RuntimeError("disk full")
    assert json.loads(out.read_text()) == {"old": True}
    assert [p.name for p in tmp_path.iterdir()] == ["facts.jsonl"]
