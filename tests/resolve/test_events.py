from __future__ import annotations

from borderledger.resolve import FactRecord, Override, resolve_events
from borderledger.resolve.windows import parse_period, window


def transfer(i, doc, receiver, date=None, count=None, published="2025-03-20", group=None, **more):
    fields = {"sender": "US", "receiver": receiver, "date": date, "count": count, **more}
    return FactRecord(i, doc, "transfer", fields, published, group or doc, first_offset=i)


def test_reports_of_one_flight_with_different_figures_become_one_event():
    facts = [transfer(1, "a", "SV", "2025-03-16", 238), transfer(2, "b", "SV", "2025-03-15", 252),
             transfer(3, "c", "SV", "2025-03", None)]
    (event,) = resolve_events(facts)
    assert event.documents == ["a", "b", "c"] and event.independent_sources == 3
    counts = {v["value"]: v["sources"] for v in event.field_values()["count"]}
    assert counts == {238: ["a"], 252: ["b"]}
    assert "count" in event.conflicts()


def test_same_receiver_in_different_months_stays_apart():
    facts = [transfer(1, "a", "SZ", "2025-07-16", 5), transfer(2, "b", "SZ", "2025-10-06", 10)]
    assert len(resolve_events(facts)) == 2


def test_same_month_different_receivers_stay_apart():
    facts = [transfer(1, "a", "PA", "2025-02-13", 119), transfer(2, "b", "CR", "2025-02-20", 135)]
    assert len(resolve_events(facts)) == 2


def test_very_different_counts_stay_apart():
    facts = [transfer(1, "a", "MX", "2025-01-24", 80), transfer(2, "b", "MX", "2025-01-25", 4000)]
    assert len(resolve_events(facts)) == 2


def test_syndicated_copies_count_once():
    facts = [transfer(1, "a", "CR", "2025-02-20", 135, group="g"),
             transfer(2, "b", "CR", "2025-02-20", 135, group="g"),
             transfer(3, "c", "CR", "2025-02-21", 135, group="c")]
    (event,) = resolve_events(facts)
    assert len(event.documents) == 3 and event.independent_sources == 2


def test_complete_linkage_does_not_chain_drifting_dates():
    facts = [transfer(1, "a", "HN", "2025-03-01"), transfer(2, "b", "HN", "2025-03-04"),
             transfer(3, "c", "HN", "2025-03-07")]
    events = resolve_events(facts)
    assert all(len(e.documents) <= 2 for e in events)
    assert sum(len(e.facts) for e in events) == 3


def test_undated_report_joins_a_dated_one_from_the_weeks_before_publication():
    facts = [transfer(1, "a", "CR", "2025-02-20", 135),
             transfer(2, "b", "CR", None, 135, published="2025-02-27")]
    assert len(resolve_events(facts)) == 1


def test_reviewer_split_and_merge_are_applied():
    facts = [transfer(1, "a", "SV", "2025-03-16", 238), transfer(2, "b", "SV", "2025-03-15", 252)]
    (event,) = resolve_events(facts)
    split = resolve_events(facts, [Override("split", (facts[1].ref,))])
    assert len(split) == 2
    merged = resolve_events(facts, [Override("split", (facts[1].ref,)),
                                    Override("merge", (facts[0].ref, facts[1].ref))])
    assert len(merged) == 1 and merged[0].documents == event.documents


def test_resolution_is_deterministic_whatever_the_input_order():
    facts = [transfer(i, f"d{i}", "SV" if i % 2 else "HN", f"2025-0{1 + i % 3}-1{i % 9}", 100 + i)
             for i in range(30)]
    first = [e.to_dict() for e in resolve_events(facts)]
    assert first == [e.to_dict() for e in resolve_events(list(reversed(facts)))]


def test_periods_and_windows():
    assert parse_period("2025-02")[2] == "month"
    assert parse_period("2025-02-30") is None
    assert window(None, "2025-03-31")[1].isoformat() == "2025-03-31"
    assert window(None, None) is None


def test_event_ids_stay_unique_when_two_facts_share_a_ref():
    a = FactRecord(1, "d", "legal_action", {"forum": "us_district_court", "action": "order",
                                            "judge": "Cole", "date": "2025-03-15"}, "2025-03-16")
    b = FactRecord(2, "d", "legal_action", {"forum": "us_district_court", "action": "order",
                                            "judge": "Diaz", "date": "2025-03-15"}, "2025-03-16")
    assert a.ref == b.ref  # one sentence: "Judges Cole and Diaz each ordered ..."
    events = resolve_events([a, b])
    assert len(events) == 2 and len({e.id for e in events}) == 2
