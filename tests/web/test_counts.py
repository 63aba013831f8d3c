"""The count tables of migration 0009 (kept by SQLite triggers) always equal the aggregates
they replace: after extraction, reviews, edits, re-runs, a source's new date and deletions."""

import pytest
from sqlalchemy import text

import sample_ledger


def _month(col: str) -> str:
    return f"(CASE WHEN length({col}) >= 7 THEN substr({col}, 1, 7) ELSE '' END)"


#: table → the aggregate over the live tables it must equal
LIVE = {
    "web_type_counts": "SELECT type, status, count(*) FROM fact_meta WHERE current = 1 "
                       "GROUP BY 1, 2",
    "web_country_counts": f"SELECT c.country, m.type, m.status, {_month('m.sort_date')}, "
                          "count(DISTINCT c.fact_id) FROM fact_countries c JOIN fact_meta m "
                          "ON m.fact_id = c.fact_id WHERE m.current = 1 AND "
                          "c.role <> 'nationality' GROUP BY 1, 2, 3, 4",
    "web_role_counts": "SELECT country, type, role, status, count(*) FROM fact_countries "
                       "WHERE current = 1 GROUP BY 1, 2, 3, 4",
    "web_nat_counts": "SELECT r.country, r.role, n.country, r.status, count(*) "
                      "FROM fact_countries r JOIN fact_countries n ON n.fact_id = r.fact_id "
                      "AND n.role = 'nationality' WHERE r.current = 1 AND r.type = 'transfer' "
                      "AND r.role IN ('receiver', 'sender', 'via') GROUP BY 1, 2, 3, 4",
}


def assert_counts_exact(ledger):
    from borderledger.ledger import queries

    with ledger.engine.connect() as c:
        for table, query in LIVE.items():
            live = {tuple(r[:-1]): r[-1] for r in c.execute(text(query))}
            stored = {tuple(r[:-1]): r[-1] for r in c.execute(text(f"SELECT * FROM {table}"))
                      if r[-1] != 0}
            assert stored == live, table
        countries = c.execute(text("SELECT DISTINCT country FROM fact_countries")).scalars()
        for cc in countries:
            for vis in (("confirmed",), ("proposed", "confirmed"),
                        ("proposed", "confirmed", "rejected")):
                assert (queries._country_summary_counts(ledger, cc, vis)
                        == queries._country_summary_live(ledger, cc, vis)), (cc, vis)


@pytest.fixture()
def ledger(tmp_path):
    ledger, _ = sample_ledger.build(tmp_path / "ledger.db")
    yield ledger
    ledger.close()


def test_counts_follow_every_kind_of_write(ledger):
    from borderledger.ledger import Run
    from borderledger.ledger.review import review
    from borderledger.model import Fact, Span

    assert_counts_exact(ledger)
    review(ledger, 2, "confirm", "t")
    review(ledger, 4, "reject", "t", reason="not a ruling")
    # one country in three roles, nationalities changed, a year-only date
    review(ledger, 1, "edit", "t", fields={"receiver": "HN", "sender": "SV", "via": "SV"})
    review(ledger, 5, "edit", "t", fields={"nationalities": ["VE", "CU"], "date": "2025"})
    assert_counts_exact(ledger)
    run = Run("test", "2")  # a new run over document 1: its old facts stop being current
    ledger.record_extraction(1, [Fact("transfer", {
        "sender": "US", "receiver": "SV", "via": "US", "count": 5, "nationalities": ["VE", "SV"],
        "date": "2025-03", "status": "occurred"}, [Span(0, 5, "SAN S")], confidence=0.5)], run)
    ledger.record_extraction(2, [], run)  # and one that finds nothing
    assert_counts_exact(ledger)
    with ledger.session() as s:  # a source's publication date moves undated facts
        s.execute(text("UPDATE sources SET published = '2024-12-01' WHERE id = 3"))
    assert_counts_exact(ledger)
    with ledger.session() as s:
        s.execute(text("DELETE FROM evidence WHERE fact_id IN "
                       "(SELECT id FROM facts WHERE document_id = 4)"))
        s.execute(text("DELETE FROM fact_versions WHERE fact_id IN "
                       "(SELECT id FROM facts WHERE document_id = 4)"))
        s.execute(text("DELETE FROM facts WHERE document_id = 4"))
    assert_counts_exact(ledger)


def test_event_countries_follow_each_resolution(ledger):
    from borderledger.ledger.resolution import resolve

    resolve(ledger)
    resolve(ledger)  # replaced, not added to
    with ledger.engine.connect() as c:
        rows = set(c.execute(text("SELECT event_id, country FROM event_countries")).all())
        live = set(c.execute(text(
            "SELECT DISTINCT ef.event_id, c.country FROM event_facts ef JOIN fact_countries c "
            "ON c.fact_id = ef.fact_id AND c.role <> 'nationality'")).all())
    assert rows == live and ("ev-" in next(iter(rows))[0])


def test_an_old_ledger_is_backfilled_by_the_migration(tmp_path):
    from borderledger.ledger import Ledger, migrate

    ledger, _ = sample_ledger.build(tmp_path / "ledger.db")
    migrate.downgrade(ledger.engine, "0008_entities")
    sample_ledger.set_status(ledger, 2, "confirmed")  # a write the triggers did not see
    ledger.close()
    with Ledger(str(tmp_path / "ledger.db")) as again:
        assert_counts_exact(again)
