"""Parts claims (零部件索赔) through the HTTP API: the dealer files a claim of a ticket's repair
against the parts maker; the maker sees only the claims naming it and answers; a request for
information goes back to the dealer, who files again; each step publishes PartsClaimUpdated."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import DataScope
from crm_common.db.tables import outbox
from crm_common.testing.services import AsUser

from .conftest import PEOPLE, principal
from .test_partner_jobs import add_partners

Sessions = async_sessionmaker[AsyncSession]
MAKER = principal("m1", "partner-repair", "partner_user", DataScope.OWN)
OTHER_MAKER = principal("m2", "partner-glass", "partner_user", DataScope.OWN)
VIN = "LSVAU2180N2183295"


async def test_a_claim_filed_answered_and_filed_again(as_user: AsUser, sessions: Sessions) -> None:
    await add_partners(sessions)
    async with as_user(PEOPLE.advisor) as client:
        ticket = (await client.post("/tickets", json={"subject": "变速箱漏油", "vin": VIN})).json()
        filed = await client.post(
            f"/tickets/{ticket['id']}/parts-claims",
            json={"partner_id": "partner-repair", "part_number": "GB-0042", "quantity": 2},
        )
        assert filed.status_code == 201, filed.text
        claim = filed.json()
        assert (claim["status"], claim["vin"], claim["dealer_id"]) == ("filed", VIN, "dealer-a")
        not_a_maker = await client.post(
            f"/tickets/{ticket['id']}/parts-claims",
            json={"partner_id": "dealer-b", "part_number": "GB-0042"},
        )
        assert not_a_maker.status_code == 422
        assert not_a_maker.json()["detail"][0]["loc"] == ["body", "partner_id"]
        early = await client.post(
            f"/parts-claims/{claim['id']}/refiling", json={"information": "照片"}
        )
        assert early.status_code == 409
    async with as_user(OTHER_MAKER) as other:
        assert (await other.get("/partner/parts-claims")).json() == []
        refused = await other.post(
            f"/partner/parts-claims/{claim['id']}/answer", json={"status": "accepted"}
        )
        assert refused.status_code == 404
    async with as_user(MAKER) as maker:
        listed = (await maker.get("/partner/parts-claims")).json()
        assert [c["id"] for c in listed] == [claim["id"]]
        asked = await maker.post(
            f"/partner/parts-claims/{claim['id']}/answer",
            json={"status": "more_information", "answer": "请提供批次号"},
        )
        assert asked.json()["status"] == "more_information"
        again = await maker.post(
            f"/partner/parts-claims/{claim['id']}/answer", json={"status": "accepted"}
        )
        assert again.status_code == 409
    async with as_user(PEOPLE.other_advisor) as other_dealer:
        refiling = await other_dealer.post(
            f"/parts-claims/{claim['id']}/refiling", json={"information": "批次 2026-11"}
        )
        assert refiling.status_code == 404
    async with as_user(PEOPLE.advisor2) as colleague:
        refiled = await colleague.post(
            f"/parts-claims/{claim['id']}/refiling", json={"information": "批次 2026-11"}
        )
        assert refiled.json()["status"] == "filed"
        assert refiled.json()["description"].endswith("批次 2026-11")
    async with as_user(MAKER) as maker:
        accepted = await maker.post(
            f"/partner/parts-claims/{claim['id']}/answer", json={"status": "accepted"}
        )
        assert accepted.json()["status"] == "accepted"
    async with as_user(PEOPLE.advisor) as client:
        on_ticket = (await client.get(f"/tickets/{ticket['id']}/parts-claims")).json()
        assert [(c["id"], c["status"]) for c in on_ticket] == [(claim["id"], "accepted")]
        assert (await client.get(f"/tickets/{uuid.uuid4()}/parts-claims")).status_code == 404
    async with sessions() as session:
        events = await session.execute(
            select(outbox.c.event_type, outbox.c.payload)
            .where(outbox.c.key == claim["id"])
            .order_by(outbox.c.id)
        )
        steps = [(t, p["data"]["status"]) for t, p in events]
    assert steps == [
        ("service-desk.PartsClaimUpdated", "filed"),
        ("service-desk.PartsClaimUpdated", "more_information"),
        ("service-desk.PartsClaimUpdated", "filed"),
        ("service-desk.PartsClaimUpdated", "accepted"),
    ]
