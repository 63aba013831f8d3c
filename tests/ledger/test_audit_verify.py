from __future__ import annotations

import sqlite3

import pytest

from borderledger.cli import app
from borderledger.ledger import Ledger, Run
from borderledger.ledger.accounts import add_user
from borderledger.ledger.audit import entries
from borderledger.ledger.review import review
from borderledger.ledger.verify import verify
from borderledger.model import Fact, RawSource, Span

TEXTS = [
    "Guatemala received 120 people on a removal flight from Louisiana on Monday.",
    "A court in Washington heard arguments over the flights to El Salvador on Friday.",
]


@pytest.fixture
def filled(tmp_path):
    db = tmp_path / "l.db"
    with Ledger(str(db), actor="tester") as lg:
        run = Run("t", "1")
        for i, text in enumerate(TEXTS):
            fact = Fact("transfer", {"sender": "US", "receiver": "GT", "count": 120},
                        [Span.of(text, 0, 20)])
            lg.add_source(RawSource(text.encode(), "text/plain", corpus_id=f"d{i}"), text, "given",
                          facts=[fact], run=run)
        add_user(lg, "rita", "reviewer", "a long enough password")
        review(lg, 1, "confirm", "rita")
    return db


def _sql(db, statement, *args):
    con = sqlite3.connect(db)
    con.execute(statement, args)
    con.commit()
    con.close()


def test_every_change_is_chained(filled):
    with Ledger(str(filled)) as lg, lg.session() as s:
        actions = [e.action for e in entries(s)]
    assert actions == ["source.add", "facts.extract", "source.add", "facts.extract", "user.add",
                       "fact.confirm"]


def test_untouched_ledger_verifies(filled):
    with Ledger(str(filled)) as lg:
        report = verify(lg)
    assert report.ok, report.problems
    assert (report.blobs_checked, report.entries_checked, report.facts_checked) == (2, 6, 2)


def test_one_changed_byte_in_a_blob_is_named(filled):
    with Ledger(str(filled)) as lg:
        (sha,) = [r[0] for r in sqlite3.connect(filled).execute("select sha256 from sources where id=2")]
        path = lg.blobs.path(sha)
    data = bytearray(path.read_bytes())
    data[0] ^= 1
    path.write_bytes(bytes(data))
    with Ledger(str(filled)) as lg:
        problems = verify(lg).problems
    assert problems == [f"source 2: blob {sha[:16]}… was altered (its bytes no longer hash to its name)"]


def test_an_edited_fact_row_is_named(filled):
    _sql(filled, "update facts set fields = json_set(fields, '$.count', 500) where id = 2")
    with Ledger(str(filled)) as lg:
        problems = verify(lg).problems
    assert len(problems) == 1 and problems[0].startswith("fact 2: altered outside the ledger")


def test_a_status_flipped_in_sql_is_named(filled):
    _sql(filled, "update facts set status = 'confirmed' where id = 2")
    with Ledger(str(filled)) as lg:
        assert [p.split(":")[0] for p in verify(lg).problems] == ["fact 2"]


def test_a_deleted_audit_entry_is_named(filled):
    _sql(filled, "delete from audit_log where id = 3")
    with Ledger(str(filled)) as lg:
        problems = verify(lg).problems
    assert problems == ["audit entry #3 is missing (the chain jumps to #4)"]


def test_an_altered_audit_entry_is_named(filled):
    _sql(filled, "update audit_log set actor = 'someone else' where id = 5")
    with Ledger(str(filled)) as lg:
        problems = verify(lg).problems
    assert problems == ["audit entry #5 (user.add user:rita) was altered: its content no longer "
                        "matches its hash"]


def test_removing_the_newest_entries_is_noticed(filled):
    _sql(filled, "delete from audit_log where id = 6")
    _sql(filled, "update audit_head set last_id = 5, hash = (select hash from audit_log where id = 5)")
    with Ledger(str(filled)) as lg:
        problems = verify(lg).problems
    assert "audit entries #6..#6 are missing (the checkpoint file has seen them)" in problems


def test_verify_command_exits_non_zero_on_tampering(runner, filled):
    ok = runner.invoke(app, ["verify", "--db", str(filled)])
    assert ok.exit_code == 0, ok.output
    _sql(filled, "delete from audit_log where id = 2")
    bad = runner.invoke(app, ["verify", "--db", str(filled)])
    assert bad.exit_code == 1
    assert "audit entry #2 is missing" in bad.output
