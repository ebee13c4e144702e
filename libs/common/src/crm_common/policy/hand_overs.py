"""The hand-overs of leavers as leads announced them, part by part, in a service that gives its
own records to people (opportunities, the call center): what a record of the leaver's that
arrives after a hand-over (a conversion, a grading) asks to find the successor."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.contracts.events.leads.v1 import ConsultantHandedOver
from crm_common.db.tables import hand_overs


async def keep_part(session: AsyncSession, tenant: str, handed: ConsultantHandedOver) -> None:
    """One part of a hand-over, once however often it is delivered."""
    await session.execute(
        insert(hand_overs)
        .values(
            hand_over_id=handed.hand_over_id,
            part=handed.part,
            tenant=tenant,
            owner_org=handed.dealer_id,
            consultant=handed.consultant,
            at=handed.at,
            handed=handed.model_dump(mode="json"),
        )
        .on_conflict_do_nothing(index_elements=["hand_over_id", "part"])
    )


async def finished_hand_over_since(
    session: AsyncSession, tenant: str, book: str, consultant: str, since: datetime
) -> ConsultantHandedOver | None:
    """The consultant's latest hand-over in the book made at or after ``since`` whose final
    part has arrived, as one event: the final part with every part's leads and customers (who
    took each). None when there is none (or its final part is still to come: the final part
    then moves what was made meanwhile)."""
    rows = (
        await session.execute(
            select(hand_overs.c.handed)
            .where(
                hand_overs.c.tenant == tenant,
                hand_overs.c.owner_org == book,
                hand_overs.c.consultant == consultant,
                hand_overs.c.at >= since,
            )
            .order_by(hand_overs.c.at.desc(), hand_overs.c.part)
        )
    ).scalars()
    return ConsultantHandedOver.whole_of(
        [ConsultantHandedOver.model_validate(handed) for handed in rows]
    )
