"""OEM distribution on real PostgreSQL: routing by region and capacity, the dealer's
rejection, the work-by deadline, and what HQ sees of the leads it sent."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.db import UnitOfWork
from crm_common.db.tables import outbox, personal_data_audit
from crm_common.policy import SharingLevel
from crm_leads.adapters import book_store
from crm_leads.adapters.access import lead_level
from crm_leads.adapters.tables import leads, pools
from crm_leads.application import customers, distribution, handlers, lead_reads
from crm_leads.application.handlers import CreateLead, LeadNotFound, RecordFollowUp
from crm_leads.domain.lead import FollowUpKind, Lead, LeadSource, LeadUnavailable
from crm_leads.domain.pool_rules import PoolRules
from crm_leads.views import leads as views

from .conftest import PEOPLE

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]
SHANGHAI = ZoneInfo("Asia/Shanghai")


async def hq_lead(
    sessions: Sessions, now: datetime, phone: str, region: str | None = "east"
) -> UUID:
    registration = await handlers.create_lead(
        CreateLead("周杰", phone, LeadSource.CAMPAIGN_FORM, "SUV", region_hint=region),
        PEOPLE.hq_admin,
        UnitOfWork(sessions),
        via="test",
        now=now,
    )
    assert registration.lead.owner_org == "hq"
    return registration.lead.id


async def distribute(
    sessions: Sessions, lead_id: UUID, now: datetime, dealer: str | None = None
) -> Lead:
    return await distribution.distribute_lead(
        lead_id, dealer, PEOPLE.hq_admin, UnitOfWork(sessions), now=now
    )


async def set_capacity(sessions: Sessions, dealer: str, capacity: int, now: datetime) -> None:
    rules = PoolRules.model_validate({"distribution": {"capacity": capacity}})
    async with UnitOfWork(sessions) as uow:
        await book_store.default_pool(uow.session, tenant="oem-t", owner_org=dealer, now=now)
        await uow.session.execute(
            update(pools)
            .where(pools.c.owner_org == dealer)
            .values(rules=rules.model_dump(mode="json"))
        )


async def event_types(sessions: Sessions) -> list[str]:
    async with sessions() as session:
        return list(
            (await session.execute(select(outbox.c.event_type).order_by(outbox.c.id))).scalars()
        )


async def test_routing_fills_the_least_loaded_dealer_with_room_and_hq_sees_what_it_sent(
    sessions: Sessions, now: datetime
) -> None:
    await set_capacity(sessions, "dealer-a", 1, now)
    await set_capacity(sessions, "dealer-b", 1, now)
    sent = [
        await distribute(sessions, await hq_lead(sessions, now, f"1330000000{i}"), now)
        for i in range(2)
    ]
    assert sorted(lead.owner_org for lead in sent) == ["dealer-a", "dealer-b"]
    assert all(lead.origin_org == "hq" and lead.pool_id is not None for lead in sent)
    assert sent[0].work_by == now + timedelta(hours=48)
    with pytest.raises(distribution.NoDealerAvailable):
        await distribute(sessions, await hq_lead(sessions, now, "13300000009"), now)

    # HQ sees the leads it distributed in full; not the dealer's own prospects.
    own = (
        await handlers.create_lead(
            CreateLead("李雷", "13300000100", LeadSource.WALK_IN, None),
            PEOPLE.consultant1,
            UnitOfWork(sessions),
            via="test",
            now=now,
        )
    ).lead
    for viewer in (PEOPLE.hq_admin, PEOPLE.hq_analyst):
        assert await views.lead_for(sessions, viewer, sent[0].id) is not None
        async with sessions() as session:
            shared = await session.scalar(
                select(lead_level(viewer)).where(leads.c.id == sent[0].id)
            )
        assert shared == SharingLevel.FULL, "what HQ sent stays shared with it in full"
        assert await views.lead_for(sessions, viewer, own.id) is None
    assert (await event_types(sessions)).count("leads.LeadDistributed") == 2


async def test_a_dealer_sends_a_lead_back_and_hq_sends_it_elsewhere(
    sessions: Sessions, now: datetime
) -> None:
    lead_id = await hq_lead(sessions, now, "13300000001")
    lead = await distribute(sessions, lead_id, now, dealer="dealer-b")
    with pytest.raises(LeadNotFound):
        await distribution.reject_distribution(
            lead_id, "not ours", PEOPLE.manager, UnitOfWork(sessions), now=now
        )
    back = await distribution.reject_distribution(
        lead_id, "outside our area", PEOPLE.other_dealer_manager, UnitOfWork(sessions), now=now
    )
    assert (back.owner_org, back.origin_org, back.pool_id is not None) == ("hq", None, True)
    # The route's answer: the lead as the dealer may still see it, the answer audited under
    # the command's name (longer than the audit's action held at first).
    endpoint = "POST /leads/{lead_id}/reject-distribution"
    answer = await lead_reads.command_answer(sessions, PEOPLE.other_dealer_manager, back, endpoint)
    assert answer.id == lead_id
    async with sessions() as session:
        actions = (
            await session.execute(
                select(personal_data_audit.c.action).where(
                    personal_data_audit.c.resource_id == str(lead_id)
                )
            )
        ).scalars()
        assert "reject-distribution" in set(actions)
    assert back.customer_id != lead.customer_id, "the customer file of HQ's book again"
    again = await distribute(sessions, lead_id, now, dealer="dealer-a")
    assert again.owner_org == "dealer-a"
    types = await event_types(sessions)
    assert types[-3:] == ["leads.LeadDistributed", "leads.LeadReturned", "leads.LeadDistributed"]


async def test_a_dealer_that_already_works_the_customer_does_not_get_it_twice(
    sessions: Sessions, now: datetime
) -> None:
    await handlers.create_lead(
        CreateLead("周杰", "13300000002", LeadSource.WALK_IN, None),
        PEOPLE.consultant1,
        UnitOfWork(sessions),
        via="test",
        now=now,
    )
    lead_id = await hq_lead(sessions, now, "13300000002")
    with pytest.raises(LeadUnavailable, match="already works"):
        await distribute(sessions, lead_id, now, dealer="dealer-a")
    routed = await distribute(sessions, lead_id, now)
    assert routed.owner_org == "dealer-b"


async def test_a_dealer_works_the_customer_a_merged_file_of_the_phone_went_into(
    sessions: Sessions, now: datetime
) -> None:
    """The dealer's customer of a phone is found by the one dedup rule: a file merged into
    another is that other customer, whose open lead the dealer works."""
    kept, second = [
        (
            await handlers.create_lead(
                CreateLead("周杰", phone, LeadSource.WALK_IN, None),
                consultant,
                UnitOfWork(sessions),
                via="test",
                now=now,
            )
        ).lead
        for phone, consultant in (
            ("13300000021", PEOPLE.consultant1),
            ("13300000022", PEOPLE.consultant2),
        )
    ]
    await handlers.report_lost(
        second.id, "the same person", PEOPLE.consultant2, UnitOfWork(sessions), now=now
    )
    await handlers.decide_loss(second.id, True, PEOPLE.manager, UnitOfWork(sessions), now=now)
    await customers.merge_customers(
        second.customer_id, kept.customer_id, PEOPLE.manager, UnitOfWork(sessions), now=now
    )
    lead_id = await hq_lead(sessions, now, "13300000022")
    with pytest.raises(LeadUnavailable, match="already works"):
        await distribute(sessions, lead_id, now, dealer="dealer-a")
    assert (await distribute(sessions, lead_id, now)).owner_org == "dealer-b"


async def test_a_distribution_not_worked_in_time_goes_back_up(
    sessions: Sessions, now: datetime
) -> None:
    idle = await distribute(sessions, await hq_lead(sessions, now, "13300000003"), now, "dealer-a")
    worked = await distribute(
        sessions, await hq_lead(sessions, now, "13300000004"), now, "dealer-a"
    )
    await handlers.claim_lead(
        worked.id, PEOPLE.consultant2, UnitOfWork(sessions), now=now, business_tz=SHANGHAI
    )
    await handlers.record_follow_up(
        worked.id,
        RecordFollowUp(FollowUpKind.CALL, "talked", "intent", None, 60, False),
        PEOPLE.consultant2,
        UnitOfWork(sessions),
        now=now + timedelta(hours=2),
    )
    later = now + timedelta(hours=48, seconds=1)
    async with UnitOfWork(sessions) as uow:
        returned = await distribution.return_unworked_distributions(uow, now=later, batch=10)
    assert returned == 1
    assert await book_of(sessions, idle.id) == "hq"
    assert await book_of(sessions, worked.id) == "dealer-a"


async def book_of(sessions: Sessions, lead_id: UUID) -> str:
    shown = await views.lead_for(sessions, PEOPLE.hq_admin, lead_id)
    assert shown is not None
    return shown.lead.owner_org
