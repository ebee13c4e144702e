"""The sharing check on events that leave the org owning the record (a dealer deployment's
uplink to HQ): the same agreements as the query filter, applied to an event's body.

- ``none``: the event does not leave;
- ``aggregate``: it leaves as a figure: its personal fields withheld altogether (``***``), so
  nothing of a customer's name or number leaves, only what kpi counts (when, where, source,
  grade, outcome);
- ``masked``: it leaves with its personal fields masked (the last digits of a phone, the first
  character of a name);
- ``full``: as it is.
The level travels in a header (``crm-sharing-level``).
Events that are not a dealer's record (``shared_as`` None) always travel as they are.

A record the OEM handed down to the dealer (a lead HQ distributed to it) is the OEM's: what
the dealer does with it (claimed, followed up, graded, converted, lost, sent back) goes up in
``full``, whatever the dealer shares of its own records of the type — DESIGN.md's default for
OEM-originated leads, and what HQ reads of a lead it distributed on a single deployment
(``crm_leads.adapters.access.distributed_by``), so a dealer running its own deployment shares
neither more nor less of those leads than one working on HQ's platform.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.contracts.envelope import EventData
from crm_common.db.tables import org_directory
from crm_common.policy.masking import (
    MASK,
    mask_address,
    mask_id_number,
    mask_name,
    mask_phone,
)
from crm_common.policy.sharing import DataType, Direction, SharingLevel
from crm_common.policy.visibility import shared_level

SHARING_LEVEL_HEADER = "crm-sharing-level"
WITHHELD = MASK * 3
"""What a personal field carries when its event leaves as a figure (``aggregate``)."""

_MASKS: dict[str, Callable[[str], str]] = {
    "phone": mask_phone,
    "name": mask_name,
    "id_number": mask_id_number,
    "address": mask_address,
}


def share_event(
    body: dict[str, Any], event: type[EventData], level: SharingLevel
) -> dict[str, Any] | None:
    """The event body as the receiving org may see it at ``level``, or None if it may not."""
    if event.shared_as is None or level is SharingLevel.FULL:
        return body
    if level is SharingLevel.NONE:
        return None
    data = dict(body["data"])
    for field, kind in event.personal_fields.items():
        if isinstance(data.get(field), str):
            data[field] = WITHHELD if level is SharingLevel.AGGREGATE else _MASKS[kind](data[field])
    return {**body, "data": data}


async def level_towards_oem(
    session: AsyncSession,
    *,
    tenant: str,
    owner_org: str,
    data_type: DataType,
    handed_down_by: str | None = None,
) -> SharingLevel:
    """How much of a record owned by ``owner_org`` its dealer shares with the OEM (FULL for
    records above dealers, e.g. HQ's own leads). ``handed_down_by``: the org node that handed
    the record down to the dealer (a lead's distributor), if any; when that node is above
    dealers the record is the OEM's and goes back to it in full, whatever the agreement."""
    dealer = await _dealer_of(session, tenant, owner_org)
    if dealer is None:
        # An org node this deployment does not know yet shares nothing (fail closed).
        return SharingLevel.FULL if await _known(session, tenant, owner_org) else SharingLevel.NONE
    if (
        handed_down_by is not None
        and await _dealer_of(session, tenant, handed_down_by) is None
        and await _known(session, tenant, handed_down_by)
    ):
        return SharingLevel.FULL
    return SharingLevel(
        (
            await session.execute(
                select(shared_level(tenant, data_type, Direction.DEALER_TO_OEM, literal(dealer)))
            )
        ).scalar_one()
    )


async def _dealer_of(session: AsyncSession, tenant: str, node: str) -> str | None:
    dealer: str | None = (
        await session.execute(
            select(org_directory.c.dealer_id).where(
                org_directory.c.tenant == tenant, org_directory.c.id == node
            )
        )
    ).scalar_one_or_none()
    return dealer


async def _known(session: AsyncSession, tenant: str, node: str) -> bool:
    found = (
        await session.execute(
            select(org_directory.c.id).where(
                org_directory.c.tenant == tenant, org_directory.c.id == node
            )
        )
    ).scalar_one_or_none()
    return found is not None
