from __future__ import annotations

import json

import pytest

from borderledger.capture import read_units
from borderledger.capture.corpus import canonical_bytes, parse_record
from borderledger.errors import InputError

from ..helpers import corpus_line, write_corpus


def test_each_line_becomes_a_unit_with_metadata(tmp_path):
    path = write_corpus(tmp_path / "c.jsonl", [
        {"id": "a", "published": "2025-02-20", "outlet": "Wire", "url": "https://example.org/a"},
        {"id": "b"},
    ])
    units = list(read_units([path]))
    assert [u.raw.corpus_id for u in units] == ["a", "b"]
    assert units[0].raw.published == "2025-02-20" and units[0].raw.outlet == "Wire"
    assert units[0].where.endswith("c.jsonl:1")


def test_malformed_line_is_reported_with_its_line_number(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(corpus_line(id="a") + "\n{not json\n" + corpus_line(id="c") + "\n")
    units = list(read_units([path]))
    bad = [u for u in units if u.error]
    assert len(bad) == 1 and bad[0].where.endswith("c.jsonl:2")
    assert "malformed JSON" in bad[0].error


@pytest.mark.parametrize("record, message", [
    ({"text": "words"}, "missing or empty 'id'"),
    ({"id": "", "text": "words"}, "missing or empty 'id'"),
    ({"id": "x"}, "no 'text'"),
    ({"id": "x", "text": "   "}, "empty 'text'"),
    ({"id": "x", "text": "t", "published": "20/02/2025"}, "YYYY-MM-DD"),
    ({"id": "x", "text": "t", "published": "2025-02-31"}, "YYYY-MM-DD"),
    ({"id": "x", "text": "t", "title": 5}, "'title' must be a string"),
])
def test_invalid_records_are_named(record, message):
    with pytest.raises(InputError, match=message):
        parse_record(json.dumps(record))


def test_a_json_array_is_not_a_record():
    with pytest.raises(InputError, match="JSON object"):
        parse_record("[1, 2]")


def test_duplicate_ids_in_one_corpus_are_an_error(tmp_path):
    path = write_corpus(tmp_path / "c.jsonl", [{"id": "a"}, {"id": "b"}, {"id": "a", "text": "other"}])
    errors = [u for u in read_units([path]) if u.error]
    assert len(errors) == 1 and "duplicate id 'a' (first on line 1)" in errors[0].error


def test_equal_records_have_equal_bytes_whatever_the_key_order():
    assert canonical_bytes({"id": "a", "text": "t"}) == canonical_bytes({"text": "t", "id": "a"})


def test_blank_lines_are_ignored(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n" + corpus_line(id="a") + "\n\n")
    assert [u.raw.corpus_id for u in read_units([path])] == ["a"]
