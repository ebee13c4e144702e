"""Rows of ticket attachments (the content itself is in the file store)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import Boolean, case, insert, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.policy import SharingLevel
from crm_service_desk.adapters.access import changeable_tickets, ticket_level, visible_tickets
from crm_service_desk.adapters.tables import ticket_attachments, tickets


async def add_attachment(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(insert(ticket_attachments).values(**values))


async def attachment_to_open(
    session: AsyncSession, principal: Principal, attachment_id: UUID
) -> dict[str, Any] | None:
    """The attachment of a ticket the principal may see, with ``may_open``: a file cannot be
    masked, so its content reaches those who may work the ticket and those its book shares
    tickets with in full; ``kind`` says which data type the ticket is shared as."""
    a = ticket_attachments
    may_open = case(
        (changeable_tickets(principal), literal(True, Boolean)),
        else_=ticket_level(principal) >= SharingLevel.FULL.value,
    )
    query = (
        select(a, tickets.c.kind, may_open.label("may_open"))
        .join(tickets, tickets.c.id == a.c.ticket_id)
        .where(a.c.id == attachment_id, visible_tickets(principal))
    )
    row = (await session.execute(query)).mappings().first()
    return None if row is None else dict(row)
