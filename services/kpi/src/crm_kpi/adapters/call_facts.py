"""Writing the call center's facts: one row per event, a batch in one statement; a redelivered
event adds nothing (its id is the key)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_kpi.adapters.tables import call_facts, call_task_facts


async def add_call_facts(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        await session.execute(insert(call_facts).on_conflict_do_nothing(), list(rows))


async def add_call_task_facts(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        await session.execute(insert(call_task_facts).on_conflict_do_nothing(), list(rows))
