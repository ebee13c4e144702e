"""SQL of call lists imported in the background: the shared import job's
(``crm_common.import_jobs``) on the call center's tables, scoped as calls are."""

from __future__ import annotations

from crm_call_center.adapters.tables import import_jobs
from crm_common.import_jobs.store import ImportJobStore
from crm_common.policy import DataType

job_store = ImportJobStore(import_jobs, DataType.CALL)
