"""Split credit through the API: proposed by the owner with a co-seller of the dealer, approved
by a manager, carried by DealWon; until approved the owner has all of it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import update

from crm_common.db.tables import staff
from crm_common.policy.staff import record_staff
from crm_common.testing.service_fixtures import TENANT
from crm_common.testing.services import AsUser

from .conftest import PEOPLE, Sessions
from .test_quotes_orders_api import events, opened_and_driven, quote


async def won(as_user: AsUser, opportunity_id: str) -> None:
    async with as_user(PEOPLE.consultant1) as http:
        drafted = (
            await http.post(f"/opportunities/{opportunity_id}/quotes", json=quote("200000"))
        ).json()
        assert (await http.post(f"/quotes/{drafted['id']}/issue")).json()["status"] == "issued"
        assert (await http.post(f"/quotes/{drafted['id']}/acceptance")).status_code == 201


def credit_of(deals: list[dict[str, Any]], opportunity_id: str) -> list[tuple[str, Decimal]]:
    (deal,) = [d for d in deals if d["opportunity_id"] == opportunity_id]
    return [(c["user_id"], Decimal(c["share_percent"])) for c in deal["credit"]]


async def test_an_approved_split_is_the_deals_credit(sessions: Sessions, as_user: AsUser) -> None:
    opportunity_id = await opened_and_driven(as_user)
    path = f"/opportunities/{opportunity_id}/credit-split"
    async with as_user(PEOPLE.consultant1) as http:
        for shares, reason in (
            ([("c1", "60"), ("b1", "40")], "not an active consultant of the dealer"),
            ([("c1", "60"), ("c2", "30")], "sum to 90"),
            ([("c2", "60"), ("m1", "40")], "owner must keep a share"),
        ):
            refused = await http.put(
                path, json={"shares": [{"user_id": u, "share_percent": p} for u, p in shares]}
            )
            assert refused.status_code == 422, refused.text
            assert "shares" in refused.text
            assert reason in refused.text
        proposed = await http.put(
            path,
            json={
                "shares": [
                    {"user_id": "c1", "share_percent": "60"},
                    {"user_id": "c2", "share_percent": "40"},
                ]
            },
        )
        assert proposed.status_code == 200, proposed.text
        assert proposed.json()["status"] == "pending_approval"
        assert {s["team"] for s in proposed.json()["shares"]} == {"team-a1", "dealer-a"}
        mine = await http.post(f"{path}/decision", json={"approved": True})
        assert mine.status_code == 403
    async with as_user(PEOPLE.other_dealer_manager) as http:
        assert (await http.get(path)).status_code == 404
        assert (await http.post(f"{path}/decision", json={"approved": True})).status_code == 404
    async with as_user(PEOPLE.manager) as http:
        decided = await http.post(f"{path}/decision", json={"approved": True, "note": "co-sold"})
        assert (decided.status_code, decided.json()["status"]) == (200, "approved")
        again = await http.post(f"{path}/decision", json={"approved": False})
        assert again.status_code == 409
    await won(as_user, opportunity_id)
    assert credit_of(await events(sessions, "opportunities.DealWon"), opportunity_id) == [
        ("c1", Decimal(60)),
        ("c2", Decimal(40)),
    ]


async def test_a_split_not_approved_leaves_the_owner_all_of_it(
    sessions: Sessions, as_user: AsUser
) -> None:
    opportunity_id = await opened_and_driven(as_user)
    async with as_user(PEOPLE.consultant1) as http:
        proposed = await http.put(
            f"/opportunities/{opportunity_id}/credit-split",
            json={
                "shares": [
                    {"user_id": "c1", "share_percent": "50"},
                    {"user_id": "c2", "share_percent": "50"},
                ]
            },
        )
        assert proposed.status_code == 200, proposed.text
    await won(as_user, opportunity_id)
    assert credit_of(await events(sessions, "opportunities.DealWon"), opportunity_id) == [
        ("c1", Decimal(100))
    ]
    async with as_user(PEOPLE.consultant1) as http:
        closed = await http.put(
            f"/opportunities/{opportunity_id}/credit-split",
            json={
                "shares": [
                    {"user_id": "c1", "share_percent": "50"},
                    {"user_id": "c2", "share_percent": "50"},
                ]
            },
        )
        assert closed.status_code == 409


async def test_a_split_of_three_co_sellers_names_them_to_a_reader_who_works_no_deals(
    sessions: Sessions, as_user: AsUser
) -> None:
    """The owner and three co-sellers; the dealer's admin reads the deal but lists no
    co-sellers (that needs opportunity.work): the split itself names whom it credits, by the
    names identity announced (none yet for someone it has not named)."""
    async with sessions() as session, session.begin():
        for user, name in (("c1", "陈一"), ("c2", "周二"), ("m1", "王经理")):
            await session.execute(
                update(staff).where(staff.c.user_id == user).values(display_name=name)
            )
        # A third consultant of the dealer, whom identity has not named yet.
        await record_staff(
            session,
            tenant=TENANT,
            user_id="c3",
            org_node="team-a1",
            roles=["sales_consultant"],
            active=True,
        )
    opportunity_id = await opened_and_driven(as_user)
    path = f"/opportunities/{opportunity_id}/credit-split"
    shares = [("c1", "40"), ("c2", "25"), ("m1", "20"), ("c3", "15")]
    async with as_user(PEOPLE.consultant1) as http:
        too_many = [*shares, ("b1", "0.01")]
        refused = await http.put(
            path, json={"shares": [{"user_id": u, "share_percent": p} for u, p in too_many]}
        )
        assert refused.status_code == 422
        assert "at most 4" in refused.text
        proposed = await http.put(
            path, json={"shares": [{"user_id": u, "share_percent": p} for u, p in shares]}
        )
        assert proposed.status_code == 200, proposed.text
    async with as_user(PEOPLE.dealer_admin) as http:
        assert (await http.get(f"/opportunities/{opportunity_id}/co-sellers")).status_code == 403
        read = await http.get(path)
    assert read.status_code == 200, read.text
    assert [(s["user_id"], s["name"]) for s in read.json()["shares"]] == [
        ("c1", "陈一"),
        ("c2", "周二"),
        ("m1", "王经理"),
        ("c3", None),
    ]
    async with as_user(PEOPLE.other_dealer_manager) as http:
        assert (await http.get(path)).status_code == 404


async def test_the_co_sellers_are_the_dealers_consultants(
    sessions: Sessions, as_user: AsUser
) -> None:
    """(``sessions``: the staff copy as the fixture leaves it, whatever a test before changed.)"""
    opportunity_id = await opened_and_driven(as_user)
    path = f"/opportunities/{opportunity_id}/co-sellers"
    async with as_user(PEOPLE.consultant1) as http:
        listed = await http.get(path)
        assert listed.status_code == 200, listed.text
        # The dealer's sellers, its admin (who sells nothing) and the other dealer's not.
        assert {s["user_id"] for s in listed.json()} == {"c1", "c2", "m1"}
        assert {s["team"] for s in listed.json() if s["user_id"] == "c1"} == {"team-a1"}
        assert len((await http.get(path, params={"limit": 1})).json()) == 1
    async with as_user(PEOPLE.other_dealer_manager) as http:
        assert (await http.get(path)).status_code == 404
    async with as_user(PEOPLE.hq_analyst) as http:
        assert (await http.get(path)).status_code == 403
