"""The read-side tables stay in step with facts: triggers, re-runs, review status, migration."""

from sqlalchemy import select, text

from borderledger.ledger import Ledger, Run, migrate, queries
from borderledger.ledger.webtables import FactCountryRow, FactMetaRow
from borderledger.model import Fact, RawSource, Span

VIS = ("proposed", "confirmed")
TEXT = "Officials said 40 Cuban nationals were flown from the United States to Honduras."


def _fact(receiver="HN"):
    return Fact("transfer", {"sender": "US", "receiver": receiver, "count": 40,
                             "count_kind": "exact", "nationalities": ["CU"], "date": "2025-05"},
                [Span.of(TEXT, 15, 40)])


def _ledger(tmp_path):
    ledger = Ledger(str(tmp_path / "l.db"))
    ledger.add_source(RawSource(data=TEXT.encode(), media_type="text/plain", title="Honduras",
                                published="2025-05-20"), TEXT, "given", facts=[_fact()],
                      run=Run("t", "1"))
    return ledger


def test_trigger_derives_countries_and_dates(tmp_path):
    ledger = _ledger(tmp_path)
    with ledger.session() as s:
        rows = {(r.country, r.role) for r in s.scalars(select(FactCountryRow))}
        meta = s.scalars(select(FactMetaRow)).one()
    assert rows == {("US", "sender"), ("HN", "receiver"), ("CU", "nationality")}
    assert (meta.date, meta.sort_date, meta.current, meta.status) == ("2025-05", "2025-05", 1,
                                                                      "proposed")


def test_a_new_run_replaces_the_old_facts_even_when_it_finds_nothing(tmp_path):
    ledger = _ledger(tmp_path)
    ledger.record_extraction(1, [_fact("GT")], Run("t", "2"))
    page = queries.facts(ledger, VIS)
    assert [f["fields"]["receiver"] for f in page.items] == ["GT"]
    ledger.record_extraction(1, [], Run("t", "3"))
    assert queries.facts(ledger, VIS).total == 0
    assert queries.countries(ledger, VIS) == []


def test_review_status_changes_reach_every_view(tmp_path):
    ledger = _ledger(tmp_path)
    before = queries.data_version(ledger)
    assert queries.map_counts(ledger, VIS) == {"US": 1, "HN": 1}
    with ledger.engine.begin() as c:
        c.execute(text("UPDATE facts SET status = 'rejected'"))
    assert queries.data_version(ledger) > before  # caches are invalidated
    assert queries.map_counts(ledger, VIS) == {}
    assert queries.fact(ledger, 1, VIS) is None
    assert queries.source(ledger, 1, VIS)["facts"] == []
    assert queries.search(ledger, "Cuban", VIS)["total"] == 1  # the source stays public


def test_rejected_facts_are_hidden_from_pages_and_api(tmp_path):
    from fastapi.testclient import TestClient

    from borderledger.web import create_app

    ledger = _ledger(tmp_path)
    with ledger.engine.begin() as c:
        c.execute(text("UPDATE facts SET status = 'rejected'"))
    client = TestClient(create_app(ledger=ledger))
    assert client.get("/fact/1").status_code == 404
    assert client.get("/api/facts/1").status_code == 404
    assert client.get("/api/facts").json()["total"] == 0
    assert 'href="/fact/1"' not in client.get("/source/1").text
    assert 'href="/fact/1"' not in client.get("/country/HN").text
    from borderledger.ledger.accounts import add_user, create_token

    add_user(ledger, "rita", "reviewer", "a long enough password")
    reviewer = {"Authorization": f"Bearer {create_token(ledger, 'rita')}"}
    assert client.get("/fact/1", headers=reviewer).status_code == 200  # reviewers see all
    assert "badge rejected" in client.get("/fact/1", headers=reviewer).text


def test_migration_backfills_existing_facts_and_downgrades(tmp_path):
    ledger = _ledger(tmp_path)
    migrate.downgrade(ledger.engine, "0001")
    with ledger.engine.connect() as c:
        names = {r[0] for r in c.execute(text("SELECT name FROM sqlite_master"))}
    assert "fact_meta" not in names and "doc_fts" not in names
    migrate.upgrade(ledger.engine)
    assert queries.facts(ledger, VIS).total == 1
    assert queries.search(ledger, "honduras", VIS)["total"] == 1
    assert queries.map_counts(ledger, VIS) == {"US": 1, "HN": 1}
