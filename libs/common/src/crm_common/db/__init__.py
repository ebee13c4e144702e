"""Database access: one async engine per process, one unit of work per command."""

from crm_common.db.engine import create_engine, create_session_factory
from crm_common.db.unit_of_work import UnitOfWork

__all__ = ["UnitOfWork", "create_engine", "create_session_factory"]
