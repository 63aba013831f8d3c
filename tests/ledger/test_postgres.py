"""The same ledger code on PostgreSQL. Runs when BORDERLEDGER_TEST_PG names a server
(`.ci/run` starts one), e.g. postgresql+psycopg://borderledger:borderledger@127.0.0.1/borderledger_test
"""

from __future__ import annotations

import os
import secrets

import pytest
from sqlalchemy import create_engine, text

from borderledger.export import export_facts
from borderledger.ledger import Ledger, Run
from borderledger.ledger.review import history, review
from borderledger.ledger.resolution import resolve
from borderledger.ledger.verify import verify
from borderledger.model import Fact, RawSource, Span

PG = os.environ.get("BORDERLEDGER_TEST_PG")
pytestmark = pytest.mark.skipif(not PG, reason="set BORDERLEDGER_TEST_PG to test on PostgreSQL")


@pytest.fixture
def pg_url():
    name = "bl_" + secrets.token_hex(4)
    admin = create_engine(PG, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield PG.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def test_full_cycle_on_postgres(pg_url, tmp_path):
    texts = ["Some 238 men were flown to El Salvador on Saturday, officials said.",
             "A US flight took 252 Venezuelans to San Salvador over the weekend."]
    with Ledger(pg_url, blobs=str(tmp_path / "blobs")) as lg:
        run = Run("t", "1")
        for i, t in enumerate(texts):
            n = 238 if i == 0 else 252
            fact = Fact("transfer", {"sender": "US", "receiver": "SV", "count": n, "date": "2025-03-15"},
                        [Span.of(t, 0, len(t))])
            lg.add_source(RawSource(t.encode(), "text/plain", corpus_id=f"d{i}", published="2025-03-17"),
                          t, "given", facts=[fact], run=run)
        lg.finish_run(run)
        assert lg.stats()["facts_current"] == 2
        review(lg, 1, "edit", "rita", fields={"count": 240})
        review(lg, 1, "confirm", "rita")
        assert [v["version"] for v in history(lg, 1)] == [1, 2, 3]
        (event,) = resolve(lg)
        assert event.independent_sources == 2
        assert export_facts(lg, tmp_path / "f.jsonl") == 2
        report = verify(lg)
        assert report.ok, report.problems
        with lg.engine.begin() as conn:
            conn.execute(text("UPDATE facts SET status = 'rejected' WHERE id = 2"))
        assert [p.split(":")[0] for p in verify(lg).problems] == ["fact 2"]
