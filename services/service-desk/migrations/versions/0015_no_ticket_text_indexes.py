"""the tickets' two GIN indexes on their search keys (Chinese bigrams, trigrams of the text)
dropped: under row-level security no query may use them — ``@>`` and ``LIKE`` are not
leakproof, so PostgreSQL keeps them out of index scans ahead of the tenant policy (EXPLAIN as
the app role: bench/RESULTS.md, "service desk") — while every ticket written or swept
maintained them. A search reads a book through its (tenant, owner_org, opened_at, id) index
instead

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Concurrently: old instances keep writing tickets during a rolling deploy.
    with op.get_context().autocommit_block():
        for name in ("ix_tickets_search_text", "ix_tickets_search_grams"):
            op.drop_index(name, table_name="tickets", postgresql_concurrently=True, if_exists=True)


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index(
            "ix_tickets_search_grams",
            "tickets",
            ["search_grams"],
            postgresql_using="gin",
            postgresql_concurrently=True,
            if_not_exists=True,
        )
        op.create_index(
            "ix_tickets_search_text",
            "tickets",
            ["search_text"],
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
            postgresql_concurrently=True,
            if_not_exists=True,
        )
