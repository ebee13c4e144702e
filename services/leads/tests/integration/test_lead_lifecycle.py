"""Leads' commands on real PostgreSQL with a driven clock: intake and dedup, claims and their
rules, assignment, follow-ups, loss, conversion, and a deactivated owner's leads."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import DataScope, Principal
from crm_common.contracts import new_event
from crm_common.contracts.events.identity.v1 import USER_TOPIC, UserChanged
from crm_common.contracts.events.identity.v2 import UserChangedV2
from crm_common.db import UnitOfWork
from crm_common.db.tables import outbox, sharing_levels
from crm_common.errors import InvalidInput
from crm_common.policy import DataType, Direction, SharingLevel
from crm_common.policy.sharing import ALL_ORGS
from crm_common.policy.staff import staff_names
from crm_common.settings import Settings
from crm_leads.adapters import lead_store
from crm_leads.adapters.lead_store import LeadBusy
from crm_leads.adapters.tables import customers, lead_history, leads, pools
from crm_leads.application import handlers
from crm_leads.application.handlers import CreateLead, LeadNotFound, RecordFollowUp
from crm_leads.domain.lead import (
    ClaimLimitReached,
    FollowUpKind,
    LeadConflict,
    LeadSource,
    LeadStatus,
    NotTheOwner,
    ProtectionPeriodActive,
    SuspectedCollusion,
)
from crm_leads.domain.pool_rules import PoolRules
from crm_leads.entrypoints.consumers import subscriptions
from crm_leads.views import leads as views

from .conftest import PEOPLE, TENANT

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]
SHANGHAI = ZoneInfo("Asia/Shanghai")


async def create(
    sessions: Sessions, actor: Principal, now: datetime, phone: str = "13800138000"
) -> handlers.Registration:
    return await handlers.create_lead(
        CreateLead("王伟", phone, LeadSource.WALK_IN, "Model X"),
        actor,
        UnitOfWork(sessions),
        via="test",
        now=now,
    )


async def claim(sessions: Sessions, actor: Principal, lead_id: UUID, now: datetime) -> None:
    await handlers.claim_lead(lead_id, actor, UnitOfWork(sessions), now=now, business_tz=SHANGHAI)


async def release(sessions: Sessions, actor: Principal, lead_id: UUID, now: datetime) -> None:
    await handlers.release_lead(lead_id, actor, UnitOfWork(sessions), now=now, reason="no time")


async def lock(sessions: Sessions, actor: Principal, lead_id: UUID, now: datetime) -> None:
    await handlers.lock_customer(lead_id, actor, UnitOfWork(sessions), now=now)


async def events_of(sessions: Sessions, event_type: str) -> list[dict]:  # type: ignore[type-arg]
    async with sessions() as session:
        rows = await session.execute(
            select(outbox.c.payload).where(outbox.c.event_type == event_type).order_by(outbox.c.id)
        )
        return [row[0]["data"] for row in rows]


async def set_rules(sessions: Sessions, rules: PoolRules) -> None:
    async with sessions() as session, session.begin():
        await session.execute(update(pools).values(rules=rules.model_dump(mode="json")))


async def test_a_consultant_owns_what_they_take_in_and_a_manager_s_lead_waits_in_the_pool(
    sessions: Sessions, now: datetime
) -> None:
    mine = await create(sessions, PEOPLE.consultant1, now, "13800000001")
    pooled = await create(sessions, PEOPLE.manager, now, "13800000002")
    assert (mine.lead.owner_user, mine.lead.pool_id) == ("c1", None)
    assert mine.lead.owner_org == "dealer-a", "a team's lead is in its dealer's book"
    assert (pooled.lead.owner_user, pooled.lead.pool_id) == (None, pooled.lead.home_pool_id)
    assert [e["owner_user"] for e in await events_of(sessions, "leads.LeadAssigned")] == ["c1"]
    assert len(await events_of(sessions, "leads.LeadCreated")) == 2


async def test_a_known_customer_is_attached_not_duplicated_and_only_within_the_dealer(
    sessions: Sessions, now: datetime
) -> None:
    first = await create(sessions, PEOPLE.consultant1, now, "138 0013 8000")
    again = await create(sessions, PEOPLE.consultant2, now, "+86 138-0013-8000")
    elsewhere = await create(sessions, PEOPLE.other_dealer_consultant, now, "13800138000")
    assert (again.attached, again.lead.id, again.lead.owner_user) == (True, first.lead.id, "c1")
    assert not elsewhere.attached
    assert elsewhere.lead.id != first.lead.id
    assert elsewhere.lead.customer_id != first.lead.customer_id
    async with sessions() as session:
        kinds = (
            await session.execute(
                select(lead_history.c.kind, lead_history.c.actor)
                .where(lead_history.c.lead_id == first.lead.id)
                .order_by(lead_history.c.id)
            )
        ).all()
    assert [tuple(k) for k in kinds] == [("created", "c1"), ("attached", "c2")]
    assert len(await events_of(sessions, "leads.LeadCreated")) == 2


async def test_one_hundred_concurrent_claims_have_exactly_one_winner(
    sessions: Sessions, now: datetime
) -> None:
    lead = (await create(sessions, PEOPLE.manager, now)).lead
    claimants = [
        Principal(**{**PEOPLE.consultant2.model_dump(), "user_id": f"c-{i}"}) for i in range(100)
    ]
    results = await asyncio.gather(
        *(claim(sessions, c, lead.id, now) for c in claimants), return_exceptions=True
    )
    winners = [c.user_id for c, r in zip(claimants, results, strict=True) if r is None]
    losers = [r for r in results if r is not None]
    assert len(winners) == 1
    # Every loser learns the lead is taken, and by whom (a colleague of the same node), not
    # that "another change is in progress".
    told = {f"{type(r).__name__}: {r}" for r in losers}
    assert told == {f"LeadUnavailable: the lead is already taken by {winners[0]}"}, told
    async with sessions() as session:
        owner = (await session.execute(select(leads.c.owner_user))).scalar_one()
        claims = (
            await session.execute(
                select(func.count())
                .select_from(lead_history)
                .where(lead_history.c.kind == "claimed")
            )
        ).scalar_one()
    assert (owner, claims) == (winners[0], 1)
    assert len(await events_of(sessions, "leads.LeadClaimed")) == 1


async def test_a_lead_held_by_another_change_is_busy_without_an_error_in_postgresql(
    sessions: Sessions, now: datetime
) -> None:
    lead = (await create(sessions, PEOPLE.manager, now)).lead
    async with sessions() as holder, holder.begin():
        await holder.execute(select(leads.c.id).where(leads.c.id == lead.id).with_for_update())
        async with sessions() as contender, contender.begin():
            with pytest.raises(LeadBusy):
                await lead_store.lead_for_change(contender, lead.id, leads.c.id.is_not(None))
            # NOWAIT's refusal was an ERROR: it aborted the transaction (and filled the log).
            assert (await contender.execute(text("SELECT 1"))).scalar_one() == 1


async def test_a_command_waits_for_a_short_holder_of_its_lead_and_then_changes_it(
    sessions: Sessions, now: datetime
) -> None:
    """A worker applying an event holds the lead for a moment: the consultant's convert right
    then waits for it instead of answering "try again"."""
    lead = (await create(sessions, PEOPLE.consultant1, now)).lead
    held = asyncio.Event()

    async def hold_briefly() -> None:
        async with sessions() as holder, holder.begin():
            await holder.execute(select(leads.c.id).where(leads.c.id == lead.id).with_for_update())
            held.set()
            await asyncio.sleep(0.5)

    holding = asyncio.create_task(hold_briefly())
    await held.wait()
    converted = await handlers.convert_lead(
        lead.id, "SUV", PEOPLE.consultant1, UnitOfWork(sessions), now=now
    )
    await holding
    assert converted.status is LeadStatus.CONVERTED


async def test_a_command_gives_up_on_a_lead_held_too_long(
    sessions: Sessions, now: datetime
) -> None:
    lead = (await create(sessions, PEOPLE.consultant1, now)).lead
    async with sessions() as holder, holder.begin():
        await holder.execute(select(leads.c.id).where(leads.c.id == lead.id).with_for_update())
        async with sessions() as contender, contender.begin():
            with pytest.raises(LeadBusy):
                await lead_store.lead_for_change(
                    contender, lead.id, leads.c.id.is_not(None), wait_seconds=1
                )


async def test_the_previous_owner_cannot_claim_back_during_protection_but_a_manager_may_assign(
    sessions: Sessions, now: datetime
) -> None:
    lead = (await create(sessions, PEOPLE.consultant1, now)).lead
    await release(sessions, PEOPLE.consultant1, lead.id, now)
    with pytest.raises(ProtectionPeriodActive):
        await claim(sessions, PEOPLE.consultant1, lead.id, now + timedelta(days=6))
    assigned = await handlers.assign_lead(
        lead.id, "c1", PEOPLE.manager, UnitOfWork(sessions), now=now, reason="VIP"
    )
    assert assigned.owner_user == "c1"
    await release(sessions, PEOPLE.manager, lead.id, now + timedelta(days=1))
    await claim(sessions, PEOPLE.consultant1, lead.id, now + timedelta(days=8, seconds=1))
    released = await events_of(sessions, "leads.LeadReleased")
    assert [r["previous_owner"] for r in released] == ["c1", "c1"]


async def test_claim_limits_per_day_and_of_private_leads(sessions: Sessions, now: datetime) -> None:
    pooled = [
        (await create(sessions, PEOPLE.manager, now, f"1390000000{i}")).lead for i in range(5)
    ]
    await set_rules(
        sessions,
        PoolRules.model_validate({"claim": {"max_claims_per_day": 2, "max_private_leads": 3}}),
    )
    await claim(sessions, PEOPLE.consultant2, pooled[0].id, now)
    await claim(sessions, PEOPLE.consultant2, pooled[1].id, now)
    with pytest.raises(ClaimLimitReached, match="claims today"):
        await claim(sessions, PEOPLE.consultant2, pooled[2].id, now)
    # Midnight in Shanghai starts a new day of claims; the cap of owned leads still holds.
    tomorrow = now + timedelta(days=1)
    await claim(sessions, PEOPLE.consultant2, pooled[2].id, tomorrow)
    with pytest.raises(ClaimLimitReached, match="open leads"):
        await claim(sessions, PEOPLE.consultant2, pooled[3].id, tomorrow)


async def test_a_consultant_who_keeps_taking_one_colleague_s_releases_is_blocked(
    sessions: Sessions, now: datetime
) -> None:
    own = [
        (await create(sessions, PEOPLE.consultant1, now, f"1370000000{i}")).lead for i in range(3)
    ]
    await set_rules(
        sessions, PoolRules.model_validate({"collusion": {"threshold": 2, "window_days": 30}})
    )
    for i, lead in enumerate(own):
        await release(sessions, PEOPLE.consultant1, lead.id, now)
        at = now + timedelta(hours=i + 1)
        if i < 2:
            await claim(sessions, PEOPLE.consultant2, lead.id, at)
        else:
            with pytest.raises(SuspectedCollusion, match="c1"):
                await claim(sessions, PEOPLE.consultant2, lead.id, at)
            await claim(sessions, PEOPLE.consultant3, lead.id, at)


async def test_leads_of_other_dealers_and_pools_not_open_to_the_caller_are_not_found(
    sessions: Sessions, now: datetime
) -> None:
    lead = (await create(sessions, PEOPLE.manager, now)).lead
    with pytest.raises(LeadNotFound):
        await claim(sessions, PEOPLE.other_dealer_consultant, lead.id, now)
    mine = (await create(sessions, PEOPLE.consultant1, now, "13600000000")).lead
    with pytest.raises(LeadNotFound):
        await release(sessions, PEOPLE.consultant2, mine.id, now)
    with pytest.raises(handlers.AssigneeNotFound):
        await handlers.assign_lead(
            lead.id, "b1", PEOPLE.manager, UnitOfWork(sessions), now=now, reason=None
        )


REGION_MANAGER = Principal(
    user_id="r1",
    tenant=TENANT,
    org_node="east",
    roles=frozenset({"region_manager"}),
    data_scope=DataScope.SUBTREE,
)


@pytest.mark.parametrize("level", [SharingLevel.MASKED, SharingLevel.FULL])
async def test_a_dealer_s_sharing_lets_the_region_read_its_leads_but_change_none(
    sessions: Sessions, now: datetime, level: SharingLevel
) -> None:
    """Sharing grants reads only: the region manager reads dealer-a's lead, yet none of its
    commands find it, while the region's own lead stays theirs to change."""
    agreement = {
        "tenant": TENANT,
        "data_type": DataType.LEAD.value,
        "direction": Direction.DEALER_TO_OEM.value,
        "dealer_id": "dealer-a",
        "partner_id": ALL_ORGS,
    }
    async with sessions() as session, session.begin():
        await session.execute(insert(sharing_levels).values(**agreement, level=level.value))
    try:
        await _region_reads_but_changes_nothing(sessions, now)
    finally:
        async with sessions() as session, session.begin():
            await session.execute(
                delete(sharing_levels).where(
                    *(sharing_levels.c[name] == value for name, value in agreement.items())
                )
            )


async def _region_reads_but_changes_nothing(sessions: Sessions, now: datetime) -> None:
    owned = (await create(sessions, PEOPLE.consultant1, now)).lead
    await lock(sessions, PEOPLE.consultant1, owned.id, now)
    pooled = (await create(sessions, PEOPLE.manager, now, "13600000000")).lead
    assert await views.lead_for(sessions, REGION_MANAGER, owned.id) is not None
    uow = UnitOfWork(sessions)
    refused = [
        handlers.release_lead(owned.id, REGION_MANAGER, uow, now=now, reason="x"),
        handlers.unlock_customer(owned.id, REGION_MANAGER, uow, now=now),
        handlers.assign_lead(pooled.id, "c2", REGION_MANAGER, uow, now=now, reason=None),
        handlers.decide_loss(owned.id, True, REGION_MANAGER, uow, now=now),
        handlers.move_to_pool(owned.id, owned.home_pool_id, REGION_MANAGER, uow, now=now),
    ]
    for command in refused:
        with pytest.raises(LeadNotFound):
            await command
    async with sessions() as session:
        state = (
            await session.execute(
                select(leads.c.owner_user, customers.c.locked)
                .join(customers, customers.c.id == leads.c.customer_id)
                .where(leads.c.id == owned.id)
            )
        ).one()
    assert tuple(state) == ("c1", True)
    own = (await create(sessions, REGION_MANAGER, now, "13500000000")).lead
    moved = await handlers.move_to_pool(
        own.id, own.home_pool_id, REGION_MANAGER, UnitOfWork(sessions), now=now
    )
    assert moved.owner_org == "east"


async def test_moving_a_lead_to_another_book_s_pool_names_the_pool_id(
    sessions: Sessions, now: datetime
) -> None:
    lead = (await create(sessions, PEOPLE.manager, now)).lead
    theirs = (await create(sessions, PEOPLE.other_dealer_manager, now, "13500000000")).lead
    with pytest.raises(InvalidInput) as refused:
        await handlers.move_to_pool(
            lead.id, theirs.home_pool_id, PEOPLE.manager, UnitOfWork(sessions), now=now
        )
    assert refused.value.field == "pool_id"


async def test_follow_ups_regrade_and_reset_the_clock_and_only_real_contact_when_configured(
    sessions: Sessions, now: datetime
) -> None:
    lead = (await create(sessions, PEOPLE.consultant1, now)).lead
    later = now + timedelta(days=3)
    updated, _ = await handlers.record_follow_up(
        lead.id,
        RecordFollowUp(FollowUpKind.MESSAGE, "sent brochure", "ready_to_buy", None, None, False),
        PEOPLE.consultant1,
        UnitOfWork(sessions),
        now=later,
    )
    assert updated.last_follow_up_at == later
    assert updated.next_follow_up_due == later + timedelta(days=7)
    graded = await events_of(sessions, "leads.LeadGraded")
    assert [(g["previous_grade"], g["grade"]) for g in graded] == [(None, "ready_to_buy")]
    # Version 2: the follow-up that set the grade (a call's upgrade is a callback upgrade).
    assert graded[0]["follow_up_kind"] == "message"
    assert graded[0]["follow_up_id"]
    with pytest.raises(InvalidInput):
        await handlers.record_follow_up(
            lead.id,
            RecordFollowUp(FollowUpKind.CALL, "x", "H", None, 60, True),
            PEOPLE.consultant1,
            UnitOfWork(sessions),
            now=later,
        )
    await set_rules(sessions, PoolRules.model_validate({"recycle": {"real_contact_only": True}}))
    note, _ = await handlers.record_follow_up(
        lead.id,
        RecordFollowUp(FollowUpKind.CALL, "no answer", None, None, 5, False),
        PEOPLE.consultant1,
        UnitOfWork(sessions),
        now=later + timedelta(days=1),
    )
    assert note.last_follow_up_at == later, "a 5 s call is not real contact"
    call, _ = await handlers.record_follow_up(
        lead.id,
        RecordFollowUp(FollowUpKind.CALL, "talked", None, None, 95, False),
        PEOPLE.consultant1,
        UnitOfWork(sessions),
        now=later + timedelta(days=2),
    )
    assert call.last_follow_up_at == later + timedelta(days=2)


async def test_loss_needs_a_manager_and_conversion_publishes_the_customer(
    sessions: Sessions, now: datetime
) -> None:
    lost = (await create(sessions, PEOPLE.consultant1, now, "13500000001")).lead
    won = (await create(sessions, PEOPLE.consultant1, now, "13500000002")).lead
    with pytest.raises(NotTheOwner):
        await handlers.report_lost(lost.id, "x", PEOPLE.manager, UnitOfWork(sessions), now=now)
    await handlers.report_lost(
        lost.id, "bought elsewhere", PEOPLE.consultant1, UnitOfWork(sessions), now=now
    )
    assert await events_of(sessions, "leads.LeadLost") == []
    await handlers.decide_loss(lost.id, True, PEOPLE.manager, UnitOfWork(sessions), now=now)
    assert [e["reason"] for e in await events_of(sessions, "leads.LeadLost")] == [
        "bought elsewhere"
    ]
    with pytest.raises(LeadConflict):
        await handlers.convert_lead(
            lost.id, None, PEOPLE.consultant1, UnitOfWork(sessions), now=now
        )
    await handlers.convert_lead(
        won.id, "Model Y AWD", PEOPLE.consultant1, UnitOfWork(sessions), now=now
    )
    (converted,) = await events_of(sessions, "leads.LeadConverted")
    assert converted["phone"] == "+8613500000002"
    assert (converted["vehicle_interest"], converted["owner_user"]) == ("Model Y AWD", "c1")
    # A converted customer who comes back starts a new lead on the same customer file.
    again = await create(sessions, PEOPLE.consultant2, now, "13500000002")
    assert (again.attached, again.lead.customer_id) == (False, won.customer_id)


@pytest.mark.parametrize("version", [1, 2])
async def test_a_deactivated_owner_s_leads_go_back_to_the_pool_once(
    sessions: Sessions, now: datetime, version: int
) -> None:
    for i in range(3):
        await create(sessions, PEOPLE.consultant1, now, f"1340000000{i}")
    user = {
        "user_id": UUID(int=1),
        "org_id": "team-a1",
        "roles": ["sales_consultant"],
        "active": False,
        "change": "deactivated",
    }
    names = {"dealer_id": "dealer-a", "username": "c1", "display_name": "C 1"}
    event = new_event(
        UserChanged(**user) if version == 1 else UserChangedV2(**user, **names),
        tenant=TENANT,
        owner_org="team-a1",
        actor="admin",
    )
    async with sessions() as session, session.begin():
        await session.execute(text("UPDATE leads SET owner_user = :u"), {"u": str(UUID(int=1))})
    [staff] = [s for s in subscriptions(Settings(env="test")) if s.topic == USER_TOPIC]
    [handles] = [h for h in staff.handles if h.event.event_version == version]
    async with UnitOfWork(sessions) as uow:
        await handles.apply(uow, [event])
    async with sessions() as session:
        owners = (await session.execute(select(leads.c.owner_user, leads.c.pool_id))).all()
    assert all(owner is None and pool is not None for owner, pool in owners)
    released = await events_of(sessions, "leads.LeadReleased")
    assert [r["rule"] for r in released] == ["owner_deactivated"] * 3


async def test_the_staff_copy_keeps_a_users_name_from_version_2_only(sessions: Sessions) -> None:
    """A colleague's name as identity's version 2 event gives it; a version 1 event (no names)
    of the same user later keeps it rather than erasing it."""
    user = {
        "user_id": UUID(int=7),
        "org_id": "team-a1",
        "roles": ["sales_consultant"],
        "active": True,
        "change": "updated",
    }
    names = {"dealer_id": "dealer-a", "username": "c7", "display_name": "顾问七号"}
    [staff] = [s for s in subscriptions(Settings(env="test")) if s.topic == USER_TOPIC]
    for data in (UserChangedV2(**user, **names), UserChanged(**user)):
        [handles] = [h for h in staff.handles if h.event.event_version == data.event_version]
        event = new_event(data, tenant=TENANT, owner_org="team-a1", actor="admin")
        async with UnitOfWork(sessions) as uow:
            await handles.apply(uow, [event])
        async with sessions() as session:
            named = await staff_names(session, TENANT, [str(UUID(int=7)), "nobody"])
        assert named == {str(UUID(int=7)): "顾问七号"}, data.event_version
