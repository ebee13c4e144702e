"""Customer care on real PostgreSQL with the real outward parts: an SMTP server process and an
HTTP SMS receiver on loopback. Rules fire once per customer, rule and period even with two
scans at once; the e-mail and the SMS arrive exactly once; a care call is a CareDue event."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts import new_event
from crm_common.contracts.events.service_desk.v1 import CareRuleSet
from crm_common.db.tables import outbox
from crm_common.inbox.store import process_once
from crm_common.settings import Settings
from crm_common.testing.processes import free_port
from crm_common.testing.receivers import http_receiver, smtp_server
from crm_common.testing.services import AsUser
from crm_service_desk.adapters.notifier import ProviderNotifier
from crm_service_desk.adapters.tables import care_actions
from crm_service_desk.adapters.tables import notifications as notifications_table
from crm_service_desk.application import care, notifications
from crm_service_desk.entrypoints.consumers import subscriptions

from .conftest import PEOPLE, TENANT

Sessions = async_sessionmaker[AsyncSession]
ZONE = "Asia/Shanghai"
NOW = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, Monday 2 November
BIRTHDAY, INSURED, DRIVER = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


async def configure(as_user: AsUser) -> None:
    async with as_user(PEOPLE.dealer_admin) as admin:
        for customer_id, profile in (
            (
                BIRTHDAY,
                {
                    "name": "李娜",
                    "segment": "toc",
                    "email": "li.na@example.cn",
                    "birthday": "1990-11-05",
                },
            ),
            (
                INSURED,
                {
                    "name": "张伟",
                    "segment": "toc",
                    "phone": "139 0000 1111",
                    "insurance_expires_on": "2026-11-20",
                },
            ),
            (
                DRIVER,
                {
                    "name": "东方物流",
                    "segment": "tob",
                    "phone": "137 0000 2222",
                    "company": "东方物流",
                },
            ),
        ):
            saved = await admin.put(f"/customer-profiles/{customer_id}", json=profile)
            assert saved.status_code == 200, saved.text
        vehicle = await admin.put(
            "/vehicles/LSVAU2180N2183295",
            json={"customer_id": str(DRIVER), "model": "VAN-1", "delivered_on": "2026-05-01"},
        )
        assert vehicle.status_code == 200, vehicle.text
        for rule in (
            {
                "kind": "birthday",
                "segment": "toc",
                "action": "email",
                "days_before": 7,
                "message": "{name}, 生日快乐!",
            },
            {
                "kind": "insurance_renewal",
                "segment": "toc",
                "action": "sms",
                "days_before": 30,
                "message": "{name}您好, 您的保险将于 {date} 到期",
            },
            {
                "kind": "maintenance_due",
                "segment": "tob",
                "action": "call",
                "months": 6,
                "days_before": 7,
                "message": "{vin} 保养到期 {date}",
            },
            {
                "kind": "birthday",
                "segment": "tob",
                "action": "sms",
                "message": "not for private customers",
            },
        ):
            added = await admin.post("/care-rules", json=rule)
            assert added.status_code == 201, added.text
        bad = await admin.post(
            "/care-rules",
            json={"kind": "maintenance_due", "segment": "toc", "action": "sms", "message": "x"},
        )
    assert [e["loc"] for e in bad.json()["detail"]] == [["body", "months"]]


async def count(sessions: Sessions, query: Any) -> int:
    async with sessions() as session:
        return int((await session.execute(query)).scalar_one())


async def test_care_rules_act_once_and_the_messages_arrive_once(
    as_user: AsUser, sessions: Sessions, tmp_path: Path
) -> None:
    await configure(as_user)
    taken = await asyncio.gather(
        care.scan(sessions, now=NOW, timezone=ZONE), care.scan(sessions, now=NOW, timezone=ZONE)
    )
    assert sum(taken) == 3
    assert await care.scan(sessions, now=NOW + timedelta(hours=1), timezone=ZONE) == 0
    assert await count(sessions, select(func.count()).select_from(care_actions)) == 3
    async with sessions() as session:
        due = (
            (
                await session.execute(
                    select(outbox.c.payload).where(outbox.c.event_type == "service-desk.CareDue")
                )
            )
            .scalars()
            .all()
        )
    assert [(d["data"]["rule_kind"], d["data"]["vin"], d["data"]["due_on"]) for d in due] == [
        ("maintenance_due", "LSVAU2180N2183295", "2026-11-01")
    ]

    with smtp_server(tmp_path) as smtp, http_receiver(tmp_path) as sms:
        settings = Settings(
            env="test",
            smtp_host=smtp.host,
            smtp_port=smtp.port,
            smtp_sender="care@dealer-a.example",
            sms_endpoint=sms.url,
        )
        notifier = ProviderNotifier(settings)
        sent = await asyncio.gather(
            notifications.send_due(sessions, notifier, now=NOW),
            notifications.send_due(sessions, notifier, now=NOW),
        )
        assert sum(sent) == 2
        assert await notifications.send_due(sessions, notifier, now=NOW + timedelta(hours=1)) == 0
        mails = smtp.messages()
        texts = sms.received()
    assert [(m["To"], m.get_payload(decode=True).decode().strip()) for m in mails] == [
        ("li.na@example.cn", "李娜, 生日快乐!")
    ]
    assert [(t["body"]["to"], t["body"]["text"]) for t in texts] == [
        ("+8613900001111", "张伟您好, 您的保险将于 2026-11-20 到期")
    ]
    assert texts[0]["headers"]["idempotency-key"].startswith("care:")


async def test_an_unreachable_provider_keeps_the_message_for_later(
    as_user: AsUser, sessions: Sessions
) -> None:
    await configure(as_user)
    await care.scan(sessions, now=NOW, timezone=ZONE)
    # Nothing listens for SMTP there, and no SMS provider is configured.
    nowhere = ProviderNotifier(Settings(env="test", smtp_port=free_port()))
    assert await notifications.send_due(sessions, nowhere, now=NOW) == 0
    assert await notifications.send_due(sessions, nowhere, now=NOW) == 0  # backing off
    async with sessions() as session:
        waiting = (
            await session.execute(
                select(notifications_table.c.channel, notifications_table.c.last_error)
                .where(notifications_table.c.sent_at.is_(None))
                .order_by(notifications_table.c.channel)
            )
        ).all()
    assert [(channel, error.split(" (")[0]) for channel, error in waiting] == [
        ("email", "SMTP: [Errno 111] Connection refused"),
        ("sms", "no SMS provider configured"),
    ]


TERMS = ("segment", "action", "message", "months", "km", "days_before", "window_days", "complaints")


async def test_a_rule_is_changed_and_stopped_by_its_own_book_only(
    as_user: AsUser, sessions: Sessions
) -> None:
    await configure(as_user)
    async with as_user(PEOPLE.dealer_admin) as admin:
        rules = {(r["kind"], r["segment"]): r for r in (await admin.get("/care-rules")).json()}
        birthday, renewal, maintenance = (
            rules[("birthday", "toc")],
            rules[("insurance_renewal", "toc")],
            rules[("maintenance_due", "tob")],
        )
        # The birthday on 5 November is no longer announced 7 days ahead, only 1.
        changed = await admin.put(
            f"/care-rules/{birthday['id']}",
            json={**{k: birthday[k] for k in TERMS}, "days_before": 1, "active": True},
        )
        assert changed.status_code == 200, changed.text
        assert {k: changed.json()[k] for k in ("kind", "days_before", "active", "changed_by")} == {
            "kind": "birthday",
            "days_before": 1,
            "active": True,
            "changed_by": PEOPLE.dealer_admin.user_id,
        }
        stopped = await admin.put(
            f"/care-rules/{renewal['id']}", json={**{k: renewal[k] for k in TERMS}, "active": False}
        )
        assert stopped.status_code == 200, stopped.text
        assert stopped.json()["active"] is False
        # The terms are checked against the rule's kind: a maintenance rule needs months or km.
        bad = await admin.put(
            f"/care-rules/{maintenance['id']}",
            json={**{k: maintenance[k] for k in TERMS}, "months": None, "active": True},
        )
        assert bad.status_code == 422, bad.text
        assert [e["loc"] for e in bad.json()["detail"]] == [["body", "months"]]
    # HQ reads no rule of the dealer's to change (its own book is HQ's): not found.
    async with as_user(PEOPLE.hq_admin) as hq:
        elsewhere = await hq.put(
            f"/care-rules/{birthday['id']}",
            json={**{k: birthday[k] for k in TERMS}, "active": False},
        )
    assert elsewhere.status_code == 404, elsewhere.text
    # Only the maintenance call is due now: the birthday is 3 days away, the renewal stopped.
    assert await care.scan(sessions, now=NOW, timezone=ZONE) == 1
    async with sessions() as session:
        kinds = (
            await session.execute(select(care_actions.c.action).order_by(care_actions.c.action))
        ).scalars()
        assert list(kinds) == ["call"]


async def rules_published(sessions: Sessions) -> list[dict[str, Any]]:
    async with sessions() as session:
        rows = await session.execute(
            select(outbox.c.payload)
            .where(outbox.c.event_type == CareRuleSet.event_type)
            .order_by(outbox.c.id)
        )
        return [row["data"] for row in rows.scalars()]


async def test_each_rule_set_or_changed_is_published_with_its_node_and_dealer(
    as_user: AsUser, sessions: Sessions
) -> None:
    await configure(as_user)
    async with as_user(PEOPLE.hq_admin) as hq:
        added = await hq.post(
            "/care-rules",
            json={"kind": "birthday", "segment": "toc", "action": "sms", "message": "生日快乐"},
        )
        assert added.status_code == 201, added.text
        rule = added.json()
        stopped = await hq.put(
            f"/care-rules/{rule['id']}", json={**{k: rule[k] for k in TERMS}, "active": False}
        )
        assert stopped.status_code == 200, stopped.text
    published = await rules_published(sessions)
    assert [(r["org_node"], r["dealer_id"], r["kind"]) for r in published[:4]] == [
        ("dealer-a", "dealer-a", "birthday"),
        ("dealer-a", "dealer-a", "insurance_renewal"),
        ("dealer-a", "dealer-a", "maintenance_due"),
        ("dealer-a", "dealer-a", "birthday"),
    ]
    assert [(r["rule_id"], r["org_node"], r["dealer_id"], r["active"]) for r in published[4:]] == [
        (rule["id"], "hq", None, True),
        (rule["id"], "hq", None, False),
    ]
    assert published[-1]["set_by"] == PEOPLE.hq_admin.user_id


async def test_a_dealer_keeps_the_rules_hq_sets_above_it_once(
    as_user: AsUser, sessions: Sessions
) -> None:
    """At a dealer's own deployment, a rule of HQ's as it comes down: kept under its id and
    node (the dealer reads it, changes it nowhere), its change replacing its terms, and terms
    set before those it holds arriving late (HQ resends a rule's last terms to a dealer moved
    below its node, ahead of changes still on their way) replacing nothing."""
    [subscription] = [
        s
        for s in subscriptions(Settings(env="test", service_name="service-desk"))
        if s.consumer.endswith(".care-rules-from-hq")
    ]
    assert subscription.downlinked_only, "HQ's own rules and a dealer's stay where set"
    [handles] = subscription.handles
    rule_id = uuid.uuid4()

    def from_hq(active: bool, at: datetime) -> Any:
        data = CareRuleSet(
            rule_id=rule_id,
            org_node="hq",
            dealer_id=None,
            kind="insurance_renewal",
            segment="toc",
            action="sms",
            message="{name}您好, 您的保险将于 {date} 到期",
            months=None,
            km=None,
            days_before=30,
            window_days=30,
            complaints=3,
            active=active,
            set_by="h1",
            at=at,
        )
        return new_event(data, tenant=TENANT, owner_org="hq", actor="h1")

    set_up, stopped = from_hq(True, NOW), from_hq(False, NOW + timedelta(hours=1))
    meanwhile = from_hq(True, NOW + timedelta(minutes=30))
    for event in (set_up, set_up, stopped, stopped, meanwhile):
        await process_once(
            sessions, subscription.consumer, event, lambda uow, e=event: handles.apply(uow, [e])
        )
    async with as_user(PEOPLE.dealer_admin) as admin:
        rules = {r["id"]: r for r in (await admin.get("/care-rules")).json()}
        kept = rules[str(rule_id)]
        assert (kept["kind"], kept["active"], kept["changed_by"]) == (
            "insurance_renewal",
            False,
            "h1",
        )
        # HQ's rule is HQ's to change.
        refused = await admin.put(
            f"/care-rules/{rule_id}", json={**{k: kept[k] for k in TERMS}, "active": True}
        )
        assert refused.status_code == 404, refused.text
