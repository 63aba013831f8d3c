from __future__ import annotations

import pytest

from borderledger.ledger import Run
from borderledger.ledger.review import ReviewError, history, queue, review
from borderledger.model import Fact, RawSource, Span

TEXT = "An agreement was signed, and 300 people were flown to Honduras, and 20 more to Panama."


def _facts(ledger):
    span = Span.of(TEXT, 0, 24)
    facts = [Fact("transfer", {"receiver": "PA", "count": 20}, [span], 0.9),
             Fact("transfer", {"receiver": "HN", "count": 300}, [span], 0.6),
             Fact("arrangement", {"parties": ["HN", "US"], "kind": "other"}, [span], 0.5)]
    ledger.add_source(RawSource(TEXT.encode(), "text/plain", corpus_id="r"), TEXT, "given",
                      facts=facts, run=Run("t", "1"))


def test_queue_puts_arrangements_and_large_transfers_first(ledger):
    _facts(ledger)
    assert [(f.type, f.fields.get("receiver")) for f in queue(ledger)] == [
        ("arrangement", None), ("transfer", "HN"), ("transfer", "PA")]


def test_edit_is_a_new_version_and_the_old_stays(ledger):
    _facts(ledger)
    assert review(ledger, 2, "edit", "rita", fields={"count": 310}) == 2
    assert review(ledger, 2, "confirm", "rita") == 3
    versions = history(ledger, 2)
    assert [(v["version"], v["action"], v["fields"]["count"], v["status"]) for v in versions] == [
        (1, "propose", 300, "proposed"), (2, "edit", 310, "proposed"), (3, "confirm", 310, "confirmed")]
    assert [f.id for f in queue(ledger)] == [3, 1]


def test_reject_needs_a_reason(ledger):
    _facts(ledger)
    with pytest.raises(ReviewError, match="reason"):
        review(ledger, 1, "reject", "rita")
    review(ledger, 1, "reject", "rita", reason="the flight went to Guatemala")
    assert history(ledger, 1)[-1]["reason"] == "the flight went to Guatemala"


@pytest.mark.parametrize("fields, message", [
    ({"receiver": "Honduras"}, "receiver"), ({"count": -4}, "count"),
    ({"count_kind": "lots"}, "count_kind"), ({"date": "2025-13"}, "date"),
    ({"colour": "red"}, "no field"), ({"receiver": None}, "required"),
])
def test_invalid_edits_are_refused(ledger, fields, message):
    _facts(ledger)
    with pytest.raises(ReviewError, match=message):
        review(ledger, 2, "edit", "rita", fields=fields)
    assert history(ledger, 2)[-1]["version"] == 1


def test_unknown_fact_and_action(ledger):
    with pytest.raises(ReviewError, match="no fact"):
        review(ledger, 99, "confirm", "rita")
    with pytest.raises(ReviewError, match="action"):
        review(ledger, 1, "approve", "rita")
