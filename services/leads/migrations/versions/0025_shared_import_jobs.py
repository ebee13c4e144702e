"""lead imports become the shared import job (crm_common.import_jobs): the tables renamed,
the lead counts kept in the job's counts, rows_failed is rows_rejected, and the rejected rows
carry their tenant (isolated like the job)

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from crm_common.db.migration_ops import isolate_tenants, share_tenants

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RENAMED_TABLES = [
    ("lead_imports", "import_jobs"),
    ("lead_import_chunks", "import_job_chunks"),
    ("lead_import_attempts", "import_job_attempts"),
    ("lead_import_errors", "import_job_errors"),
]
RENAMED_INDEXES = [
    ("ix_lead_imports_pending", "ix_import_jobs_pending"),
    ("ix_lead_imports_book", "ix_import_jobs_book"),
    ("ix_lead_import_errors_import", "ix_import_job_errors_import"),
]
EMPTY_OBJECT = sa.text("'{}'::jsonb")


def upgrade() -> None:
    for old, new in RENAMED_TABLES:
        op.rename_table(old, new)
    for old, new in RENAMED_INDEXES:
        op.execute(f"ALTER INDEX {old} RENAME TO {new}")
    op.add_column(
        "import_jobs", sa.Column("kind", sa.String(30), nullable=False, server_default="lead")
    )
    op.alter_column("import_jobs", "kind", server_default=None)
    op.add_column(
        "import_jobs",
        sa.Column("options", postgresql.JSONB, nullable=False, server_default=EMPTY_OBJECT),
    )
    op.add_column(
        "import_jobs",
        sa.Column("counts", postgresql.JSONB, nullable=False, server_default=EMPTY_OBJECT),
    )
    op.alter_column("import_jobs", "rows_failed", new_column_name="rows_rejected")
    op.add_column("import_job_errors", sa.Column("tenant", sa.String(64)))
    # Row-level security hides every row from a session acting for no tenant: this one acts
    # for all.
    op.execute("SELECT set_config('crm.all_tenants', 'on', false)")
    op.execute(
        "UPDATE import_jobs SET counts = jsonb_build_object("
        "'rows_created', rows_created, 'rows_attached', rows_attached)"
    )
    op.execute(
        "UPDATE import_job_errors e SET tenant = j.tenant FROM import_jobs j"
        " WHERE j.id = e.import_id"
    )
    op.execute("SELECT set_config('crm.all_tenants', '', false)")
    op.drop_column("import_jobs", "rows_created")
    op.drop_column("import_jobs", "rows_attached")
    op.alter_column("import_job_errors", "tenant", nullable=False)
    isolate_tenants("import_job_errors")


def downgrade() -> None:
    share_tenants("import_job_errors")
    op.drop_column("import_job_errors", "tenant")
    for name in ("rows_created", "rows_attached"):
        op.add_column(
            "import_jobs",
            sa.Column(name, sa.Integer, nullable=False, server_default=sa.text("0")),
        )
    op.execute("SELECT set_config('crm.all_tenants', 'on', false)")
    op.execute(
        "UPDATE import_jobs SET rows_created = coalesce((counts->>'rows_created')::int, 0),"
        " rows_attached = coalesce((counts->>'rows_attached')::int, 0)"
    )
    op.execute("SELECT set_config('crm.all_tenants', '', false)")
    op.alter_column("import_jobs", "rows_rejected", new_column_name="rows_failed")
    op.drop_column("import_jobs", "counts")
    op.drop_column("import_jobs", "options")
    op.drop_column("import_jobs", "kind")
    for old, new in RENAMED_INDEXES:
        op.execute(f"ALTER INDEX {new} RENAME TO {old}")
    for old, new in RENAMED_TABLES:
        op.rename_table(new, old)
