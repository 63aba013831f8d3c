"""Counts for the web, kept by triggers: the dossier and overview read them instead of
aggregating ``fact_countries`` (which took ~150 ms for a large country right after a write).

Every count is of *current* facts (their document's latest run), split by review status so
each viewer's visible statuses can be summed:

- ``web_type_counts (type, status)``: facts.
- ``web_country_counts (country, type, status, month)``: facts involving a country in any
  role but nationality, each fact once however many roles it has there; ``month`` is the
  fact's ``sort_date`` cut to ``YYYY-MM`` ('' when it has no month).
- ``web_role_counts (country, type, role, status)``: ``fact_countries`` rows.
- ``web_nat_counts (country, role, nationality, status)``: transfers with the country as
  receiver, sender or via, per nationality stated.
- ``event_countries (event_id, country, valid_from)``: the countries an event's facts
  involve (any role but nationality), so a dossier finds its latest events by index.

How they stay exact: a contribution is always keyed by the state of *one* row and counted
once per member of a set it does not key on. A fact's country set (``fact_countries``) is
keyed by its ``fact_meta`` row: adding the first involved row of (fact, country) adds one
under the meta row's state, removing the last one subtracts it, and a change of the meta row
(status, current, date) moves the whole set from the old key to the new one. Nationality
pairs are keyed by the receiver/sender/via row, whatever the nationality row's state. The
triggers of 0002 always empty a fact's country rows before replacing its meta row, and a
BEFORE INSERT trigger takes out the row an ``INSERT OR REPLACE`` replaces (SQLite fires no
delete trigger for it).

The count tables are kept on SQLite only (see ``PG_STATEMENTS``); ``event_countries`` on both.

Revision ID: 0009_web_counts
Revises: 0008_entities
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_web_counts"
down_revision = "0008_entities"
branch_labels = None
depends_on = None

TABLES = ("web_type_counts", "web_country_counts", "web_role_counts", "web_nat_counts",
          "event_countries")
FLOWS = "('receiver', 'sender', 'via')"


def _month(col: str) -> str:
    return f"(CASE WHEN length({col}) >= 7 THEN substr({col}, 1, 7) ELSE '' END)"


def _involved(fact: str) -> str:
    """Countries a fact involves (every role but nationality)."""
    return f"SELECT country FROM fact_countries WHERE fact_id = {fact} AND role <> 'nationality'"


# -- shared statement builders (SQLite and PostgreSQL take the same SQL here) -----------------
def _type_add(row: str, sign: str) -> str:
    return (f"INSERT INTO web_type_counts (type, status, n) SELECT {row}.type, {row}.status, "
            f"{sign}1 WHERE {row}.current = 1 "
            f"ON CONFLICT (type, status) DO UPDATE SET n = web_type_counts.n + excluded.n;")


def _country_add(row: str, sign: str) -> str:
    """The meta row's fact counted under every country it involves."""
    return (f"INSERT INTO web_country_counts (country, type, status, month, n) "
            f"SELECT DISTINCT c.country, {row}.type, {row}.status, {_month(row + '.sort_date')}, "
            f"{sign}1 FROM fact_countries c WHERE c.fact_id = {row}.fact_id "
            f"AND +c.role <> 'nationality' AND {row}.current = 1 "
            f"ON CONFLICT (country, type, status, month) "
            f"DO UPDATE SET n = web_country_counts.n + excluded.n;")


def _member_change(row: str, sign: str, remaining: int) -> str:
    """A country row added (``remaining`` 1: it is the first) or removed (0: it was the last)
    for (fact, country): the fact counted, or no longer, under its meta row's state."""
    return (f"INSERT INTO web_country_counts (country, type, status, month, n) "
            f"SELECT {row}.country, m.type, m.status, {_month('m.sort_date')}, {sign}1 "
            f"FROM fact_meta m WHERE m.fact_id = {row}.fact_id AND m.current = 1 "
            f"AND {row}.role <> 'nationality' AND (SELECT count(*) FROM fact_countries x "
            f"WHERE x.fact_id = {row}.fact_id AND x.country = {row}.country "
            f"AND +x.role <> 'nationality') = {remaining} "
            f"ON CONFLICT (country, type, status, month) "
            f"DO UPDATE SET n = web_country_counts.n + excluded.n;")


def _role_add(row: str, sign: str) -> str:
    return (f"INSERT INTO web_role_counts (country, type, role, status, n) "
            f"SELECT {row}.country, {row}.type, {row}.role, {row}.status, {sign}1 "
            f"WHERE {row}.current = 1 ON CONFLICT (country, type, role, status) "
            f"DO UPDATE SET n = web_role_counts.n + excluded.n;")


def _nat_from_flow(row: str, sign: str) -> str:
    """A receiver/sender/via row, paired with each nationality row of its fact."""
    return (f"INSERT INTO web_nat_counts (country, role, nationality, status, n) "
            f"SELECT {row}.country, {row}.role, n.country, {row}.status, {sign}1 "
            f"FROM fact_countries n WHERE n.fact_id = {row}.fact_id AND +n.role = 'nationality' "
            f"AND {row}.role IN {FLOWS} AND {row}.type = 'transfer' AND {row}.current = 1 "
            f"ON CONFLICT (country, role, nationality, status) "
            f"DO UPDATE SET n = web_nat_counts.n + excluded.n;")


def _nat_from_nationality(row: str, sign: str) -> str:
    """A nationality row, paired with each receiver/sender/via row of its fact."""
    return (f"INSERT INTO web_nat_counts (country, role, nationality, status, n) "
            f"SELECT r.country, r.role, {row}.country, r.status, {sign}1 "
            f"FROM fact_countries r WHERE r.fact_id = {row}.fact_id AND +r.role IN {FLOWS} "
            f"AND +r.type = 'transfer' AND +r.current = 1 AND {row}.role = 'nationality' "
            f"ON CONFLICT (country, role, nationality, status) "
            f"DO UPDATE SET n = web_nat_counts.n + excluded.n;")


def _event_country(row: str) -> str:
    return (f"INSERT INTO event_countries (event_id, country, valid_from) "
            f"SELECT DISTINCT {row}.event_id, c.country, e.valid_from "
            f"FROM fact_countries c JOIN events e ON e.id = {row}.event_id "
            f"WHERE c.fact_id = {row}.fact_id AND c.role <> 'nationality' "
            f"ON CONFLICT (event_id, country) DO NOTHING;")


def _replaced(stmt: str) -> str:
    """``stmt`` (written for ``OLD``) applied to the existing row an ``INSERT`` into
    ``fact_meta`` is about to replace (``o``; none for a new fact)."""
    has_from = " FROM " in stmt.split(" ON CONFLICT ")[0]
    source = ", fact_meta o WHERE" if has_from else " FROM fact_meta o WHERE"
    return stmt.replace("OLD.", "o.").replace(
        " WHERE ", f"{source} o.fact_id = NEW.fact_id AND ", 1)


SQLITE_TRIGGERS = [
    # INSERT OR REPLACE (the 0002 triggers) fires no delete trigger: take the old row out first
    "CREATE TRIGGER wc_meta_bi BEFORE INSERT ON fact_meta BEGIN "
    + _replaced(_type_add("OLD", "-")) + _replaced(_country_add("OLD", "-")) + " END",
    "CREATE TRIGGER wc_meta_ai AFTER INSERT ON fact_meta BEGIN "
    + _type_add("NEW", "+") + _country_add("NEW", "+") + " END",
    "CREATE TRIGGER wc_meta_ad AFTER DELETE ON fact_meta BEGIN "
    + _type_add("OLD", "-") + _country_add("OLD", "-") + " END",
    "CREATE TRIGGER wc_meta_au AFTER UPDATE OF type, status, current, sort_date ON fact_meta BEGIN "
    + _type_add("OLD", "-") + _country_add("OLD", "-")
    + _type_add("NEW", "+") + _country_add("NEW", "+") + " END",
    "CREATE TRIGGER wc_countries_ai AFTER INSERT ON fact_countries BEGIN "
    + _role_add("NEW", "+") + _member_change("NEW", "+", 1) + _nat_from_flow("NEW", "+")
    + _nat_from_nationality("NEW", "+") + " END",
    "CREATE TRIGGER wc_countries_ad AFTER DELETE ON fact_countries BEGIN "
    + _role_add("OLD", "-") + _member_change("OLD", "-", 0) + _nat_from_flow("OLD", "-")
    + _nat_from_nationality("OLD", "-") + " END",
    # country and role are the key (never updated); status and current move the row's counts
    "CREATE TRIGGER wc_countries_au AFTER UPDATE OF type, status, current ON fact_countries BEGIN "
    + _role_add("OLD", "-") + _nat_from_flow("OLD", "-")
    + _role_add("NEW", "+") + _nat_from_flow("NEW", "+") + " END",
    "CREATE TRIGGER wc_event_facts_ai AFTER INSERT ON event_facts BEGIN "
    + _event_country("NEW") + " END",
    "CREATE TRIGGER wc_events_ad AFTER DELETE ON events BEGIN "
    "DELETE FROM event_countries WHERE event_id = OLD.id; END",
]


def _pg_function(name: str, body: str) -> str:
    return (f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$\nBEGIN\n{body}\n"
            f"RETURN NULL;\nEND $$ LANGUAGE plpgsql")


#: PostgreSQL fires row triggers at the end of each statement, after the whole statement's
#: rows changed, so the "first/last row of a set" rules above do not hold there. Only the
#: event index is kept by triggers on PostgreSQL; ``ledger.queries`` aggregates the live
#: tables instead of reading the count tables (``COUNTS_MAINTAINED``).
PG_STATEMENTS = [
    _pg_function("wc_event_facts_sync", _event_country("NEW")),
    _pg_function("wc_events_sync", "DELETE FROM event_countries WHERE event_id = OLD.id;"),
    "CREATE TRIGGER wc_event_facts_sync AFTER INSERT ON event_facts FOR EACH ROW "
    "EXECUTE FUNCTION wc_event_facts_sync()",
    "CREATE TRIGGER wc_events_sync AFTER DELETE ON events FOR EACH ROW "
    "EXECUTE FUNCTION wc_events_sync()",
]

BACKFILL = [
    "INSERT INTO web_type_counts (type, status, n) SELECT type, status, count(*) FROM fact_meta "
    "WHERE current = 1 GROUP BY type, status",
    f"INSERT INTO web_country_counts (country, type, status, month, n) "
    f"SELECT c.country, m.type, m.status, {_month('m.sort_date')}, count(DISTINCT c.fact_id) "
    f"FROM fact_countries c JOIN fact_meta m ON m.fact_id = c.fact_id "
    f"WHERE m.current = 1 AND c.role <> 'nationality' "
    f"GROUP BY c.country, m.type, m.status, {_month('m.sort_date')}",
    "INSERT INTO web_role_counts (country, type, role, status, n) "
    "SELECT country, type, role, status, count(*) FROM fact_countries WHERE current = 1 "
    "GROUP BY country, type, role, status",
    f"INSERT INTO web_nat_counts (country, role, nationality, status, n) "
    f"SELECT r.country, r.role, n.country, r.status, count(*) FROM fact_countries r "
    f"JOIN fact_countries n ON n.fact_id = r.fact_id AND n.role = 'nationality' "
    f"WHERE r.current = 1 AND r.type = 'transfer' AND r.role IN {FLOWS} "
    f"GROUP BY r.country, r.role, n.country, r.status",
    "INSERT INTO event_countries (event_id, country, valid_from) "
    "SELECT DISTINCT ef.event_id, c.country, e.valid_from FROM event_facts ef "
    "JOIN fact_countries c ON c.fact_id = ef.fact_id AND c.role <> 'nationality' "
    "JOIN events e ON e.id = ef.event_id",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name

    def n():
        return sa.Column("n", sa.Integer(), nullable=False)

    op.create_table("web_type_counts",
                    sa.Column("type", sa.String(20), primary_key=True),
                    sa.Column("status", sa.String(20), primary_key=True), n())
    op.create_table("web_country_counts",
                    sa.Column("country", sa.String(8), primary_key=True),
                    sa.Column("type", sa.String(20), primary_key=True),
                    sa.Column("status", sa.String(20), primary_key=True),
                    sa.Column("month", sa.String(7), primary_key=True), n())
    op.create_table("web_role_counts",
                    sa.Column("country", sa.String(8), primary_key=True),
                    sa.Column("type", sa.String(20), primary_key=True),
                    sa.Column("role", sa.String(20), primary_key=True),
                    sa.Column("status", sa.String(20), primary_key=True), n())
    op.create_table("web_nat_counts",
                    sa.Column("country", sa.String(8), primary_key=True),
                    sa.Column("role", sa.String(20), primary_key=True),
                    sa.Column("nationality", sa.String(8), primary_key=True),
                    sa.Column("status", sa.String(20), primary_key=True), n())
    op.create_table("event_countries",
                    sa.Column("event_id", sa.String(40), primary_key=True),
                    sa.Column("country", sa.String(8), primary_key=True),
                    sa.Column("valid_from", sa.String(10)))
    op.create_index("ix_event_countries_country", "event_countries",
                    ["country", "valid_from", "event_id"])
    for statement in BACKFILL if dialect == "sqlite" else BACKFILL[-1:]:
        op.execute(statement)
    if dialect == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    elif dialect == "postgresql":
        for statement in PG_STATEMENTS:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("wc_meta_bi", "wc_meta_ai", "wc_meta_ad", "wc_meta_au", "wc_countries_ai",
                     "wc_countries_ad", "wc_countries_au", "wc_event_facts_ai", "wc_events_ad"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS wc_event_facts_sync ON event_facts")
        op.execute("DROP TRIGGER IF EXISTS wc_events_sync ON events")
        for fn in ("wc_event_facts_sync", "wc_events_sync"):
            op.execute(f"DROP FUNCTION IF EXISTS {fn}()")
    op.drop_index("ix_event_countries_country", table_name="event_countries")
    for name in reversed(TABLES):
        op.drop_table(name)
