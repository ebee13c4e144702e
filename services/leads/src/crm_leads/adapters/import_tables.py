"""Tables of bulk lead imports: the import job's, declared once for every import
(``crm_common.import_jobs.tables``), in leads' database."""

from __future__ import annotations

from crm_common.import_jobs.tables import import_job_tables
from crm_leads.adapters.tables import metadata

import_jobs = import_job_tables(metadata)
