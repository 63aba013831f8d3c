"""extract, export facts and stats through the CLI."""

from __future__ import annotations

import json

from borderledger.cli import app
from borderledger.ledger import Ledger

from .helpers import STORY, write_corpus

TEXT = "Officials said 80 people were deported to Guatemala on a flight from Arizona."


def _ledger(runner, tmp_path):
    db = tmp_path / "l.db"
    corpus = write_corpus(tmp_path / "c.jsonl", [
        {"id": "g", "text": TEXT, "published": "2025-03-01"}, {"id": "h"}])
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--extractor",
                               "baseline"]).exit_code == 0
    return db


def test_export_writes_spec_lines_with_valid_evidence(runner, tmp_path):
    db = _ledger(runner, tmp_path)
    out = tmp_path / "facts.jsonl"
    result = runner.invoke(app, ["export", "facts", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines, "the baseline finds the Guatemala transfer"
    fact = lines[0]
    assert list(fact)[:2] == ["doc", "type"] and list(fact)[-1] == "evidence"
    assert set(fact) == {"doc", "type", "sender", "receiver", "via", "count", "count_kind",
                         "nationalities", "date", "status", "facility", "authority", "evidence"}
    assert (fact["doc"], fact["receiver"]) == ("g", "GT")
    for ev in fact["evidence"]:
        assert TEXT[ev["start"]:ev["end"]] == ev["quote"]


def test_extract_adds_a_new_run_and_keeps_the_old(runner, tmp_path):
    db = _ledger(runner, tmp_path)
    result = runner.invoke(app, ["extract", "--db", str(db), "--extractor", "baseline"])
    assert result.exit_code == 0, result.output
    with Ledger(str(db)) as lg:
        stats = lg.stats()
    assert stats["runs"] == 2
    assert stats["facts_all_runs"] == 2 * stats["facts_current"]


def test_explain_shows_rule_and_quote(runner, tmp_path):
    db = _ledger(runner, tmp_path)
    result = runner.invoke(app, ["extract", "--db", str(db), "--extractor", "baseline",
                                 "--explain", "--doc", "g"])
    assert result.exit_code == 0
    assert "rule: baseline" in result.output and "deported to Guatemala" in result.output


def test_stats_json(runner, tmp_path):
    db = _ledger(runner, tmp_path)
    result = runner.invoke(app, ["stats", "--db", str(db), "--json"])
    assert json.loads(result.output)["sources"] == 2


def test_unopenable_database_is_a_clear_error(runner, tmp_path):
    bad = tmp_path / "not-a-db.db"
    bad.write_text("this is not sqlite " * 100)
    result = runner.invoke(app, ["stats", "--db", str(bad)])
    assert result.exit_code == 1 and "cannot open ledger" in result.output
