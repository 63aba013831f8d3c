"""The same pages on PostgreSQL (triggers, ILIKE search). Runs only when
BORDERLEDGER_TEST_PG names an empty database, e.g. postgresql+psycopg://postgres@127.0.0.1/bl."""

import os

import pytest

PG = os.environ.get("BORDERLEDGER_TEST_PG")
pytestmark = pytest.mark.skipif(not PG, reason="BORDERLEDGER_TEST_PG is not set")


def test_pages_and_triggers_on_postgres(tmp_path, monkeypatch):
    import sample_ledger
    from fastapi.testclient import TestClient
    from sqlalchemy import text

    from borderledger.ledger import Ledger, migrate
    from borderledger.web import create_app

    monkeypatch.setenv("BORDERLEDGER_BLOBS", str(tmp_path / "blobs"))
    with Ledger(PG) as fresh:  # start from an empty schema
        migrate.downgrade(fresh.engine, "base")
        with fresh.engine.begin() as c:
            c.execute(text("DROP TABLE IF EXISTS alembic_version"))
    ledger, _ = sample_ledger.build(PG)
    client = TestClient(create_app(ledger=ledger, show_proposed=True))
    for url in ("/", "/country/SV", "/fact/1", "/source/1", "/timeline?until=2025-02",
                "/search?q=Venezuelan", "/api/facts", "/api/search?q=deport*&country=PA"):
        assert client.get(url).status_code == 200, url
    assert client.get("/api/search?q=Decapolis").json()["total"] == 1
    assert client.get("/api/facts?country=SV&type=transfer").json()["total"] == 2
    assert client.get("/api/facts?until=2025-02-04").json()["total"] == 7
    ledger.close()
