"""A small vehicle catalogue for the portal's quote builder (HQ publishes it in setup)."""

from __future__ import annotations

from crm_common.testing.kafka import eventually

from ..vehicles import CATALOG
from .conftest import Portal


async def publish_catalogue(portal: Portal) -> None:
    """HQ publishes; the Pudong dealer's copy arrives through Kafka."""
    published = await portal.api(
        "hq.admin", "opportunities", "POST", "/catalog/publications", CATALOG
    )
    assert published.status_code == 201, published.text
    version = published.json()["version"]

    async def arrived() -> bool:
        seen = await portal.api("sh01.consultant1", "opportunities", "GET", "/catalog")
        return seen.status_code == 200 and seen.json()["version"] >= version

    assert await eventually(arrived, timeout=60), "the dealer received the catalogue"
