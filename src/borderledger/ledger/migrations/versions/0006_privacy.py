"""Person mentions and reviewers' public/private decisions.

Revision ID: 0006_privacy
Revises: 0005_review
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_privacy"
down_revision = "0005_review"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_mentions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("person_key", sa.String(300), nullable=False),
        sa.Column("public_role", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_person_mentions_document_id", "person_mentions", ["document_id"])
    op.create_index("ix_person_mentions_person_key", "person_mentions", ["person_key"])
    op.create_table(
        "person_visibility",
        sa.Column("person_key", sa.String(300), primary_key=True),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text()),
        sa.Column("at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("person_visibility")
    op.drop_index("ix_person_mentions_person_key", table_name="person_mentions")
    op.drop_index("ix_person_mentions_document_id", table_name="person_mentions")
    op.drop_table("person_mentions")
