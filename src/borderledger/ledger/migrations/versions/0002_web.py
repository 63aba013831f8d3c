"""Read-side indexes for the web: per-fact metadata, per-country rows, full-text search.

``fact_meta`` and ``fact_countries`` are derived from ``facts`` by triggers (SQLite and
PostgreSQL), so every writer (``Ledger.add_source``, review, a later import) keeps them in
step without knowing they exist. ``fact_meta.current`` is 1 for facts of their document's
latest extraction run. ``doc_fts`` (SQLite FTS5 only) indexes document text and source
title; PostgreSQL falls back to ILIKE in ``queries.py``. ``web_state.version`` counts
changes so readers can cache aggregates.

Revision ID: 0002_web
Revises: 0001
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_web"
down_revision = "0001"
branch_labels = None
depends_on = None

#: fact field -> role, for fields holding one alpha-2 code
SCALAR_ROLES = {"sender": "sender", "receiver": "receiver", "via": "via", "country": "country",
                "funded_by": "funder", "requested_by": "requester"}
#: fact field -> role, for fields holding a list of alpha-2 codes
LIST_ROLES = {"parties": "party", "respondent": "respondent", "nationalities": "nationality"}


def _sqlite_body(n: str) -> str:
    """Statements deriving the web rows of fact ``n`` (``NEW``) on SQLite.

    ``+current`` keeps SQLite from scanning the ``current`` indexes (all rows) instead of
    looking the document up: without it every insert is O(facts).
    """
    published = (f"(SELECT s.published FROM documents d JOIN sources s ON s.id = d.source_id "
                 f"WHERE d.id = {n}.document_id)")
    date = f"json_extract({n}.fields, '$.date')"
    newer = (f"EXISTS (SELECT 1 FROM document_extractions de WHERE de.document_id = "
             f"{n}.document_id AND de.run_id > {n}.run_id) OR EXISTS (SELECT 1 FROM facts f2 "
             f"WHERE f2.document_id = {n}.document_id AND f2.run_id > {n}.run_id)")
    parts = [f"SELECT json_extract({n}.fields, '$.{f}') AS v, '{r}' AS r"
             for f, r in SCALAR_ROLES.items()]
    parts += [f"SELECT j.value AS v, '{r}' AS r FROM json_each({n}.fields, '$.{f}') j"
              for f, r in LIST_ROLES.items()]
    union = " UNION ALL ".join(parts)
    return f"""
  DELETE FROM fact_countries WHERE fact_id = {n}.id;
  INSERT OR REPLACE INTO fact_meta (fact_id, document_id, run_id, type, status, date, sort_date,
                                    current)
  VALUES ({n}.id, {n}.document_id, {n}.run_id, {n}.type, {n}.status, {date},
          coalesce({date}, {published}), CASE WHEN {newer} THEN 0 ELSE 1 END);
  INSERT OR IGNORE INTO fact_countries (fact_id, country, role, type, status, sort_date, current)
  SELECT m.fact_id, c.v, c.r, m.type, m.status, m.sort_date, m.current
  FROM fact_meta m, ({union}) c
  WHERE m.fact_id = {n}.id AND c.v IS NOT NULL AND typeof(c.v) = 'text';
  UPDATE fact_meta SET current = 0
  WHERE document_id = {n}.document_id AND run_id < {n}.run_id AND +current = 1;
  UPDATE fact_countries SET current = 0 WHERE +current = 1 AND fact_id IN (
    SELECT fact_id FROM fact_meta WHERE document_id = {n}.document_id AND run_id < {n}.run_id);
  UPDATE web_state SET version = version + 1;
"""


SQLITE_TRIGGERS = [
    f"CREATE TRIGGER web_facts_ai AFTER INSERT ON facts BEGIN {_sqlite_body('NEW')} END",
    f"CREATE TRIGGER web_facts_au AFTER UPDATE OF fields, status, type, run_id, document_id "
    f"ON facts BEGIN {_sqlite_body('NEW')} END",
    """CREATE TRIGGER web_facts_ad AFTER DELETE ON facts BEGIN
  DELETE FROM fact_countries WHERE fact_id = OLD.id;
  DELETE FROM fact_meta WHERE fact_id = OLD.id;
  UPDATE web_state SET version = version + 1;
END""",
    """CREATE TRIGGER web_docext_ai AFTER INSERT ON document_extractions BEGIN
  UPDATE fact_meta SET current = 0
  WHERE document_id = NEW.document_id AND run_id < NEW.run_id AND +current = 1;
  UPDATE fact_countries SET current = 0 WHERE +current = 1 AND fact_id IN (
    SELECT fact_id FROM fact_meta WHERE document_id = NEW.document_id AND run_id < NEW.run_id);
  UPDATE web_state SET version = version + 1;
END""",
    """CREATE TRIGGER web_documents_ai AFTER INSERT ON documents BEGIN
  INSERT INTO doc_fts (rowid, title, text)
  VALUES (NEW.id, (SELECT title FROM sources WHERE id = NEW.source_id), NEW.text);
  UPDATE web_state SET version = version + 1;
END""",
    """CREATE TRIGGER web_documents_ad AFTER DELETE ON documents BEGIN
  DELETE FROM doc_fts WHERE rowid = OLD.id;
  UPDATE web_state SET version = version + 1;
END""",
    """CREATE TRIGGER web_sources_au AFTER UPDATE OF title, published ON sources BEGIN
  DELETE FROM doc_fts WHERE rowid IN (SELECT id FROM documents WHERE source_id = NEW.id);
  INSERT INTO doc_fts (rowid, title, text)
  SELECT id, NEW.title, text FROM documents WHERE source_id = NEW.id;
  UPDATE facts SET status = status
  WHERE document_id IN (SELECT id FROM documents WHERE source_id = NEW.id);
  UPDATE web_state SET version = version + 1;
END""",
]


def _pg_function() -> str:
    j = "NEW.fields::jsonb"
    parts = [f"SELECT {j} ->> '{f}' AS v, '{r}' AS r" for f, r in SCALAR_ROLES.items()]
    parts += [f"SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof({j} -> '{f}') = 'array' "
              f"THEN {j} -> '{f}' ELSE '[]'::jsonb END) AS v, '{r}' AS r"
              for f, r in LIST_ROLES.items()]
    union = " UNION ALL ".join(parts)
    return f"""
CREATE OR REPLACE FUNCTION web_fact_sync() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM fact_countries WHERE fact_id = OLD.id;
    DELETE FROM fact_meta WHERE fact_id = OLD.id;
    UPDATE web_state SET version = version + 1;
    RETURN OLD;
  END IF;
  DELETE FROM fact_countries WHERE fact_id = NEW.id;
  DELETE FROM fact_meta WHERE fact_id = NEW.id;
  INSERT INTO fact_meta (fact_id, document_id, run_id, type, status, date, sort_date, current)
  VALUES (NEW.id, NEW.document_id, NEW.run_id, NEW.type, NEW.status, {j} ->> 'date',
    COALESCE({j} ->> 'date', (SELECT s.published FROM documents d JOIN sources s
                              ON s.id = d.source_id WHERE d.id = NEW.document_id)),
    CASE WHEN EXISTS (SELECT 1 FROM document_extractions de WHERE de.document_id =
                      NEW.document_id AND de.run_id > NEW.run_id)
           OR EXISTS (SELECT 1 FROM facts f2 WHERE f2.document_id = NEW.document_id
                      AND f2.run_id > NEW.run_id) THEN 0 ELSE 1 END);
  INSERT INTO fact_countries (fact_id, country, role, type, status, sort_date, current)
  SELECT m.fact_id, c.v, c.r, m.type, m.status, m.sort_date, m.current
  FROM fact_meta m, ({union}) c
  WHERE m.fact_id = NEW.id AND c.v IS NOT NULL
  ON CONFLICT DO NOTHING;
  UPDATE fact_meta SET current = 0
  WHERE document_id = NEW.document_id AND run_id < NEW.run_id AND current = 1;
  UPDATE fact_countries SET current = 0 WHERE current = 1 AND fact_id IN (
    SELECT fact_id FROM fact_meta WHERE document_id = NEW.document_id AND run_id < NEW.run_id);
  UPDATE web_state SET version = version + 1;
  RETURN NEW;
END $$ LANGUAGE plpgsql"""


PG_STATEMENTS = [
    _pg_function(),
    """CREATE OR REPLACE FUNCTION web_docext_sync() RETURNS trigger AS $$
BEGIN
  UPDATE fact_meta SET current = 0
  WHERE document_id = NEW.document_id AND run_id < NEW.run_id AND current = 1;
  UPDATE fact_countries SET current = 0 WHERE current = 1 AND fact_id IN (
    SELECT fact_id FROM fact_meta WHERE document_id = NEW.document_id AND run_id < NEW.run_id);
  UPDATE web_state SET version = version + 1;
  RETURN NEW;
END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE FUNCTION web_bump() RETURNS trigger AS $$
BEGIN
  UPDATE web_state SET version = version + 1;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
    "CREATE TRIGGER web_facts_sync AFTER INSERT OR DELETE OR UPDATE OF fields, status, type, "
    "run_id, document_id ON facts FOR EACH ROW EXECUTE FUNCTION web_fact_sync()",
    "CREATE TRIGGER web_docext_sync AFTER INSERT ON document_extractions FOR EACH ROW "
    "EXECUTE FUNCTION web_docext_sync()",
    "CREATE TRIGGER web_documents_bump AFTER INSERT OR DELETE OR UPDATE ON documents "
    "FOR EACH STATEMENT EXECUTE FUNCTION web_bump()",
    "CREATE TRIGGER web_sources_bump AFTER INSERT OR DELETE OR UPDATE ON sources "
    "FOR EACH STATEMENT EXECUTE FUNCTION web_bump()",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "fact_meta",
        sa.Column("fact_id", sa.Integer(), sa.ForeignKey("facts.id", ondelete="CASCADE"),
                  primary_key=True, autoincrement=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("date", sa.String(10)),
        sa.Column("sort_date", sa.String(10)),
        sa.Column("current", sa.Integer(), nullable=False),
    )
    # Low-selectivity columns (current, status) go last: SQLite has no statistics by default
    # and would otherwise pick them over document_id or sort_date.
    op.create_index("ix_fact_meta_sort", "fact_meta",
                    ["sort_date", "fact_id", "current", "status", "type"])
    op.create_index("ix_fact_meta_type_sort", "fact_meta",
                    ["type", "sort_date", "fact_id", "current", "status"])
    op.create_index("ix_fact_meta_document", "fact_meta", ["document_id", "run_id"])
    op.create_table(
        "fact_countries",
        sa.Column("fact_id", sa.Integer(), sa.ForeignKey("facts.id", ondelete="CASCADE"),
                  primary_key=True, autoincrement=False),
        sa.Column("country", sa.String(8), primary_key=True),
        sa.Column("role", sa.String(20), primary_key=True),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("sort_date", sa.String(10)),
        sa.Column("current", sa.Integer(), nullable=False),
    )
    op.create_index("ix_fact_countries_country", "fact_countries",
                    ["country", "type", "role", "sort_date", "fact_id", "current", "status"])
    op.create_index("ix_fact_countries_type", "fact_countries",
                    ["type", "role", "country", "current", "status", "fact_id"])
    op.create_table("web_state", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("version", sa.Integer(), nullable=False))
    op.execute("INSERT INTO web_state (id, version) VALUES (1, 0)")
    if dialect == "sqlite":
        op.execute("CREATE VIRTUAL TABLE doc_fts USING fts5(title, text, "
                   "tokenize = 'unicode61 remove_diacritics 2')")
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
        op.execute("INSERT INTO doc_fts (rowid, title, text) SELECT d.id, s.title, d.text "
                   "FROM documents d JOIN sources s ON s.id = d.source_id")
    elif dialect == "postgresql":
        for statement in PG_STATEMENTS:
            op.execute(statement)
    # Backfill: touching every fact runs the same trigger that keeps the tables in step.
    op.execute("UPDATE facts SET status = status")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("web_facts_ai", "web_facts_au", "web_facts_ad", "web_docext_ai",
                     "web_documents_ai", "web_documents_ad", "web_sources_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS doc_fts")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS web_facts_sync ON facts")
        op.execute("DROP TRIGGER IF EXISTS web_docext_sync ON document_extractions")
        op.execute("DROP TRIGGER IF EXISTS web_documents_bump ON documents")
        op.execute("DROP TRIGGER IF EXISTS web_sources_bump ON sources")
        for fn in ("web_fact_sync", "web_docext_sync", "web_bump"):
            op.execute(f"DROP FUNCTION IF EXISTS {fn}()")
    op.drop_table("web_state")
    op.drop_index("ix_fact_countries_type", table_name="fact_countries")
    op.drop_index("ix_fact_countries_country", table_name="fact_countries")
    op.drop_table("fact_countries")
    op.drop_index("ix_fact_meta_document", table_name="fact_meta")
    op.drop_index("ix_fact_meta_type_sort", table_name="fact_meta")
    op.drop_index("ix_fact_meta_sort", table_name="fact_meta")
    op.drop_table("fact_meta")
