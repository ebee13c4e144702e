"""Repair and service partners through the HTTP API: a dealer sends a ticket's job to a
partner; the partner sees only the jobs naming it, the customer masked unless the dealer
shares tickets with it in full (each read audited), and reports its progress — notes on the
ticket, history lines, PartnerJobUpdated events, and the SLA clock running again once the job
is done."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import DataScope
from crm_common.db.tables import org_directory, outbox, personal_data_audit, sharing_levels
from crm_common.policy import DataType, Direction, SharingLevel
from crm_common.testing.services import AsUser
from crm_service_desk.adapters.tables import ticket_history

from .conftest import PEOPLE, TENANT, KnownCustomers, principal

Sessions = async_sessionmaker[AsyncSession]
REPAIRER = principal("p1", "partner-repair", "partner_user", DataScope.OWN)
OTHER_REPAIRER = principal("p2", "partner-glass", "partner_user", DataScope.OWN)


async def add_partners(sessions: Sessions) -> None:
    async with sessions() as session, session.begin():
        await session.execute(
            insert(org_directory),
            [
                {
                    "id": node,
                    "tenant": TENANT,
                    "parent_id": "hq",
                    "kind": "partner",
                    "path": f"/hq/{node}/",
                    "dealer_id": None,
                    "active": True,
                }
                for node in ("partner-repair", "partner-glass")
            ],
        )


async def open_job(as_user: AsUser, **body: Any) -> dict[str, Any]:
    async with as_user(PEOPLE.advisor) as client:
        ticket = (
            await client.post(
                "/tickets",
                json={
                    "subject": "钣金修复",
                    "phone": "138 0013 8000",
                    "customer_name": "王伟",
                    **body,
                },
            )
        ).json()
        sent = await client.post(
            f"/tickets/{ticket['id']}/partner-job",
            json={"partner_org": "partner-repair", "instructions": "左前门凹陷"},
        )
    assert sent.status_code == 200, sent.text
    assert (sent.json()["partner_org"], sent.json()["partner_status"]) == (
        "partner-repair",
        "sent",
    )
    job: dict[str, Any] = sent.json()
    return job


async def test_a_partner_sees_its_jobs_masked_and_reports_progress(
    as_user: AsUser, sessions: Sessions, directory: KnownCustomers
) -> None:
    await add_partners(sessions)
    ticket = await open_job(as_user)
    async with as_user(PEOPLE.advisor) as client:
        held = await client.post(f"/tickets/{ticket['id']}/hold", json={"waiting_for": "partner"})
        assert held.status_code == 200
        # Only one partner has a job at a time.
        again = await client.post(
            f"/tickets/{ticket['id']}/partner-job", json={"partner_org": "partner-glass"}
        )
        assert again.status_code == 409
        not_a_partner = await client.post(
            f"/tickets/{ticket['id']}/partner-job", json={"partner_org": "dealer-b"}
        )
        assert not_a_partner.status_code == 422
        assert not_a_partner.json()["detail"][0]["loc"] == ["body", "partner_org"]
    async with as_user(REPAIRER) as partner:
        jobs = (await partner.get("/partner/jobs")).json()
        assert [j["id"] for j in jobs] == [ticket["id"]]
        assert (jobs[0]["customer_name"], jobs[0]["customer_phone"]) == ("王*", "138****8000")
        assert jobs[0]["dealer_id"] == "dealer-a"
        # The dealer's instructions come with the job (to the dealer they are a note).
        assert jobs[0]["instructions"] == "左前门凹陷"
        done_too_early = await partner.post(
            f"/partner/jobs/{ticket['id']}/progress", json={"status": "done"}
        )
        assert done_too_early.status_code == 409
        for step in ("accepted", "in_progress", "done"):
            reported = await partner.post(
                f"/partner/jobs/{ticket['id']}/progress",
                json={"status": step, "note": f"{step} 左前门"},
            )
            assert reported.status_code == 200, reported.text
        assert reported.json()["partner_status"] == "done"
        # A ticket that does not name the partner is no job of it; nor is it a ticket reader.
        assert (await partner.get("/tickets")).status_code == 403
    async with as_user(OTHER_REPAIRER) as other:
        assert (await other.get("/partner/jobs")).json() == []
        assert (await other.get(f"/partner/jobs/{ticket['id']}")).status_code == 404
        refused = await other.post(
            f"/partner/jobs/{ticket['id']}/progress", json={"status": "accepted"}
        )
        assert refused.status_code == 404
    async with as_user(PEOPLE.advisor) as client:
        seen = (await client.get(f"/tickets/{ticket['id']}")).json()
        # Done: the clock the partner held runs again.
        assert (seen["status"], seen["partner_status"]) == ("open", "done")
        entries = (await client.get(f"/tickets/{ticket['id']}/entries")).json()
        assert [e["body"] for e in entries] == [
            "左前门凹陷",
            "accepted 左前门",
            "in_progress 左前门",
            "done 左前门",
        ]
    async with sessions() as session:
        history = await session.execute(
            select(ticket_history.c.action, ticket_history.c.detail)
            .where(ticket_history.c.ticket_id == ticket["id"])
            .order_by(ticket_history.c.id)
        )
        steps = [(a, d.get("status")) for a, d in history]
    assert steps == [
        ("opened", None),
        ("sent_to_partner", None),
        ("waiting", None),
        ("partner_progress", "accepted"),
        ("partner_progress", "in_progress"),
        ("partner_progress", "done"),
    ]
    async with sessions() as session:
        events = await session.execute(
            select(outbox.c.event_type, outbox.c.payload)
            .where(outbox.c.key == ticket["id"], outbox.c.event_type.like("%PartnerJob%"))
            .order_by(outbox.c.id)
        )
        published = [(e, p["data"]["status"], p["data"]["partner_id"]) for e, p in events]
    assert published == [
        ("service-desk.PartnerJobUpdated", step, "partner-repair")
        for step in ("sent", "accepted", "in_progress", "done")
    ]


async def test_a_dealer_sharing_in_full_shows_the_partner_the_customer(
    as_user: AsUser, sessions: Sessions, directory: KnownCustomers
) -> None:
    await add_partners(sessions)
    ticket = await open_job(as_user)
    async with sessions() as session, session.begin():
        await session.execute(
            insert(sharing_levels).values(
                tenant=TENANT,
                data_type=DataType.TICKET.value,
                direction=Direction.DEALER_TO_PARTNER.value,
                dealer_id="dealer-a",
                partner_id="partner-repair",
                level=SharingLevel.FULL.value,
            )
        )
    async with as_user(REPAIRER) as partner:
        job = (await partner.get(f"/partner/jobs/{ticket['id']}")).json()
    assert (job["customer_name"], job["customer_phone"]) == ("王伟", "+8613800138000")
    async with sessions() as session:
        audited = await session.execute(
            select(
                personal_data_audit.c.actor,
                personal_data_audit.c.level,
                personal_data_audit.c.action,
                personal_data_audit.c.resource_type,
                personal_data_audit.c.owner_org,
                personal_data_audit.c.actor_org,
                personal_data_audit.c.fields,
                personal_data_audit.c.endpoint,
            ).where(personal_data_audit.c.resource_id == ticket["id"])
        )
        assert list(audited) == [
            (
                "p1",
                "full",
                "read",
                "ticket",
                "dealer-a",
                "partner-repair",
                ["customer_name", "customer_phone"],
                "GET /partner/jobs/{ticket_id}",
            )
        ]
