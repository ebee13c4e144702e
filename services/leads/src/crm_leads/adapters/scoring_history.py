"""Closed history made up for a demonstration (and for the tests): a book's converted and lost
leads over the last 200 days whose outcome depends, by design, on test drives and on the
source — a model trained on them must find exactly that. Written straight into the tables
(leads, their customers, follow-ups and closing in the history), since the API cannot date a
lead in the past; the command that plants it refuses a production environment."""

from __future__ import annotations

import itertools
import math
import random
from datetime import datetime, timedelta
from typing import Any
from uuid import uuid4

from sqlalchemy import any_, insert, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.db.tables import staff
from crm_leads.adapters.book_store import default_pool
from crm_leads.adapters.tables import customers, follow_ups, lead_history, leads

SOURCES = ("walk_in", "flyer", "phone", "web")


def planted_chance(source: str, test_drives: int, calls: int, *, walk_in_converts: bool) -> float:
    """The chance a made-up lead converts: test drives raise it most, then walk-ins (or lower
    it, for a book where they do not), a little each call."""
    z = -1.0 + 1.8 * math.log1p(test_drives) + 0.2 * calls
    z += (1.5 if walk_in_converts else -1.5) * (source == "walk_in")
    return 1 / (1 + math.exp(-z))


async def plant_closed_history(
    session: AsyncSession,
    *,
    tenant: str,
    book: str,
    consultant: str,
    count: int,
    now: datetime,
    seed: int,
    vehicle_interest: str,
    walk_in_converts: bool = True,
) -> None:
    """``count`` converted and lost leads of ``book``, worked by ``consultant``, each with its
    follow-ups before its closing (and a call after it, which a model must not count)."""
    rng = random.Random(seed)
    pool_id = await default_pool(session, tenant=tenant, owner_org=book, now=now)
    numbers = itertools.count(rng.randrange(10**7))
    people: list[dict[str, Any]] = []
    closed: list[dict[str, Any]] = []
    done: list[dict[str, Any]] = []
    closings: list[dict[str, Any]] = []
    for _ in range(count):
        customer_id, lead_id = uuid4(), uuid4()
        created = now - timedelta(days=rng.randint(12, 200), hours=rng.randint(0, 23))
        closed_at = created + timedelta(days=10)
        source = rng.choice(SOURCES)
        test_drives = rng.choice([0, 0, 1, 2])
        calls = rng.randint(0, 4)
        chance = planted_chance(source, test_drives, calls, walk_in_converts=walk_in_converts)
        converted = rng.random() < chance
        phone = f"+86199{next(numbers) % 10**8:08d}"
        people.append(
            {
                "id": customer_id,
                "tenant": tenant,
                "owner_org": book,
                "phone": phone,
                "name": "历史客户",
                "created_at": created,
            }
        )
        closed.append(
            {
                "id": lead_id,
                "tenant": tenant,
                "owner_org": book,
                "customer_id": customer_id,
                "customer_name": "历史客户",
                "phone": phone,
                "source": source,
                "vehicle_interest": vehicle_interest,
                "created_by": consultant,
                "created_at": created,
                "status": "converted" if converted else "lost",
                "home_pool_id": pool_id,
                "owner_user": consultant,
                "owner_team": book,
                "owned_since": created,
                "ownership_origin": "pool",
                "loss_reason": None if converted else "bought elsewhere",
            }
        )
        kinds = ["test_drive"] * test_drives + ["call"] * calls
        after_closing = [("call", closed_at + timedelta(days=1))]
        for kind, at in [
            *((k, created + timedelta(hours=h)) for h, k in enumerate(kinds, 1)),
            *after_closing,
        ]:
            done.append(
                {
                    "id": uuid4(),
                    "lead_id": lead_id,
                    "tenant": tenant,
                    "owner_org": book,
                    "kind": kind,
                    "outcome": "spoke",
                    "verified": True,
                    "resets_clock": True,
                    "by_user": consultant,
                    "at": at,
                }
            )
        closings.append(
            {
                "lead_id": lead_id,
                "tenant": tenant,
                "owner_org": book,
                "kind": "converted" if converted else "lost",
                "actor": consultant,
                "at": closed_at,
            }
        )
    await session.execute(insert(customers), people)
    await session.execute(insert(leads), closed)
    await session.execute(insert(follow_ups), done)
    await session.execute(insert(lead_history), closings)


async def a_consultant_of(session: AsyncSession, tenant: str, dealer: str) -> str | None:
    """An active sales consultant working right at the dealer's node: who worked the made-up
    history."""
    found = await session.execute(
        select(staff.c.user_id)
        .where(
            staff.c.tenant == tenant,
            staff.c.org_node == dealer,
            staff.c.active,
            literal("sales_consultant") == any_(staff.c.roles),
        )
        .order_by(staff.c.user_id)
        .limit(1)
    )
    user_id: str | None = found.scalar_one_or_none()
    return user_id
