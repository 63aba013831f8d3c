"""MinHash signatures of sources, computed once for near-duplicate detection.

Revision ID: 0010_signatures
Revises: 0009_web_counts
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

revision = "0010_signatures"
down_revision = "0009_web_counts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_signatures",
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("sources.id"), primary_key=True),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("source_signatures")
