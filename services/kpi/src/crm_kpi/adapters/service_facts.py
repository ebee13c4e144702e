"""Writing the service desk's facts: one row per event, a batch in one statement; a
redelivered event adds nothing (its id is the key)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_kpi.adapters.tables import survey_facts, ticket_facts


async def add_ticket_facts(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        await session.execute(insert(ticket_facts).on_conflict_do_nothing(), list(rows))


async def add_survey_facts(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        await session.execute(insert(survey_facts).on_conflict_do_nothing(), list(rows))
