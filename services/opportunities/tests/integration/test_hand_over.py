"""A leaver's hand-over as leads announces it, on real PostgreSQL: the leaver's open
opportunities and the won one whose order still runs — with their quotes and orders — go to
the successor a part names for their lead, the final part moves the rest; a lost one stays."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from crm_common.contracts import new_event
from crm_common.contracts.events.leads.v1 import ConsultantHandedOver, Successor
from crm_common.contracts.events.leads.v2 import LeadConvertedV2
from crm_common.db import UnitOfWork
from crm_opportunities.application.hand_over import take_over_from_leaver
from crm_opportunities.application.opportunities import open_from_converted_lead

from .conftest import PEOPLE, TENANT, AsUser, Sessions
from .test_quotes_orders_api import events, opened_and_driven, quote

AT = datetime(2026, 11, 3, 2, 0, tzinfo=UTC)


def handed_over(part: int, final: bool, leads: dict[UUID, str], successors: list[str]) -> Any:
    return new_event(
        ConsultantHandedOver(
            hand_over_id=UUID(int=5),
            dealer_id="dealer-a",
            consultant="c1",
            successors=[Successor(user_id=u, org_node="dealer-a") for u in successors],
            strategy="least_loaded",
            reason="hand_over",
            leads=leads,
            customers={},
            part=part,
            final=final,
            at=AT,
        ),
        tenant=TENANT,
        owner_org="dealer-a",
        actor="m1",
    )


def conversion(lead: UUID, at: datetime) -> Any:
    return new_event(
        LeadConvertedV2(
            lead_id=lead,
            dealer_id="dealer-a",
            at=at,
            customer_id=uuid4(),
            owner_user="c1",
            owner_team="team-a1",
            customer_name="韩雪",
            phone="+8613900002222",
            vehicle_interest="SUV X",
            source="walk_in",
            grade="intent",
            lead_origin="self_sourced",
        ),
        tenant=TENANT,
        owner_org="dealer-a",
        actor="c1",
    )


async def test_the_leaver_s_running_opportunities_quotes_and_orders_go_to_the_successors(
    sessions: Sessions, as_user: AsUser
) -> None:
    lead = uuid4()
    async with UnitOfWork(sessions) as uow:
        await open_from_converted_lead(uow, conversion(lead, AT))
    sold = await opened_and_driven(as_user)
    open_one = await opened_and_driven(as_user)
    async with as_user(PEOPLE.consultant1) as c1:
        listed = (await c1.get("/opportunities")).json()
        [converted] = [o["id"] for o in listed if o["lead_id"] == str(lead)]
        drafted = (await c1.post(f"/opportunities/{sold}/quotes", json=quote("200000"))).json()
        assert (await c1.post(f"/quotes/{drafted['id']}/issue")).json()["status"] == "issued"
        order = (await c1.post(f"/quotes/{drafted['id']}/acceptance")).json()
        draft = (await c1.post(f"/opportunities/{open_one}/quotes", json=quote("200000"))).json()
        lost = (await c1.post("/opportunities", json={"customer_name": "杨紫"})).json()["id"]
        await c1.post(f"/opportunities/{lost}/loss", json={"reason": "price"})
    async with as_user(PEOPLE.consultant2) as c2:
        theirs = (await c2.post("/opportunities", json={"customer_name": "赵丽"})).json()["id"]

    # A first part names the converted lead's successor (c3 is not staff here: leads chose
    # them; the record follows), the final part spreads the rest over c2 alone.
    first = handed_over(0, False, {lead: "c3"}, ["c2", "c3"])
    final = handed_over(1, True, {}, ["c2"])
    for event in (first, final, final):  # a redelivered part moves nothing more
        async with UnitOfWork(sessions) as uow:
            await take_over_from_leaver(uow, event)

    async with as_user(PEOPLE.manager) as manager:
        owners = {
            key: (await manager.get(f"/opportunities/{oid}")).json()["owner_user"]
            for key, oid in {
                "converted": converted,
                "sold": sold,
                "open": open_one,
                "lost": lost,
                "theirs": theirs,
            }.items()
        }
        assert (await manager.get(f"/orders/{order['id']}")).json()["owner_user"] == "c2"
    assert owners == {
        "converted": "c3",
        "sold": "c2",
        "open": "c2",
        "lost": "c1",
        "theirs": "c2",
    }
    async with as_user(PEOPLE.consultant2) as c2:
        assert (await c2.get(f"/quotes/{draft['id']}")).status_code == 200, "the quote follows"
        issued = await c2.post(f"/quotes/{draft['id']}/issue")
        assert (issued.status_code, issued.json()["status"]) == (200, "issued")
        step = await c2.post(
            f"/orders/{order['id']}/steps", json={"step": "deposit_paid", "amount": "20000"}
        )
        assert step.status_code == 200, step.text
    async with as_user(PEOPLE.consultant1) as c1:
        assert (await c1.get(f"/quotes/{draft['id']}")).status_code == 404, "no longer theirs"
    moved = [e for e in await events(sessions, "opportunities.OpportunityReassigned")]
    assert sorted((e["previous_owner"], e["owner_user"], e["assigned_by"]) for e in moved) == [
        ("c1", "c2", "m1"),
        ("c1", "c2", "m1"),
        ("c1", "c3", "m1"),
    ]


async def test_a_conversion_arriving_after_the_hand_over_opens_for_the_successor(
    sessions: Sessions, as_user: AsUser
) -> None:
    """The leaver converted a lead just before the manager handed them over; the hand-over
    (another topic) reached this service first. The opportunity opens for the successor,
    not the leaver; a conversion made after a hand-over (a consultant who came back) stays
    theirs."""
    before, after = uuid4(), uuid4()
    first = handed_over(0, False, {}, ["c2"])
    final = handed_over(1, True, {}, ["c2"])
    for event in (first, final):
        async with UnitOfWork(sessions) as uow:
            await take_over_from_leaver(uow, event)
    for event in (
        conversion(before, AT - timedelta(minutes=1)),
        conversion(before, AT - timedelta(minutes=1)),  # redelivered: still one
        conversion(after, AT + timedelta(days=30)),
    ):
        async with UnitOfWork(sessions) as uow:
            await open_from_converted_lead(uow, event)
    async with as_user(PEOPLE.manager) as manager:
        listed = (await manager.get("/opportunities")).json()
    owners = sorted(
        (o["lead_id"], o["owner_user"]) for o in listed if o["lead_id"] in (str(before), str(after))
    )
    assert owners == sorted([(str(before), "c2"), (str(after), "c1")])
    opened = [
        e
        for e in await events(sessions, "opportunities.OpportunityOpened")
        if e["lead_id"] == str(before)
    ]
    assert [e["owner_user"] for e in opened] == ["c2"]
