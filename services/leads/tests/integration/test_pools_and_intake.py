"""Intake paths (campaign form, showroom reception), locks, pools with members and automatic
assignment, and the anti-collusion evidence — on real PostgreSQL."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import Principal
from crm_common.db import UnitOfWork
from crm_common.db.tables import outbox
from crm_common.errors import InvalidInput
from crm_leads.adapters.tables import lead_history, leads, pools, receptions
from crm_leads.application import campaigns, handlers
from crm_leads.application import customers as customers_app
from crm_leads.application import pools as pools_app
from crm_leads.application.draws import close_draws
from crm_leads.application.handlers import CreateLead
from crm_leads.application.receptions import RecordReception, record_reception
from crm_leads.application.recycle import sweep_recycle
from crm_leads.domain.lead import (
    ClaimLimitReached,
    LeadSource,
    ProtectionPeriodActive,
    SuspectedCollusion,
)
from crm_leads.domain.pool_rules import AutoAssignment, PoolKind, PoolRules
from crm_leads.views import leads as views
from crm_leads.views import pools as pool_views

from .conftest import PEOPLE

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]
SHANGHAI = ZoneInfo("Asia/Shanghai")


def contact(phone: str, source: LeadSource = LeadSource.WALK_IN) -> CreateLead:
    return CreateLead("吴彦", phone, source, "MPV")


async def events(sessions: Sessions, event_type: str) -> list[dict]:  # type: ignore[type-arg]
    async with sessions() as session:
        rows = await session.execute(
            select(outbox.c.payload).where(outbox.c.event_type == event_type).order_by(outbox.c.id)
        )
        return [row[0]["data"] for row in rows]


async def test_a_campaign_form_needs_its_key_and_fills_the_campaign_s_pool(
    sessions: Sessions, now: datetime
) -> None:
    campaign = await campaigns.create_campaign(
        "Spring SUV week", PEOPLE.manager, UnitOfWork(sessions), now=now
    )
    assert campaign.owner_org == "dealer-a"
    with pytest.raises(campaigns.CampaignKeyRefused):
        await campaigns.receive_campaign_lead(
            campaign.id, "wrong", contact("13200000001"), UnitOfWork(sessions), now=now
        )
    registration = await campaigns.receive_campaign_lead(
        campaign.id, campaign.key, contact("13200000001"), UnitOfWork(sessions), now=now
    )
    lead = registration.lead
    assert (lead.owner_org, lead.owner_user, lead.source) == (
        "dealer-a",
        None,
        LeadSource.CAMPAIGN_FORM,
    )
    assert lead.created_by == f"campaign:{campaign.id}"
    with pytest.raises(campaigns.CampaignKeyRefused):
        await campaigns.receive_campaign_lead(
            UUID(int=5), campaign.key, contact("13200000002"), UnitOfWork(sessions), now=now
        )


async def test_a_walk_in_becomes_the_receiving_consultant_s_lead_and_a_verified_visit(
    sessions: Sessions, now: datetime
) -> None:
    arrived = now - timedelta(hours=1)

    async def reception(phone: str, by: str | None = None) -> tuple[UUID, bool, str | None]:
        done = await record_reception(
            RecordReception(contact(phone), 3, "wife, son", "7 seats", arrived, now, by),
            PEOPLE.consultant1 if by is None else PEOPLE.manager,
            UnitOfWork(sessions),
            now=now,
        )
        lead = done.registration.lead
        return lead.id, done.registration.attached, lead.owner_user

    lead_id, attached, owner = await reception("13200000003")
    assert (attached, owner) == (False, "c1")
    again, attached, owner = await reception("13200000003", by="c2")
    assert (again, attached, owner) == (lead_id, True, "c1"), "one customer, one owner"
    follow_ups = await events(sessions, "leads.LeadFollowedUp")
    assert [(f["kind"], f["real_contact"]) for f in follow_ups] == [("visit", True)]
    with pytest.raises(handlers.AssigneeNotFound):
        await reception("13200000004", by="b1")
    async with sessions() as session:
        rows = (await session.execute(select(receptions.c.consultant))).scalars().all()
    assert sorted(rows) == ["c1", "c2"]
    recorded = await events(sessions, "leads.ReceptionRecorded")
    assert [(r["consultant"], r["visitors"], r["complete"]) for r in recorded] == [
        ("c1", 3, True),
        ("c2", 3, True),
    ], "what the visitors came for, who with and when they left: a complete form"


async def test_a_locked_customer_is_never_recycled_and_locks_are_capped(
    sessions: Sessions, now: datetime
) -> None:
    old = now - timedelta(days=30)
    leads = [
        (
            await handlers.create_lead(
                contact(f"1320000010{i}"),
                PEOPLE.consultant1,
                UnitOfWork(sessions),
                via="t",
                now=old,
            )
        ).lead
        for i in range(3)
    ]
    async with sessions() as session, session.begin():
        await session.execute(
            pools.update().values(
                rules=PoolRules.model_validate({"claim": {"max_locked": 1}}).model_dump(mode="json")
            )
        )
    await handlers.lock_customer(leads[0].id, PEOPLE.consultant1, UnitOfWork(sessions), now=now)
    with pytest.raises(ClaimLimitReached, match="locked"):
        await handlers.lock_customer(leads[1].id, PEOPLE.consultant1, UnitOfWork(sessions), now=now)
    assert await sweep_recycle(sessions, now=now) == 2
    still = await views.lead_for(sessions, PEOPLE.consultant1, leads[0].id)
    assert still is not None
    assert still.lead.owner_user == "c1"


async def test_an_assign_only_pool_with_members_hands_leads_out_by_strategy(
    sessions: Sessions, now: datetime
) -> None:
    vip = await pools_app.open_pool(
        name="VIP",
        kind=PoolKind.ASSIGN_ONLY,
        auto_assignment=AutoAssignment.LEAST_LOADED,
        rules=PoolRules(),
        actor=PEOPLE.manager,
        uow=UnitOfWork(sessions),
        now=now,
    )
    with pytest.raises(InvalidInput) as refused:
        await pools_app.set_members(
            vip.id, [("c2", 1, 1), ("b1", 1, 1)], actor=PEOPLE.manager, uow=UnitOfWork(sessions)
        )
    assert refused.value.field == "members.1.user_id"
    await pools_app.set_members(
        vip.id, [("c2", 1, 1), ("c3", 1, 1)], actor=PEOPLE.manager, uow=UnitOfWork(sessions)
    )
    await handlers.create_lead(
        contact("13200000200"), PEOPLE.consultant2, UnitOfWork(sessions), via="t", now=now
    )
    owners = []
    for i in range(3):
        lead = (
            await handlers.create_lead(
                contact(f"1320000030{i}"), PEOPLE.manager, UnitOfWork(sessions), via="t", now=now
            )
        ).lead
        moved = await handlers.move_to_pool(
            lead.id, vip.id, PEOPLE.manager, UnitOfWork(sessions), now=now
        )
        owners.append(moved.owner_user)
    assert owners == ["c3", "c2", "c3"], "least loaded first (c2 already owned one)"
    assigned = await events(sessions, "leads.LeadAssigned")
    assert [a["reason"] for a in assigned[-3:]] == ["least_loaded"] * 3


async def test_a_blocked_claim_alerts_managers_and_shows_in_the_pool_report(
    sessions: Sessions, now: datetime
) -> None:
    released = []
    for i in range(3):
        lead = (
            await handlers.create_lead(
                contact(f"1320000040{i}"),
                PEOPLE.consultant1,
                UnitOfWork(sessions),
                via="t",
                now=now,
            )
        ).lead
        await handlers.release_lead(
            lead.id, PEOPLE.consultant1, UnitOfWork(sessions), now=now, reason="x"
        )
        released.append(lead)
    async with sessions() as session, session.begin():
        await session.execute(
            pools.update().values(
                rules=PoolRules.model_validate({"collusion": {"threshold": 2}}).model_dump(
                    mode="json"
                )
            )
        )
    for lead in released[:2]:
        await handlers.claim_lead(
            lead.id, PEOPLE.consultant2, UnitOfWork(sessions), now=now, business_tz=SHANGHAI
        )
    with pytest.raises(SuspectedCollusion):
        await handlers.claim_lead(
            released[2].id, PEOPLE.consultant2, UnitOfWork(sessions), now=now, business_tz=SHANGHAI
        )
    (alert,) = await events(sessions, "leads.LeadClaimBlocked")
    assert (alert["claimant"], alert["previous_owner"], alert["claims_in_window"]) == (
        "c2",
        "c1",
        2,
    )
    async with sessions() as session:
        kinds = (
            (
                await session.execute(
                    select(lead_history.c.kind)
                    .where(lead_history.c.lead_id == released[2].id)
                    .order_by(lead_history.c.id)
                )
            )
            .scalars()
            .all()
        )
    assert kinds == ["created", "released", "claim_blocked"]
    report = await pool_views.pool_report(
        sessions, released[0].home_pool_id, window_days=30, now=now
    )
    assert [(p.released_by, p.claimed_by, p.handovers) for p in report.flagged_pairs] == [
        ("c1", "c2", 2)
    ]
    by_user = {c.user_id: c for c in report.consultants}
    assert (by_user["c1"].released, by_user["c2"].claimed, by_user["c2"].open_leads) == (3, 2, 2)
    assert report.waiting == 1
    assert (report.consultants_truncated, report.flagged_pairs_truncated) == (False, False)

    # The lists are capped (a pool of HQ's or a big dealer's has many consultants and pairs);
    # the figures still count everyone, and the report says what it left out.
    with pytest.MonkeyPatch.context() as caps:
        caps.setattr(pool_views, "MOST_CONSULTANTS", 1)
        caps.setattr(pool_views, "MOST_PAIRS", 0)
        capped = await pool_views.pool_report(
            sessions, released[0].home_pool_id, window_days=30, now=now
        )
    assert [c.user_id for c in capped.consultants] == ["c1"]
    assert (capped.consultants_truncated, capped.flagged_pairs, capped.flagged_pairs_truncated) == (
        True,
        [],
        True,
    )
    assert (capped.open_leads_min, capped.open_leads_max) == (
        report.open_leads_min,
        report.open_leads_max,
    )


async def test_blind_release_hands_a_lead_to_one_entrant_of_the_draw(
    sessions: Sessions, now: datetime
) -> None:
    lead = (
        await handlers.create_lead(
            contact("13200000500"), PEOPLE.consultant1, UnitOfWork(sessions), via="t", now=now
        )
    ).lead
    async with sessions() as session, session.begin():
        rules = PoolRules.model_validate({"claim": {"blind_release_hours": 2}})
        await session.execute(pools.update().values(rules=rules.model_dump(mode="json")))
    await handlers.release_lead(
        lead.id, PEOPLE.consultant1, UnitOfWork(sessions), now=now, reason="x"
    )

    async def claim(who: Principal, at: datetime) -> object:
        return await handlers.claim_lead(
            lead.id, who, UnitOfWork(sessions), now=at, business_tz=SHANGHAI
        )

    soon = now + timedelta(minutes=5)
    with pytest.raises(ProtectionPeriodActive):
        await claim(PEOPLE.consultant1, soon)
    entries = [
        await claim(who, soon)
        for who in (PEOPLE.consultant2, PEOPLE.consultant3, PEOPLE.consultant2)
    ]
    assert all(isinstance(e, handlers.DrawEntry) for e in entries)
    assert await close_draws(sessions, now=now + timedelta(hours=1)) == 0, "still open"
    assert await close_draws(sessions, now=now + timedelta(hours=2), rng=random.Random(3)) == 1
    shown = await views.lead_for(sessions, PEOPLE.manager, lead.id)
    assert shown is not None
    owner = shown.lead.owner_user
    assert owner in {"c2", "c3"}
    (claimed,) = await events(sessions, "leads.LeadClaimed")
    assert (claimed["owner_user"], claimed["previous_owner"]) == (owner, "c1")
    async with sessions() as session:
        draw_until = (
            await session.execute(select(leads.c.draw_until).where(leads.c.id == lead.id))
        ).scalar_one()
        assert draw_until is None
        reason = (
            await session.execute(
                select(lead_history.c.reason).where(
                    lead_history.c.lead_id == lead.id, lead_history.c.kind == "claimed"
                )
            )
        ).scalar_one()
    assert reason == "won the draw among 2"


async def test_a_draw_nobody_entered_leaves_the_lead_to_the_first_click(
    sessions: Sessions, now: datetime
) -> None:
    lead = (
        await handlers.create_lead(
            contact("13200000600"), PEOPLE.consultant1, UnitOfWork(sessions), via="t", now=now
        )
    ).lead
    async with sessions() as session, session.begin():
        rules = PoolRules.model_validate({"claim": {"blind_release_hours": 1}})
        await session.execute(pools.update().values(rules=rules.model_dump(mode="json")))
    await handlers.release_lead(
        lead.id, PEOPLE.consultant1, UnitOfWork(sessions), now=now, reason="x"
    )
    later = now + timedelta(hours=1)
    assert await close_draws(sessions, now=later) == 0
    taken = await handlers.claim_lead(
        lead.id, PEOPLE.consultant2, UnitOfWork(sessions), now=later, business_tz=SHANGHAI
    )
    assert not isinstance(taken, handlers.DrawEntry)
    assert taken.owner_user == "c2"


async def test_a_manager_merges_two_files_of_one_customer(
    sessions: Sessions, now: datetime
) -> None:
    kept = (
        await handlers.create_lead(
            contact("13200000700"), PEOPLE.consultant1, UnitOfWork(sessions), via="t", now=now
        )
    ).lead
    second = (
        await handlers.create_lead(
            contact("13200000701"), PEOPLE.consultant2, UnitOfWork(sessions), via="t", now=now
        )
    ).lead
    with pytest.raises(customers_app.MergeRefused, match="both customers have an open lead"):
        await customers_app.merge_customers(
            second.customer_id, kept.customer_id, PEOPLE.manager, UnitOfWork(sessions), now=now
        )
    await handlers.report_lost(
        second.id, "the same person", PEOPLE.consultant2, UnitOfWork(sessions), now=now
    )
    await handlers.decide_loss(second.id, True, PEOPLE.manager, UnitOfWork(sessions), now=now)
    with pytest.raises(customers_app.CustomerNotFound):
        await customers_app.merge_customers(
            second.customer_id,
            kept.customer_id,
            PEOPLE.other_dealer_manager,
            UnitOfWork(sessions),
            now=now,
        )
    merge = await customers_app.merge_customers(
        second.customer_id, kept.customer_id, PEOPLE.manager, UnitOfWork(sessions), now=now
    )
    assert merge.moved_leads == [second.id]
    again = await handlers.create_lead(
        contact("13200000701"), PEOPLE.consultant3, UnitOfWork(sessions), via="t", now=now
    )
    assert (again.attached, again.lead.id, again.lead.owner_user) == (True, kept.id, "c1")
    (merged,) = await events(sessions, "leads.CustomerMerged")
    assert merged["merged_customer_id"] == str(second.customer_id)
    with pytest.raises(customers_app.CustomerNotFound):
        await customers_app.merge_customers(
            second.customer_id, kept.customer_id, PEOPLE.manager, UnitOfWork(sessions), now=now
        )
