"""A car sold and delivered through the services' APIs, for the e2e tests that need a sale (a
commission statement, a won deal in kpi): a test drive and an issued quote on an opportunity;
the quote accepted, its order paid, ordered and delivered; kpi counting the win."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text

from crm_common.db import create_engine
from crm_common.settings import Settings
from crm_common.testing.kafka import eventually

from .conftest import Spine

VEHICLE = {
    "kind": "vehicle",
    "code": "SUV-X",
    "description": "SUV X 2.0T",
    "list_price": "200000",
    "price": "200000",
    "cost": "184000",
}
LINES = {"lines": [VEHICLE]}
DRIVE = {
    "model_code": "SUV-X",
    "licence_number": "310101199202021234",
    "licence_checked": True,
}

Seller = Callable[[str, str, Any], Awaitable[Any]]
"""The seller calling the opportunities service: (method, path, body) → the answer's JSON,
asserting it succeeded."""


async def rows(spine: Spine, service: str, query: str, **values: Any) -> list[Any]:
    """The rows a query finds in a service's database (what the APIs do not show)."""
    engine = create_engine(Settings(env="test", database_url=spine.database_urls[service]))
    try:
        async with engine.connect() as conn:
            return list((await conn.execute(text(query), values)).all())
    finally:
        await engine.dispose()


async def quote_issued(seller: Seller, opportunity_id: str, quote_lines: Any = LINES) -> str:
    """A test drive and an issued quote on the opportunity; the quote's id."""
    path = f"/opportunities/{opportunity_id}"
    await seller(
        "POST", f"{path}/test-drives", DRIVE | {"started_at": datetime.now(UTC).isoformat()}
    )
    quote = await seller("POST", f"{path}/quotes", quote_lines)
    await seller("POST", f"/quotes/{quote['id']}/issue", None)
    return str(quote["id"])


async def delivered(seller: Seller, quote_id: str, *, vin_prefix: str) -> str:
    """The customer accepts the quote; its order paid, ordered and delivered; the order's id."""
    order = await seller("POST", f"/quotes/{quote_id}/acceptance", None)
    for step in (
        {"step": "deposit_paid", "amount": "20000"},
        {"step": "ordered"},
        {"step": "delivered", "vin": f"{vin_prefix}{uuid.uuid4().int % 10**14:014d}"},
    ):
        await seller("POST", f"/orders/{order['id']}/steps", step)
    return str(order["id"])


async def counted_as_won(spine: Spine, opportunity_id: str, *, timeout: float) -> None:
    """Waits until kpi counted the opportunity's win."""
    counted = await eventually(
        lambda: rows(
            spine,
            "kpi",
            "SELECT 1 FROM deal_facts WHERE opportunity_id = :o AND outcome = 'won'",
            o=uuid.UUID(opportunity_id),
        ),
        timeout=timeout,
    )
    assert counted, "the sale reached kpi"
