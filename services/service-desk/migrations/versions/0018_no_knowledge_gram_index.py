"""the knowledge articles' GIN index on their search keys dropped, as the tickets' were
(0015): under row-level security no query may use it — ``@>`` and ``&&`` are not leakproof,
so PostgreSQL keeps them out of index scans ahead of the tenant policy, as it does ``LIKE``
for a trigram index (EXPLAIN as the app role: bench/RESULTS.md, "knowledge search") — while
every article written maintained it. A search and the suggestions read the caller's books
through (tenant, owner_org)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Concurrently: old instances keep writing articles during a rolling deploy.
    with op.get_context().autocommit_block():
        op.drop_index(
            "ix_knowledge_articles_grams",
            table_name="knowledge_articles",
            postgresql_concurrently=True,
            if_exists=True,
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index(
            "ix_knowledge_articles_grams",
            "knowledge_articles",
            ["search_grams"],
            postgresql_using="gin",
            postgresql_concurrently=True,
            if_not_exists=True,
        )
