from __future__ import annotations

import pytest
from sqlalchemy import func, select

from borderledger.ledger import Ledger, Run
from borderledger.ledger.blobs import sha256_hex
from borderledger.ledger.tables import ExtractionRunRow, FactRow, SourceRow
from borderledger.model import Fact, RawSource, Span

from ..helpers import STORY


def raw(data: bytes = STORY.encode(), **kw) -> RawSource:
    return RawSource(data=data, media_type="text/plain", **kw)


def transfer(text: str, receiver: str = "HN") -> Fact:
    i = text.index("64")
    return Fact("transfer", {"sender": "US", "receiver": receiver, "count": 64,
                             "count_kind": "exact"}, [Span.of(text, i, i + 20)], 0.8, "test")


def test_source_bytes_are_kept_by_sha256(ledger):
    sid = ledger.add_source(raw(corpus_id="a"), STORY, "given")
    sha = sha256_hex(STORY.encode())
    assert ledger.blobs.get(sha) == STORY.encode()
    assert ledger.blobs.verify(sha)
    with ledger.session() as s:
        assert s.get(SourceRow, sid).sha256 == sha
    assert ledger.has_source(sha)


def test_same_bytes_twice_is_refused_by_the_unique_hash(ledger):
    ledger.add_source(raw(), STORY, "given")
    with pytest.raises(Exception):
        ledger.add_source(raw(), STORY, "given")
    assert ledger.stats()["sources"] == 1


def test_failed_fact_write_leaves_no_half_written_source(ledger):
    bad = transfer(STORY)
    bad.evidence.append(bad.evidence[0])  # duplicate span violates a unique constraint
    run = Run("test", "1")
    with pytest.raises(Exception):
        ledger.add_source(raw(), STORY, "given", facts=[bad], run=run)
    stats = ledger.stats()
    assert (stats["sources"], stats["documents"], stats["facts_all_runs"], stats["runs"]) == (0, 0, 0, 0)
    assert run.id is None and run.n_documents == 0


def test_run_row_is_written_with_its_first_document(ledger):
    run = Run("test", "1")
    ledger.add_source(raw(corpus_id="a"), STORY, "given", facts=[transfer(STORY)], run=run)
    ledger.finish_run(run)
    with ledger.session() as s:
        row = s.get(ExtractionRunRow, run.id)
        assert (row.n_documents, row.n_facts) == (1, 1)
        assert row.finished_at is not None


def test_current_facts_come_from_each_documents_latest_run(ledger):
    first = Run("test", "1")
    ledger.add_source(raw(corpus_id="a"), STORY, "given", facts=[transfer(STORY, "HN")], run=first)
    (doc_row, doc), = list(ledger.documents())
    second = Run("test", "2")
    ledger.record_extraction(doc_row, [transfer(STORY, "GT")], second)
    current = [(d, f.fields["receiver"]) for d, f in ledger.current_facts()]
    assert current == [("a", "GT")]
    with ledger.session() as s:  # the old run's fact is kept, not overwritten
        assert s.scalar(select(func.count()).select_from(FactRow)) == 2


def test_a_run_that_found_nothing_hides_older_facts(ledger):
    ledger.add_source(raw(corpus_id="a"), STORY, "given", facts=[transfer(STORY)], run=Run("t", "1"))
    (doc_row, _), = list(ledger.documents())
    ledger.record_extraction(doc_row, [], Run("t", "2"))
    assert list(ledger.current_facts()) == []


def test_documents_carry_corpus_metadata(ledger):
    ledger.add_source(raw(corpus_id="doc-1", published="2025-02-20", outlet="Example Wire"),
                      STORY, "given")
    (_, doc), = list(ledger.documents())
    assert (doc.id, doc.published, doc.outlet, doc.text) == ("doc-1", "2025-02-20", "Example Wire", STORY)


def test_files_without_corpus_id_are_named_by_hash(ledger):
    ledger.add_source(raw(), STORY, "given")
    (_, doc), = list(ledger.documents())
    assert doc.id == "sha256:" + sha256_hex(STORY.encode())[:16]


def test_sqlite_runs_in_wal_mode_with_foreign_keys(ledger):
    with ledger.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
