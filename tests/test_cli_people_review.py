"""Accounts, review and people commands end to end."""

from __future__ import annotations

import json

from borderledger.cli import app
from borderledger.ledger import Ledger, Run
from borderledger.ledger.review import history
from borderledger.model import Fact, RawSource, Span

TEXT = "Officials said 61 men, among them Dario Esteban Lugo, were flown to Honduras on Friday."


def _db(tmp_path):
    db = tmp_path / "l.db"
    from borderledger.extract.persons import find_persons

    with Ledger(str(db)) as lg:
        fact = Fact("transfer", {"sender": "US", "receiver": "HN", "count": 61,
                                 "count_kind": "exact"}, [Span.of(TEXT, 0, len(TEXT))])
        lg.add_source(RawSource(TEXT.encode(), "text/plain", corpus_id="x"), TEXT, "given",
                      facts=[fact], run=Run("t", "1"), mentions=find_persons(TEXT))
    return str(db)


def test_user_add_reads_the_password_from_stdin(runner, tmp_path):
    db = _db(tmp_path)
    ok = runner.invoke(app, ["user", "add", "rita", "--role", "admin", "--password-stdin", "--db", db],
                       input="a very long password\n")
    assert ok.exit_code == 0, ok.output
    short = runner.invoke(app, ["user", "add", "sam", "--password-stdin", "--db", db], input="short\n")
    assert short.exit_code == 2 and "at least" in short.output
    listing = runner.invoke(app, ["user", "list", "--db", db])
    assert "rita" in listing.output and "admin" in listing.output


def test_review_commands_write_versions(runner, tmp_path):
    db = _db(tmp_path)
    assert runner.invoke(app, ["review", "queue", "--db", db]).output.count("transfer") == 1
    edit = runner.invoke(app, ["review", "edit", "1", "--actor", "rita", "--fields", '{"count": 62}',
                               "--db", db])
    assert edit.exit_code == 0, edit.output
    bad = runner.invoke(app, ["review", "edit", "1", "--actor", "rita", "--fields", "[1]", "--db", db])
    assert bad.exit_code == 2
    assert runner.invoke(app, ["review", "confirm", "1", "--actor", "rita", "--db", db]).exit_code == 0
    with Ledger(db) as lg:
        assert [v["action"] for v in history(lg, 1)] == ["propose", "edit", "confirm"]
    assert runner.invoke(app, ["verify", "--db", db]).exit_code == 0


def test_people_are_listed_masked_until_made_public(runner, tmp_path):
    db = _db(tmp_path)
    listing = runner.invoke(app, ["people", "list", "--private", "--json", "--db", db])
    assert [json.loads(line)["key"] for line in listing.output.splitlines()] == ["dario esteban lugo"]
    out = tmp_path / "p.jsonl"
    runner.invoke(app, ["export", "facts", "--public", "--db", db, "-o", str(out)])
    assert "Lugo" not in out.read_text()
    made = runner.invoke(app, ["people", "public", "dario esteban lugo", "--actor", "rita",
                               "--reason", "spoke on the record", "--db", db])
    assert made.exit_code == 0
    runner.invoke(app, ["export", "facts", "--public", "--db", db, "-o", str(out)])
    assert json.loads(out.read_text())["evidence"][0]["quote"] == TEXT
