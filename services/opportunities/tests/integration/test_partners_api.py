"""Finance and insurance partners on real PostgreSQL through the HTTP API: an accepted quote
opens one application per partner product; each partner sees only its own, the customer masked
unless the dealer's agreement says otherwise, and moves it on; other dealers see nothing."""

from __future__ import annotations

import asyncio
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import delete, insert, select

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.db.tables import personal_data_audit, sharing_levels
from crm_common.policy import SharingLevel
from crm_common.testing.services import AsUser
from crm_opportunities.application.partners import update_application_status
from crm_opportunities.domain.partner_application import ApplicationConflict, ApplicationStatus

from .conftest import PEOPLE, TENANT, Sessions
from .test_opportunities_api import DRIVE
from .test_quotes_orders_api import events, quote

pytestmark = pytest.mark.integration

CUSTOMER, PHONE = "林青", "+8613800138000"
FINANCE_LINE = {
    "kind": "finance",
    "code": "LOAN-36",
    "description": "36-month car loan, 30% down",
    "list_price": "3000",
    "price": "3000",
    "partner_id": "bank-1",
}
APPLICATIONS = "/partner/applications"


@pytest.fixture(autouse=True)
async def no_agreements(sessions: Sessions) -> None:
    """The conftest leaves sharing agreements in place: each test starts from the defaults."""
    async with sessions() as session, session.begin():
        await session.execute(delete(sharing_levels).where(sharing_levels.c.tenant == TENANT))


async def share_with_partner(
    sessions: Sessions, dealer: str, partner: str, level: SharingLevel
) -> None:
    async with sessions() as session, session.begin():
        await session.execute(
            insert(sharing_levels).values(
                tenant=TENANT,
                data_type="order",
                direction="dealer_to_partner",
                dealer_id=dealer,
                partner_id=partner,
                level=level.value,
            )
        )


async def accepted_with_finance_and_insurance(as_user: AsUser) -> dict[str, Any]:
    """Dealer A's order of a quote with bank-1's loan and insurer-1's policy."""
    body = quote("200000", insurance=True)
    body["lines"].append(FINANCE_LINE)
    async with as_user(PEOPLE.consultant1) as http:
        opportunity = (
            await http.post("/opportunities", json={"customer_name": CUSTOMER, "phone": PHONE})
        ).json()
        await http.post(f"/opportunities/{opportunity['id']}/test-drives", json=DRIVE)
        q = (await http.post(f"/opportunities/{opportunity['id']}/quotes", json=body)).json()
        assert (await http.post(f"/quotes/{q['id']}/issue")).json()["status"] == "issued"
        placed = await http.post(f"/quotes/{q['id']}/acceptance")
        assert placed.status_code == 201, placed.text
        order: dict[str, Any] = placed.json()
        return order


async def only_application(as_user: AsUser, partner: Principal) -> dict[str, Any]:
    async with as_user(partner) as http:
        listed = await http.get(APPLICATIONS)
    assert listed.status_code == 200, listed.text
    [application] = listed.json()
    return dict(application)


async def test_each_partner_sees_only_its_application_masked_and_decides_it(
    sessions: Sessions, as_user: AsUser
) -> None:
    order = await accepted_with_finance_and_insurance(as_user)
    loan = await only_application(as_user, PEOPLE.finance_partner)
    assert {k: loan[k] for k in ("dealer_id", "order_id", "kind", "product_code", "status")} == {
        "dealer_id": "dealer-a",
        "order_id": order["id"],
        "kind": "finance",
        "product_code": "LOAN-36",
        "status": "submitted",
    }
    assert (Decimal(loan["amount"]), Decimal(loan["quote_total"])) == (
        Decimal("3000"),
        Decimal("209500"),
    )
    assert loan["vehicle"] == "SUV X 2.0T 豪华版"
    assert loan["order"] == {
        "process": "deposit_first",
        "steps_done": [],
        "next_step": "deposit_paid",
        "cancelled": False,
    }
    assert (loan["customer_name"], loan["phone"]) == ("林*", "138****8000"), "masked by default"
    policy = await only_application(as_user, PEOPLE.insurance_partner)
    assert (policy["kind"], policy["product_code"]) == ("insurance", "CAR-1Y")

    async with as_user(PEOPLE.finance_partner) as http:
        mine = f"{APPLICATIONS}/{loan['id']}"
        theirs = f"{APPLICATIONS}/{policy['id']}"
        assert (await http.get(theirs)).status_code == 404
        assert (await http.post(f"{theirs}/status", json={"status": "declined"})).status_code == 404
        assert (await http.get(mine)).json()["customer_name"] == "林*"
        extra = await http.post(f"{mine}/status", json={"status": "approved", "dealer": "x"})
        assert extra.status_code == 422
        approved = await http.post(f"{mine}/status", json={"status": "approved", "note": "ok"})
        assert approved.status_code == 200, approved.text
        assert (approved.json()["status"], approved.json()["note"]) == ("approved", "ok")
        again = await http.post(f"{mine}/status", json={"status": "approved"})
        assert (again.status_code, again.json()["detail"]) == (
            409,
            "the application is approved already",
        )
        approved_ones = (await http.get(APPLICATIONS, params={"status": "approved"})).json()
        assert [a["id"] for a in approved_ones] == [loan["id"]]
        assert (await http.get(APPLICATIONS, params={"status": "submitted"})).json() == []
    assert (await only_application(as_user, PEOPLE.insurance_partner))["status"] == "submitted"

    updates = await events(sessions, "opportunities.FinanceApplicationUpdated")
    assert sorted((e["partner_id"], e["status"]) for e in updates) == [
        ("bank-1", "approved"),
        ("bank-1", "submitted"),
        ("insurer-1", "submitted"),
    ]
    assert {e["order_id"] for e in updates} == {order["id"]}
    async with sessions() as session:
        audited = (
            await session.execute(
                select(
                    personal_data_audit.c.endpoint,
                    personal_data_audit.c.level,
                    personal_data_audit.c.action,
                    personal_data_audit.c.resource_type,
                    personal_data_audit.c.owner_org,
                    personal_data_audit.c.actor_org,
                    personal_data_audit.c.fields,
                )
                .where(
                    personal_data_audit.c.resource_id == order["opportunity_id"],
                    personal_data_audit.c.actor == "p1",
                )
                .order_by(personal_data_audit.c.id)
            )
        ).all()
    # The read of the customer is the application query's (application/queries.py), one
    # entry per answer that showed it.
    read = ("read", "opportunity", "dealer-a", "bank-1", ["customer_name", "phone"])
    assert [tuple(a) for a in audited] == [
        ("GET /partner/applications/{id}", "masked", *read),
        ("POST /partner/applications/{id}/status", "masked", *read),
    ]


async def test_the_dealer_sees_its_orders_applications_and_no_one_else_does(
    as_user: AsUser,
) -> None:
    order = await accepted_with_finance_and_insurance(as_user)
    path = f"/orders/{order['id']}/applications"
    async with as_user(PEOPLE.manager) as http:
        listed = await http.get(path)
        assert listed.status_code == 200, listed.text
        assert sorted((a["partner_id"], a["status"]) for a in listed.json()) == [
            ("bank-1", "submitted"),
            ("insurer-1", "submitted"),
        ]
    async with as_user(PEOPLE.other_dealer_manager) as http:
        assert (await http.get(path)).status_code == 404
    async with as_user(PEOPLE.consultant1) as http:
        assert (await http.get(APPLICATIONS)).status_code == 403
    async with as_user(PEOPLE.finance_partner) as http:
        assert (await http.get(path)).status_code == 403


async def test_the_dealers_agreement_decides_what_the_partner_sees(
    sessions: Sessions, as_user: AsUser
) -> None:
    await accepted_with_finance_and_insurance(as_user)
    # The most specific agreement wins: dealer A with bank-1 over the tenant's.
    await share_with_partner(sessions, "*", "*", SharingLevel.NONE)
    await share_with_partner(sessions, "dealer-a", "bank-1", SharingLevel.FULL)
    loan = await only_application(as_user, PEOPLE.finance_partner)
    assert (loan["customer_name"], loan["phone"]) == (CUSTOMER, PHONE)
    async with as_user(PEOPLE.insurance_partner) as http:
        assert (await http.get(APPLICATIONS)).json() == [], "the tenant's agreement: none"

    async with sessions() as session, session.begin():
        await session.execute(delete(sharing_levels).where(sharing_levels.c.partner_id == "bank-1"))
    # Dealer A shares nothing with any partner: that beats the tenant's agreement with bank-1.
    await share_with_partner(sessions, "dealer-a", "*", SharingLevel.NONE)
    await share_with_partner(sessions, "*", "bank-1", SharingLevel.FULL)
    async with as_user(PEOPLE.finance_partner) as http:
        assert (await http.get(APPLICATIONS)).json() == []
        assert (await http.get(f"{APPLICATIONS}/{loan['id']}")).status_code == 404
        refused = await http.post(
            f"{APPLICATIONS}/{loan['id']}/status", json={"status": "approved"}
        )
        assert refused.status_code == 404


async def test_two_decisions_at_once_take_turns(
    sessions: Sessions, as_user: AsUser, now: datetime
) -> None:
    """The application's row is locked: the second decision sees the first one's outcome."""
    await accepted_with_finance_and_insurance(as_user)
    loan = await only_application(as_user, PEOPLE.finance_partner)

    async def decide(status: ApplicationStatus) -> str:
        try:
            await update_application_status(
                UUID(loan["id"]),
                status,
                None,
                PEOPLE.finance_partner,
                UnitOfWork(sessions),
                now=now,
            )
        except ApplicationConflict:
            return "conflict"
        return status.value

    outcomes = await asyncio.gather(
        decide(ApplicationStatus.APPROVED), decide(ApplicationStatus.DECLINED)
    )
    assert sorted(outcomes) in (["approved", "conflict"], ["conflict", "declined"])
