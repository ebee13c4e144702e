"""call list imports become the shared import job (crm_common.import_jobs): the tables
renamed, the list's days before and counts kept in the job's options and counts, and the
uploaded file kept in the database with its job (an upload can no longer be left in the file
store without one)

An import still queued or running when this runs had its file in the file store, which a
migration cannot reach: it is failed with a reason saying to import the file again (a
customer and date makes one task however often a list is imported, so nothing is made twice).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RENAMED_TABLES = [
    ("call_list_imports", "import_jobs"),
    ("call_list_import_attempts", "import_job_attempts"),
    ("call_list_import_errors", "import_job_errors"),
]
RENAMED_INDEXES = [
    ("ix_call_list_imports_pending", "ix_import_jobs_pending"),
    ("ix_call_list_imports_book", "ix_import_jobs_book"),
    ("ix_call_list_import_errors_import", "ix_import_job_errors_import"),
]
COUNTS = ("tasks_created", "waiting", "already_imported")
EMPTY_OBJECT = sa.text("'{}'::jsonb")
STOPPED = (
    "stopped by an upgrade of the call center before it finished: import the file again "
    "(rows already imported make no second task)"
)


def upgrade() -> None:
    for old, new in RENAMED_TABLES:
        op.rename_table(old, new)
    for old, new in RENAMED_INDEXES:
        op.execute(f"ALTER INDEX {old} RENAME TO {new}")
    op.add_column("import_jobs", sa.Column("created_by_org", sa.String(64)))
    op.add_column(
        "import_jobs",
        sa.Column("options", postgresql.JSONB, nullable=False, server_default=EMPTY_OBJECT),
    )
    op.add_column(
        "import_jobs",
        sa.Column("counts", postgresql.JSONB, nullable=False, server_default=EMPTY_OBJECT),
    )
    # Row-level security hides every row from a session acting for no tenant: this one acts
    # for all.
    op.execute("SELECT set_config('crm.all_tenants', 'on', false)")
    # A call list goes into its manager's own org node: that is where they imported it from.
    op.execute(
        "UPDATE import_jobs SET created_by_org = owner_org,"
        " options = jsonb_build_object('days_before', days_before),"
        " counts = jsonb_build_object('tasks_created', tasks_created, 'waiting', waiting,"
        " 'already_imported', already_imported)"
    )
    op.execute(
        sa.text(
            "UPDATE import_jobs SET status = 'failed', error = :stopped, updated_at = now(),"
            " finished_at = now() WHERE status IN ('queued', 'running')"
        ).bindparams(stopped=STOPPED)
    )
    op.execute("DELETE FROM import_job_attempts")
    op.execute("SELECT set_config('crm.all_tenants', '', false)")
    op.alter_column("import_jobs", "created_by_org", nullable=False)
    for name in (*COUNTS, "days_before", "file_key"):
        op.drop_column("import_jobs", name)
    op.create_table(
        "import_job_chunks",
        sa.Column(
            "import_id",
            postgresql.UUID(as_uuid=True),
            sa.ForeignKey("import_jobs.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("import_job_chunks")
    op.add_column("import_jobs", sa.Column("file_key", sa.String(300)))
    op.add_column("import_jobs", sa.Column("days_before", sa.Integer))
    for name in COUNTS:
        op.add_column(
            "import_jobs",
            sa.Column(name, sa.Integer, nullable=False, server_default=sa.text("0")),
        )
    op.execute("SELECT set_config('crm.all_tenants', 'on', false)")
    # An import left queued has no file in the file store to go on with: it is failed.
    op.execute(
        "UPDATE import_jobs SET file_key = '',"
        " days_before = coalesce((options->>'days_before')::int, 0),"
        " tasks_created = coalesce((counts->>'tasks_created')::int, 0),"
        " waiting = coalesce((counts->>'waiting')::int, 0),"
        " already_imported = coalesce((counts->>'already_imported')::int, 0)"
    )
    op.execute(
        "UPDATE import_jobs SET status = 'failed', error = 'its file stayed in the database'"
        " WHERE status IN ('queued', 'running')"
    )
    op.execute("SELECT set_config('crm.all_tenants', '', false)")
    op.alter_column("import_jobs", "file_key", nullable=False)
    op.alter_column("import_jobs", "days_before", nullable=False)
    for name in ("counts", "options", "created_by_org"):
        op.drop_column("import_jobs", name)
    for old, new in RENAMED_INDEXES:
        op.execute(f"ALTER INDEX {new} RENAME TO {old}")
    for old, new in RENAMED_TABLES:
        op.rename_table(new, old)
