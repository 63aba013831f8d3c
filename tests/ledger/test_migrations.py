from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from borderledger.ledger import migrate
from borderledger.ledger.engine import make_engine
from borderledger.ledger.tables import Base

ROOT = Path(__file__).resolve().parents[2]
CORE = {"sources", "documents", "extraction_runs", "document_extractions", "facts", "evidence"}


def test_upgrade_builds_and_downgrade_removes_the_schema(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    migrate.upgrade(engine)
    assert CORE <= set(inspect(engine).get_table_names())
    migrate.downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}


def test_migrations_match_the_models(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": _not_fts})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def _not_fts(obj, name, type_, reflected, compare_to):
    """SQLite's full-text index tables are built by raw SQL, not by the models."""
    return not (type_ == "table" and "_fts" in (name or ""))


def test_alembic_command_line_uses_the_project_config(tmp_path):
    db = tmp_path / "cli.db"
    alembic = [sys.executable, "-m", "alembic", "-c", str(ROOT / "alembic.ini"), "-x", f"db={db}"]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    subprocess.run([*alembic, "upgrade", "head"], check=True, env=env, capture_output=True)
    engine = make_engine(f"sqlite:///{db}")
    assert CORE <= set(inspect(engine).get_table_names())
    engine.dispose()
    subprocess.run([*alembic, "downgrade", "base"], check=True, env=env, capture_output=True)
    engine = make_engine(f"sqlite:///{db}")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
