"""knowledge base: articles (problem → solution) shared down the org tree, searched like
tickets, and the tickets each one helped with; row-level security

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from crm_common.db.migration_ops import isolate_tenants, share_tenants

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "knowledge_articles",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("category_id", sa.UUID(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("solution", sa.Text(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("search_grams", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column(
            "search_text",
            sa.Text(),
            sa.Computed("lower(title || ' ' || problem || ' ' || solution)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["category_id"], ["ticket_categories.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_knowledge_articles_book", "knowledge_articles", ["tenant", "owner_org"])
    op.create_index(
        "ix_knowledge_articles_grams",
        "knowledge_articles",
        ["search_grams"],
        postgresql_using="gin",
    )
    op.create_table(
        "knowledge_article_uses",
        sa.Column("article_id", sa.UUID(), nullable=False),
        sa.Column("ticket_id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("used_by", sa.String(length=64), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["knowledge_articles.id"]),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"]),
        sa.PrimaryKeyConstraint("article_id", "ticket_id"),
    )
    isolate_tenants("knowledge_articles", "knowledge_article_uses")


def downgrade() -> None:
    share_tenants("knowledge_articles", "knowledge_article_uses")
    op.drop_table("knowledge_article_uses")
    op.drop_table("knowledge_articles")
