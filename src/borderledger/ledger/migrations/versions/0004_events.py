"""Events, event membership, reviewer overrides and near-duplicate source groups.

Revision ID: 0004_events
Revises: 0003_custody
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_events"
down_revision = "0003_custody"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("key", sa.JSON(), nullable=False),
        sa.Column("valid_from", sa.String(10)),
        sa.Column("valid_to", sa.String(10)),
        sa.Column("independent_sources", sa.Integer(), nullable=False),
        sa.Column("n_facts", sa.Integer(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_events_type", "events", ["type"])
    op.create_index("ix_events_valid_from", "events", ["valid_from"])
    op.create_table(
        "event_facts",
        sa.Column("event_id", sa.String(40), sa.ForeignKey("events.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("fact_id", sa.Integer(), sa.ForeignKey("facts.id"), primary_key=True),
    )
    op.create_index("ix_event_facts_fact_id", "event_facts", ["fact_id"])
    op.create_table(
        "event_overrides",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("refs", sa.JSON(), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "source_groups",
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("sources.id"), primary_key=True),
        sa.Column("group_source_id", sa.Integer(), nullable=False),
    )
    op.create_index("ix_source_groups_group_source_id", "source_groups", ["group_source_id"])


def downgrade() -> None:
    op.drop_index("ix_source_groups_group_source_id", table_name="source_groups")
    op.drop_table("source_groups")
    op.drop_table("event_overrides")
    op.drop_index("ix_event_facts_fact_id", table_name="event_facts")
    op.drop_table("event_facts")
    op.drop_index("ix_events_valid_from", table_name="events")
    op.drop_index("ix_events_type", table_name="events")
    op.drop_table("events")
