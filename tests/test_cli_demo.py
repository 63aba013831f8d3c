"""`borderledger demo` builds a ledger from the bundled corpus in the user data directory."""

from __future__ import annotations

import re

from borderledger.cli import app
from borderledger.ledger import Ledger
from borderledger.samples import demo_corpus


def test_demo_builds_a_fresh_ledger_in_the_data_directory(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    result = runner.invoke(app, ["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    db = tmp_path / "borderledger" / "demo" / "ledger.db"
    assert db.exists()
    with Ledger(str(db)) as lg:
        stats = lg.stats()
    assert stats["sources"] >= 15 and stats["facts_current"] > 0
    facts = int(re.search(r"(\d+) facts", result.output).group(1))
    assert facts == stats["facts_current"]
    again = runner.invoke(app, ["demo", "--no-serve"])  # rebuilt, not added to
    assert again.exit_code == 0
    with Ledger(str(db)) as lg:
        assert lg.stats()["sources"] == stats["sources"]


def test_demo_inputs_leave_out_the_gold_file():
    assert all(p.name != "gold.jsonl" for p in demo_corpus())


def test_serve_passes_the_public_setting_to_the_app(runner, tmp_path, monkeypatch):
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    db = str(tmp_path / "l.db")
    assert runner.invoke(app, ["serve", "--db", db, "--port", "8123", "--show-proposed"]).exit_code == 0
    assert seen["port"] == 8123
    assert seen["app"].state.auth.show_proposed is True
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert runner.invoke(app, ["demo"]).exit_code == 0  # the demo shows its unreviewed facts
    assert seen["app"].state.auth.show_proposed is True
