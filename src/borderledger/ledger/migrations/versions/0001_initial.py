"""Sources, documents, extraction runs, facts and evidence.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("corpus_id", sa.String(300)),
        sa.Column("origin", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("outlet", sa.String(300)),
        sa.Column("title", sa.Text()),
        sa.Column("published", sa.String(10)),
        sa.Column("retrieved_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_sources_corpus_id", "sources", ["corpus_id"])
    op.create_index("ix_sources_published", "sources", ["published"])
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("sources.id", ondelete="RESTRICT"),
                  nullable=False, unique=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=False),
        sa.Column("converter", sa.String(100), nullable=False),
        sa.Column("pages", sa.JSON()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "extraction_runs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("extractor", sa.String(100), nullable=False),
        sa.Column("version", sa.String(50), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime()),
        sa.Column("n_documents", sa.Integer(), nullable=False),
        sa.Column("n_facts", sa.Integer(), nullable=False),
    )
    op.create_table(
        "document_extractions",
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("extraction_runs.id"), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("n_facts", sa.Integer(), nullable=False),
    )
    op.create_index("ix_document_extractions_document", "document_extractions",
                    ["document_id", "run_id"])
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("extraction_runs.id"), nullable=False),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("extractor", sa.String(100), nullable=False),
        sa.Column("extractor_version", sa.String(50), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("rule", sa.Text()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    for col in ("run_id", "document_id", "type", "status"):
        op.create_index(f"ix_facts_{col}", "facts", [col])
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("fact_id", sa.Integer(), sa.ForeignKey("facts.id"), nullable=False),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.UniqueConstraint("fact_id", "start", "end"),
    )
    op.create_index("ix_evidence_fact_id", "evidence", ["fact_id"])


def downgrade() -> None:
    op.drop_index("ix_evidence_fact_id", table_name="evidence")
    op.drop_table("evidence")
    for col in ("run_id", "document_id", "type", "status"):
        op.drop_index(f"ix_facts_{col}", table_name="facts")
    op.drop_table("facts")
    op.drop_index("ix_document_extractions_document", table_name="document_extractions")
    op.drop_table("document_extractions")
    op.drop_table("extraction_runs")
    op.drop_table("documents")
    op.drop_index("ix_sources_published", table_name="sources")
    op.drop_index("ix_sources_corpus_id", table_name="sources")
    op.drop_table("sources")
