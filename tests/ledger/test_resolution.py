from __future__ import annotations

import json
from datetime import datetime, timedelta

from borderledger.cli import app
from borderledger.ledger import Ledger, Run
from borderledger.ledger.resolution import add_override, resolve, stored_events
from borderledger.model import Fact, RawSource, Span

REPORTS = {
    "wire-a": ("2025-03-17", "Officials said 238 Venezuelan men were flown to El Salvador on Sunday.", 238, "2025-03-16"),
    "wire-b": ("2025-03-18", "Some 252 Venezuelans landed in San Salvador on a US flight on Saturday night.", 252, "2025-03-15"),
    "later": ("2025-06-02", "Another plane took 10 men to El Salvador on Friday.", 10, "2025-05-30"),
}


def _fill(lg: Ledger, run_name: str = "t") -> None:
    run = Run(run_name, "1")
    for doc, (pub, text, count, date) in REPORTS.items():
        i = text.index(str(count))
        fact = Fact("transfer", {"sender": "US", "receiver": "SV", "count": count,
                                 "count_kind": "exact", "date": date}, [Span.of(text, i, len(text))])
        lg.add_source(RawSource(text.encode(), "text/plain", corpus_id=doc, published=pub),
                      text, "given", facts=[fact], run=run)


def test_resolution_is_stored_with_values_and_sources(ledger):
    _fill(ledger)
    events = resolve(ledger)
    assert sorted(len(e.documents) for e in events) == [1, 2]
    stored = stored_events(ledger)
    flight = next(e for e in stored if len(e["documents"]) == 2)
    assert flight["independent_sources"] == 2
    assert {v["value"] for v in flight["fields"]["count"]} == {238, 252}


def test_override_split_is_applied_on_the_next_resolution(ledger):
    _fill(ledger)
    flight = next(e for e in resolve(ledger) if len(e.documents) == 2)
    add_override(ledger, "split", [flight.facts[0].ref], actor="reviewer1", reason="two flights")
    assert sorted(len(e.documents) for e in resolve(ledger)) == [1, 1, 1]


def test_as_of_answers_what_the_ledger_said_then(ledger):
    before = datetime.now() - timedelta(days=1)
    _fill(ledger)
    assert resolve(ledger, as_of=before) == []
    assert len(resolve(ledger, as_of=datetime.now() + timedelta(days=1))) == 2


def test_cli_exports_events(runner, tmp_path):
    db = tmp_path / "l.db"
    with Ledger(str(db)) as lg:
        _fill(lg)
    out = tmp_path / "events.jsonl"
    result = runner.invoke(app, ["export", "events", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(events) == 2 and all(e["refs"] for e in events)
    bad = runner.invoke(app, ["export", "events", "--db", str(db), "-o", str(out), "--as-of", "soon"])
    assert bad.exit_code == 2 and "--as-of" in bad.output


def test_as_of_sees_facts_as_they_were_reviewed_then(ledger):
    import time

    from borderledger.ledger.review import review

    from borderledger.ledger.store import utcnow

    _fill(ledger)
    time.sleep(0.01)
    before_review = utcnow()  # the ledger keeps UTC times
    time.sleep(0.01)
    review(ledger, 3, "reject", "rita", reason="another flight")  # the May flight
    review(ledger, 1, "edit", "rita", fields={"count": 240})
    now = resolve(ledger)
    assert len(now) == 1  # the rejected May flight is gone
    then = resolve(ledger, as_of=before_review)
    assert len(then) == 2
    flight = next(e for e in then if len(e.documents) == 2)
    assert {v["value"] for v in flight.field_values()["count"]} == {238, 252}
