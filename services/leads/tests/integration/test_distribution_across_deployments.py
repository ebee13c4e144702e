"""Distribution across a dealer deployment's link, on two real databases: HQ's deployment and
the dealer's own. Each side's events are handed to the other's leads worker as the link
delivers them (through the subscription's handlers and the inbox); the link itself, with Kafka
and MirrorMaker 2, is tests/dealer_link's."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.registry import ALL_EVENTS
from crm_common.db import UnitOfWork
from crm_common.db.tables import outbox
from crm_common.db.tenancy import acting_for
from crm_common.inbox.store import process_once
from crm_common.messaging.consumer import Handles
from crm_common.settings import Settings
from crm_common.testing.plugin import Databases
from crm_common.testing.services import migrated_database, tenant_sessions
from crm_leads.adapters import lead_store
from crm_leads.application import distribution, handlers
from crm_leads.application.handlers import CreateLead, RecordFollowUp
from crm_leads.domain.lead import FollowUpKind, LeadSource, LeadStatus
from crm_leads.entrypoints.consumers import subscriptions
from crm_leads.views import leads as views

from .conftest import ORG, PEOPLE, TABLES, TENANT
from .test_distribution import SHANGHAI, distribute, hq_lead

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]
_CONTRACTS = {(e.event_type, e.event_version): e for e in ALL_EVENTS}
[LINK] = [
    s for s in subscriptions(Settings(env="test")) if s.consumer.endswith("distribution-link")
]


@pytest.fixture(scope="module")
async def dealer_database(databases: Databases, tmp_path_factory: pytest.TempPathFactory) -> str:
    return await migrated_database(
        "leads", databases, "leads_dealer_deployment", tmp_path_factory.mktemp("dealer")
    )


@pytest.fixture
async def dealer(dealer_database: str) -> AsyncIterator[Sessions]:
    """dealer-a's own deployment: the same org tree (it came down from HQ), its own staff."""
    async with tenant_sessions(
        dealer_database, TENANT, ORG, TABLES, staff=vars(PEOPLE).values()
    ) as factory:
        yield factory


async def events_about(sessions: Sessions, lead_id: UUID) -> list[Envelope[Any]]:
    """What a deployment published about a lead, in order, as its consumers read it."""
    async with sessions() as session:
        payloads = (await session.execute(select(outbox.c.payload).order_by(outbox.c.id))).scalars()
        found = []
        for payload in payloads:
            if payload["data"].get("lead_id") != str(lead_id):
                continue
            contract = _CONTRACTS[(payload["type"], payload["version"])]
            found.append(Envelope[contract].model_validate(payload))  # type: ignore[valid-type]
        return found


async def deliver(sessions: Sessions, events: list[Envelope[Any]]) -> None:
    """The deployment's leads worker consumes ``events`` (each once, through its inbox)."""
    for event in events:
        handles = _handles(event)
        if handles is None:
            continue
        with acting_for([event.tenant]):
            await process_once(
                sessions, LINK.consumer, event, lambda uow, h=handles, e=event: h.apply(uow, [e])
            )


def _handles(event: Envelope[Any]) -> Handles | None:
    for handles in LINK.handles:
        if (handles.event.event_type, handles.event.event_version) == (event.type, event.version):
            return handles
    return None


async def lead_as_hq_sees_it(sessions: Sessions, lead_id: UUID) -> dict[str, Any]:
    shown = await views.lead_for(sessions, PEOPLE.hq_admin, lead_id)
    assert shown is not None
    return shown.lead.model_dump()


async def test_a_distributed_lead_enters_the_dealers_book_and_its_outcome_goes_back_to_hq(
    sessions: Sessions, dealer: Sessions, now: datetime
) -> None:
    lead = await distribute(sessions, await hq_lead(sessions, now, "13300000011"), now, "dealer-a")
    down = await events_about(sessions, lead.id)
    assert [(e.type, e.version) for e in down] == [
        ("leads.LeadCreated", 1),
        ("leads.LeadDistributed", 2),
    ]
    await deliver(dealer, down)
    await deliver(dealer, down)  # redelivered: taken in once

    shown = await views.lead_for(dealer, PEOPLE.manager, lead.id)
    assert shown is not None, "in the dealer's book, visible to its manager"
    mine = shown.lead.model_dump()
    assert (mine["owner_org"], mine["origin_org"], mine["status"]) == ("dealer-a", "hq", "open")
    assert (mine["customer_name"], mine["phone"]) == ("周杰", "+8613300000011")
    assert mine["pool_id"] is not None
    assert mine["work_by"] is None, "HQ keeps the deadline"
    # HQ's own deployment reads its own event: the lead is there already, nothing changes.
    await deliver(sessions, down)
    assert (await lead_as_hq_sees_it(sessions, lead.id))["work_by"] is not None

    # Worked and converted at the dealer.
    at = now + timedelta(hours=1)
    await handlers.claim_lead(
        lead.id, PEOPLE.consultant2, UnitOfWork(dealer), now=at, business_tz=SHANGHAI
    )
    await handlers.record_follow_up(
        lead.id,
        RecordFollowUp(FollowUpKind.CALL, "talked", "intent", None, 60, False),
        PEOPLE.consultant2,
        UnitOfWork(dealer),
        now=at,
    )
    up = await events_about(dealer, lead.id)
    await deliver(sessions, up)
    assert (await lead_as_hq_sees_it(sessions, lead.id))["work_by"] is None, "worked in time"
    assert (await lead_as_hq_sees_it(sessions, lead.id))["status"] == "open"

    await handlers.convert_lead(
        lead.id, "SUV", PEOPLE.consultant2, UnitOfWork(dealer), now=at + timedelta(minutes=5)
    )
    up = await events_about(dealer, lead.id)
    await deliver(sessions, up)
    await deliver(dealer, up)  # the dealer's own events: nothing to follow there
    seen = await lead_as_hq_sees_it(sessions, lead.id)
    assert (seen["status"], seen["owner_org"]) == (LeadStatus.CONVERTED.value, "dealer-a")
    assert seen["grade"] == "intent", "the grade given at the dealer"
    assert [e.id for e in await events_about(sessions, lead.id)] == [e.id for e in down], (
        "HQ follows the dealer's events without publishing its own"
    )


async def test_hq_recalls_an_unworked_lead_and_the_dealers_copy_follows(
    sessions: Sessions, dealer: Sessions, now: datetime
) -> None:
    lead = await distribute(sessions, await hq_lead(sessions, now, "13300000012"), now, "dealer-a")
    await deliver(dealer, await events_about(sessions, lead.id))
    async with UnitOfWork(sessions) as uow:
        assert await distribution.return_unworked_distributions(
            uow, now=now + timedelta(hours=49), batch=10
        )
    async with UnitOfWork(dealer) as uow:
        assert not await distribution.return_unworked_distributions(
            uow, now=now + timedelta(hours=49), batch=10
        ), "the dealer's sweep leaves HQ's deadline to HQ"
    await deliver(dealer, await events_about(sessions, lead.id))
    assert await views.lead_for(dealer, PEOPLE.manager, lead.id) is None, "gone from its book"
    assert (await lead_as_hq_sees_it(sessions, lead.id))["owner_org"] == "hq"


async def test_a_dealer_sends_a_lead_back_from_its_deployment(
    sessions: Sessions, dealer: Sessions, now: datetime
) -> None:
    lead = await distribute(sessions, await hq_lead(sessions, now, "13300000013"), now, "dealer-a")
    await deliver(dealer, await events_about(sessions, lead.id))
    await distribution.reject_distribution(
        lead.id, "outside our area", PEOPLE.manager, UnitOfWork(dealer), now=now
    )
    await deliver(sessions, await events_about(dealer, lead.id))
    back = await lead_as_hq_sees_it(sessions, lead.id)
    assert (back["owner_org"], back["origin_org"]) == ("hq", None)


async def test_a_dealer_that_already_works_the_customer_sends_the_lead_back_at_once(
    sessions: Sessions, dealer: Sessions, now: datetime
) -> None:
    await handlers.create_lead(
        CreateLead("周杰", "13300000014", LeadSource.WALK_IN, None),
        PEOPLE.consultant2,
        UnitOfWork(dealer),
        via="test",
        now=now,
    )
    lead = await distribute(sessions, await hq_lead(sessions, now, "13300000014"), now, "dealer-a")
    await deliver(dealer, await events_about(sessions, lead.id))
    assert await views.lead_for(dealer, PEOPLE.manager, lead.id) is None
    sent_back = await events_about(dealer, lead.id)
    assert [e.type for e in sent_back] == ["leads.LeadReturned"]
    await deliver(sessions, sent_back)
    assert (await lead_as_hq_sees_it(sessions, lead.id))["owner_org"] == "hq"


async def test_a_distribution_of_version_1_cannot_bring_a_lead_it_does_not_carry(
    dealer: Sessions, sessions: Sessions, now: datetime
) -> None:
    lead = await distribute(sessions, await hq_lead(sessions, now, "13300000015"), now, "dealer-a")
    [v2] = [e for e in await events_about(sessions, lead.id) if e.version == 2]
    data = v2.data
    v1 = Envelope[_CONTRACTS[("leads.LeadDistributed", 1)]].model_validate(  # type: ignore[misc]
        {
            **v2.model_dump(mode="json"),
            "version": 1,
            "data": {
                "lead_id": str(data.lead_id),
                "dealer_id": data.dealer_id,
                "at": data.at.isoformat(),
                "origin_org": data.origin_org,
                "work_by": data.work_by.isoformat(),
                "routed": data.routed,
            },
        }
    )
    with pytest.raises(distribution.DistributionWithoutTheLead):
        await deliver(dealer, [v1])
    await deliver(sessions, [v1])  # where the lead is, version 1 is read as before


async def test_hq_distributes_a_lead_again_to_the_dealer_that_sent_it_back(
    sessions: Sessions, dealer: Sessions, now: datetime
) -> None:
    lead = await distribute(sessions, await hq_lead(sessions, now, "13300000016"), now, "dealer-a")
    await deliver(dealer, await events_about(sessions, lead.id))
    await distribution.reject_distribution(
        lead.id, "no room this week", PEOPLE.manager, UnitOfWork(dealer), now=now
    )
    await deliver(sessions, await events_about(dealer, lead.id))
    assert (await lead_as_hq_sees_it(sessions, lead.id))["owner_org"] == "hq"

    later = now + timedelta(days=3)
    await distribute(sessions, lead.id, later, "dealer-a")
    down = await events_about(sessions, lead.id)
    await deliver(dealer, down)
    await deliver(sessions, down)  # HQ's own events: the lead is with the dealer already
    shown = await views.lead_for(dealer, PEOPLE.manager, lead.id)
    assert shown is not None, "back in the dealer's book"
    mine = shown.lead.model_dump()
    assert (mine["owner_org"], mine["origin_org"], mine["status"]) == ("dealer-a", "hq", "open")
    assert mine["work_by"] is None, "HQ keeps the deadline"
    await handlers.claim_lead(
        lead.id, PEOPLE.consultant2, UnitOfWork(dealer), now=later, business_tz=SHANGHAI
    )
    await deliver(sessions, await events_about(dealer, lead.id))
    seen = await lead_as_hq_sees_it(sessions, lead.id)
    assert (seen["owner_org"], seen["origin_org"]) == ("dealer-a", "hq")
    assert seen["work_by"] is not None, "claimed only: not yet followed up"


async def test_hqs_copy_follows_who_works_the_lead_at_the_dealer_and_its_grade(
    sessions: Sessions, dealer: Sessions, now: datetime
) -> None:
    lead = await distribute(sessions, await hq_lead(sessions, now, "13300000017"), now, "dealer-a")
    await deliver(dealer, await events_about(sessions, lead.id))
    at = now + timedelta(hours=1)
    await handlers.claim_lead(
        lead.id, PEOPLE.consultant2, UnitOfWork(dealer), now=at, business_tz=SHANGHAI
    )
    await handlers.record_follow_up(
        lead.id,
        RecordFollowUp(FollowUpKind.CALL, "talked", "intent", None, 60, False),
        PEOPLE.consultant2,
        UnitOfWork(dealer),
        now=at + timedelta(minutes=1),
    )
    await handlers.assign_lead(
        lead.id,
        "c3",
        PEOPLE.manager,
        UnitOfWork(dealer),
        now=at + timedelta(minutes=2),
        reason="senior consultant",
    )
    up = await events_about(dealer, lead.id)
    await deliver(sessions, up)
    await deliver(sessions, up)  # redelivered: followed once

    seen = await lead_as_hq_sees_it(sessions, lead.id)
    assert (seen["grade"], seen["owner_user"]) == ("intent", None), (
        "the grade shows; the owner stays empty so that HQ's sweeps leave the lead alone"
    )
    history = await views.history_of(sessions, PEOPLE.hq_admin, lead.id, limit=50, offset=0)
    assert history is not None
    at_dealer = [(h.kind, h.from_user, h.to_user) for h in history if h.at >= at]
    assert at_dealer == [
        ("claimed_at_dealer", None, "c2"),
        ("followed_up", None, None),
        ("graded", None, None),
        ("assigned_at_dealer", "c2", "c3"),
    ]


async def test_on_one_deployment_a_lead_follows_nothing_of_its_own_events(
    sessions: Sessions, now: datetime
) -> None:
    """A dealer working on HQ's own platform: the leads worker reads the events of the lead it
    changed itself, stale ones included, and changes nothing."""
    lead = await distribute(sessions, await hq_lead(sessions, now, "13300000018"), now, "dealer-a")
    at = now + timedelta(hours=1)
    await handlers.claim_lead(
        lead.id, PEOPLE.consultant2, UnitOfWork(sessions), now=at, business_tz=SHANGHAI
    )
    await handlers.record_follow_up(
        lead.id,
        RecordFollowUp(FollowUpKind.CALL, "talked", "intent", None, 60, False),
        PEOPLE.consultant2,
        UnitOfWork(sessions),
        now=at,
    )
    await handlers.release_lead(
        lead.id, PEOPLE.consultant2, UnitOfWork(sessions), now=at + timedelta(hours=1), reason="x"
    )
    before = await views.history_of(sessions, PEOPLE.hq_admin, lead.id, limit=50, offset=0)
    shown = await lead_as_hq_sees_it(sessions, lead.id)
    await deliver(sessions, await events_about(sessions, lead.id))
    after = await views.history_of(sessions, PEOPLE.hq_admin, lead.id, limit=50, offset=0)
    assert after == before
    assert await lead_as_hq_sees_it(sessions, lead.id) == shown


async def test_the_uplink_learns_which_leads_hq_handed_down(
    sessions: Sessions, dealer: Sessions, now: datetime
) -> None:
    lead = await distribute(sessions, await hq_lead(sessions, now, "13300000019"), now, "dealer-a")
    await deliver(dealer, await events_about(sessions, lead.id))
    own = await handlers.create_lead(
        CreateLead("林峰", "13300000020", LeadSource.WALK_IN, None),
        PEOPLE.consultant2,
        UnitOfWork(dealer),
        via="test",
        now=now,
    )
    async with dealer() as session:
        found = await lead_store.handed_down(
            session, [str(lead.id), str(own.lead.id), "not-a-lead-id"]
        )
    assert found == {str(lead.id): "hq"}
