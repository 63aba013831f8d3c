"""Reviewable entity matches (written names → known facilities, people, organisations).

Revision ID: 0008_entities
Revises: 0007_web_auth
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_entities"
down_revision = "0007_web_auth"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entity_matches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("surface", sa.String(300), nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.Column("entity_name", sa.String(300), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("method", sa.String(10), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("actor", sa.String(200)),
        sa.Column("reason", sa.Text()),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("kind", "surface"),
    )
    op.create_index("ix_entity_matches_entity_id", "entity_matches", ["entity_id"])


def downgrade() -> None:
    op.drop_index("ix_entity_matches_entity_id", table_name="entity_matches")
    op.drop_table("entity_matches")
