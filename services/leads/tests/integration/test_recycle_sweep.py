"""The recycle sweep on real PostgreSQL: set-based SQL releases exactly the leads the pure
rule says are due, once, even with two sweeps running at the same time."""

from __future__ import annotations

import asyncio
import random
from datetime import datetime, timedelta
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.db import UnitOfWork
from crm_common.db.tables import outbox
from crm_leads.adapters import customer_files
from crm_leads.adapters.lead_store import lead_from_row
from crm_leads.adapters.tables import (
    customer_opportunities,
    customers,
    lead_history,
    leads,
    pools,
)
from crm_leads.application import handlers
from crm_leads.application.handlers import CreateLead, RecordFollowUp
from crm_leads.application.recycle import (
    apply_staging_rules,
    send_recycle_reminders,
    sweep_recycle,
)
from crm_leads.domain.lead import FollowUpKind, LeadSource, ProtectionPeriodActive
from crm_leads.domain.pool_rules import PoolRules
from crm_leads.domain.recycle import NO_FOLLOW_UP, NOT_WON, CustomerDeals, recycle_rule_due

from .conftest import PEOPLE

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]
ZONE = ZoneInfo("Asia/Shanghai")
RULES = PoolRules.model_validate(
    {
        "recycle": {
            "no_follow_up_days": 10,
            "no_follow_up_days_by_grade": {"ready_to_buy": 5},
            "no_conversion_days": 40,
        }
    }
)


async def test_the_sweep_releases_exactly_the_due_leads_once(
    sessions: Sessions, now: datetime
) -> None:
    owners = [PEOPLE.consultant1, PEOPLE.consultant2]
    for i in range(300):
        await handlers.create_lead(
            CreateLead("客户", f"1380000{i:04d}", LeadSource.PHONE, None),
            owners[i % 2],
            UnitOfWork(sessions),
            via="test",
            now=now,
        )
    rng = random.Random(7)
    async with sessions() as session, session.begin():
        await session.execute(update(pools).values(rules=RULES.model_dump(mode="json")))
        for (lead_id,) in (await session.execute(select(leads.c.id))).all():
            owned = now - timedelta(days=rng.randint(0, 50), hours=rng.randint(0, 23))
            followed = (
                None
                if rng.random() < 0.3
                else owned + timedelta(days=rng.randint(0, 50), hours=rng.randint(0, 23))
            )
            await session.execute(
                update(leads)
                .where(leads.c.id == lead_id)
                .values(
                    owned_since=owned,
                    last_follow_up_at=min(followed, now) if followed else None,
                    grade=rng.choice([None, "ready_to_buy", "intent", "potential"]),
                )
            )
        await session.execute(
            update(customers).where(customers.c.phone.like("%00")).values(locked=True)
        )
        rows = (
            await session.execute(
                select(leads, customers.c.locked).join(
                    customers, customers.c.id == leads.c.customer_id
                )
            )
        ).mappings()
        expected = {}
        for row in rows:
            values = dict(row)
            locked = values.pop("locked")
            rule = recycle_rule_due(
                lead_from_row(values), RULES.recycle, now, customer_locked=locked
            )
            if rule is not None:
                expected[values["id"]] = (values["owner_user"], rule)
    assert 50 < len(expected) < 300, "the data exercises both sides of the rules"

    counts = await asyncio.gather(
        sweep_recycle(sessions, now=now, batch=17), sweep_recycle(sessions, now=now, batch=17)
    )

    assert sum(counts) == len(expected)
    async with sessions() as session:
        history = (
            await session.execute(
                select(lead_history.c.lead_id, lead_history.c.from_user, lead_history.c.rule).where(
                    lead_history.c.kind == "released"
                )
            )
        ).all()
        released_events = (
            await session.execute(
                select(func.count()).where(outbox.c.event_type == "leads.LeadReleased")
            )
        ).scalar_one()
        still_owned = (
            await session.execute(
                select(func.count()).where(
                    leads.c.id.in_(expected), leads.c.owner_user.is_not(None)
                )
            )
        ).scalar_one()
    assert {h.lead_id: (h.from_user, h.rule) for h in history} == expected
    assert len(history) == released_events == len(expected)
    assert still_owned == 0
    assert await sweep_recycle(sessions, now=now) == 0, "nothing is released twice"

    lead_id, (previous_owner, _) = next(iter(expected.items()))
    owner = PEOPLE.consultant1 if previous_owner == "c1" else PEOPLE.consultant2
    with pytest.raises(ProtectionPeriodActive):
        await handlers.claim_lead(lead_id, owner, UnitOfWork(sessions), now=now, business_tz=ZONE)
    await handlers.claim_lead(
        lead_id, PEOPLE.consultant3, UnitOfWork(sessions), now=now, business_tz=ZONE
    )


DEAL_RULES = PoolRules.model_validate(
    {
        "recycle": {
            "no_follow_up_days": 10,
            "no_win_days": 30,
            "exclude_open_opportunities": True,
        }
    }
)


async def test_not_won_and_customers_being_worked_follow_what_opportunities_reported(
    sessions: Sessions, now: datetime
) -> None:
    for i in range(120):
        await handlers.create_lead(
            CreateLead("客户", f"1390000{i:04d}", LeadSource.PHONE, None),
            PEOPLE.consultant1,
            UnitOfWork(sessions),
            via="test",
            now=now,
        )
    rng = random.Random(11)
    deals: dict[UUID, CustomerDeals] = {}
    async with sessions() as session, session.begin():
        await session.execute(update(pools).values(rules=DEAL_RULES.model_dump(mode="json")))
        for lead_id, customer_id in (
            await session.execute(select(leads.c.id, leads.c.customer_id))
        ).all():
            owned = now - timedelta(days=rng.randint(0, 45))
            await session.execute(
                update(leads)
                .where(leads.c.id == lead_id)
                .values(
                    owned_since=owned, last_follow_up_at=owned + timedelta(days=rng.randint(0, 45))
                )
            )
            statuses = rng.sample(["open", "won", "lost"], k=rng.randint(0, 2))
            for status in statuses:
                await customer_files.record_customer_opportunity(
                    session,
                    tenant=PEOPLE.consultant1.tenant,
                    opportunity_id=uuid4(),
                    customer_id=customer_id,
                    status=status,
                    at=now,
                )
            deals[lead_id] = CustomerDeals(
                has_won="won" in statuses, has_open_opportunity="open" in statuses
            )
        rows = (await session.execute(select(leads))).mappings()
        expected = {
            row["id"]: rule
            for row in rows
            if (
                rule := recycle_rule_due(
                    lead_from_row(dict(row)), DEAL_RULES.recycle, now, deals=deals[row["id"]]
                )
            )
        }
    assert {NOT_WON, NO_FOLLOW_UP} <= set(expected.values()), "the data exercises every rule"

    assert await sweep_recycle(sessions, now=now) == len(expected)
    async with sessions() as session:
        history = (
            await session.execute(
                select(lead_history.c.lead_id, lead_history.c.rule).where(
                    lead_history.c.kind == "released"
                )
            )
        ).all()
    assert dict(history) == expected


async def test_a_cancelled_order_reopens_the_customer_s_opportunity_and_old_news_is_ignored(
    sessions: Sessions, now: datetime
) -> None:
    customer, opportunity = uuid4(), uuid4()
    tenant = PEOPLE.consultant1.tenant

    async def status() -> str:
        async with sessions() as session:
            return (
                await session.execute(
                    select(customer_opportunities.c.status).where(
                        customer_opportunities.c.opportunity_id == opportunity
                    )
                )
            ).scalar_one()

    async with sessions() as session, session.begin():
        await customer_files.record_customer_opportunity(
            session,
            tenant=tenant,
            opportunity_id=opportunity,
            customer_id=customer,
            status="won",
            at=now,
        )
        await customer_files.record_customer_opportunity(
            session,
            tenant=tenant,
            opportunity_id=opportunity,
            customer_id=customer,
            status="open",
            at=now - timedelta(hours=1),
        )
    assert await status() == "won", "the opening arrived late and changes nothing"
    async with sessions() as session, session.begin():
        await customer_files.reopen_customer_opportunity(
            session, opportunity_id=opportunity, at=now + timedelta(days=1)
        )
    assert await status() == "open"


async def test_owners_are_reminded_once_before_recycling_and_again_after_a_follow_up(
    sessions: Sessions, now: datetime
) -> None:
    lead = (
        await handlers.create_lead(
            CreateLead("客户", "13811112222", LeadSource.PHONE, None),
            PEOPLE.consultant1,
            UnitOfWork(sessions),
            via="test",
            now=now - timedelta(days=9),
        )
    ).lead
    fresh = (
        await handlers.create_lead(
            CreateLead("客户", "13811113333", LeadSource.PHONE, None),
            PEOPLE.consultant1,
            UnitOfWork(sessions),
            via="test",
            now=now - timedelta(days=7),
        )
    ).lead
    assert await send_recycle_reminders(sessions, now=now) == 1
    assert await send_recycle_reminders(sessions, now=now + timedelta(hours=1)) == 0
    async with sessions() as session:
        (reminder,) = (
            await session.execute(
                select(outbox.c.payload).where(outbox.c.event_type == "leads.LeadRecycleDue")
            )
        ).scalars()
    assert (reminder["data"]["lead_id"], reminder["data"]["owner_user"]) == (str(lead.id), "c1")
    await handlers.record_follow_up(
        lead.id,
        RecordFollowUp(FollowUpKind.CALL, "talked", None, None, 60, False),
        PEOPLE.consultant1,
        UnitOfWork(sessions),
        now=now,
    )
    # The follow-up re-armed the reminder; the other lead is due by then, not "soon".
    assert await send_recycle_reminders(sessions, now=now + timedelta(days=8, hours=1)) == 1
    async with sessions() as session:
        reminded = (
            await session.execute(
                select(outbox.c.payload["data"]["lead_id"].astext).where(
                    outbox.c.event_type == "leads.LeadRecycleDue"
                )
            )
        ).scalars()
        assert list(reminded) == [str(lead.id)] * 2
    assert fresh.owner_user == "c1"


async def test_the_three_stages_escalate_then_hand_to_marketing(
    sessions: Sessions, now: datetime
) -> None:
    start = now - timedelta(days=200)
    lead = (
        await handlers.create_lead(
            CreateLead("客户", "13822223333", LeadSource.PHONE, None),
            PEOPLE.consultant1,
            UnitOfWork(sessions),
            via="test",
            now=start,
        )
    ).lead
    await handlers.record_follow_up(
        lead.id,
        RecordFollowUp(FollowUpKind.VISIT, "ready", "ready_to_buy", None, None, True),
        PEOPLE.consultant1,
        UnitOfWork(sessions),
        now=start,
    )
    at_95_days = start + timedelta(days=95)
    assert await apply_staging_rules(sessions, now=at_95_days) == {
        "stalled_in_grade": 1,
        "handed_to_marketing": 0,
    }
    assert await apply_staging_rules(sessions, now=at_95_days) == {
        "stalled_in_grade": 0,
        "handed_to_marketing": 0,
    }
    assert await apply_staging_rules(sessions, now=now) == {
        "stalled_in_grade": 0,
        "handed_to_marketing": 1,
    }
    async with sessions() as session:
        row = (
            await session.execute(
                select(leads.c.owner_user, leads.c.grade).where(leads.c.id == lead.id)
            )
        ).one()
        types = (
            (await session.execute(select(outbox.c.event_type).order_by(outbox.c.id)))
            .scalars()
            .all()
        )
    assert tuple(row) == (None, "potential")
    assert types[-4:] == [
        "leads.LeadGraded",
        "leads.LeadEscalated",
        "leads.LeadGraded",
        "leads.LeadReleased",
    ]
