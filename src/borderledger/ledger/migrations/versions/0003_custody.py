"""Chain of custody, relevance screenings, watched feeds and their items.

Revision ID: 0003_custody
Revises: 0002_web
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0003_custody"
down_revision = "0002_web"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "custody_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("sources.id", ondelete="RESTRICT"),
                  nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(300), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("tool", sa.String(100), nullable=False),
        sa.Column("method", sa.String(30), nullable=False),
        sa.Column("location", sa.Text()),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("warc_sha256", sa.String(64)),
        sa.Column("details", sa.JSON()),
    )
    op.create_index("ix_custody_events_source_id", "custody_events", ["source_id"])
    op.create_table(
        "source_screenings",
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("sources.id", ondelete="RESTRICT"),
                  primary_key=True),
        sa.Column("relevant", sa.Boolean(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("terms", sa.JSON()),
        sa.Column("screener", sa.String(100), nullable=False),
        sa.Column("screened_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("url", sa.String(2000), nullable=False, unique=True),
        sa.Column("title", sa.Text()),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("last_checked_at", sa.DateTime()),
        sa.Column("last_status", sa.Integer()),
        sa.Column("last_error", sa.Text()),
    )
    op.create_table(
        "feed_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("feed_id", sa.Integer(), sa.ForeignKey("feeds.id"), nullable=False),
        sa.Column("key", sa.String(2000), nullable=False),
        sa.Column("link", sa.Text(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("published", sa.String(10)),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("relevant", sa.Boolean()),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("sources.id")),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text()),
        sa.UniqueConstraint("feed_id", "key"),
    )
    op.create_index("ix_feed_items_feed_id", "feed_items", ["feed_id"])


def downgrade() -> None:
    op.drop_index("ix_feed_items_feed_id", table_name="feed_items")
    op.drop_table("feed_items")
    op.drop_table("feeds")
    op.drop_table("source_screenings")
    op.drop_index("ix_custody_events_source_id", table_name="custody_events")
    op.drop_table("custody_events")
