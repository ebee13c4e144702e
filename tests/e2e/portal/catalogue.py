"""A small vehicle catalogue for the portal's quote builder (HQ publishes it in setup)."""

from __future__ import annotations

from typing import Any

from crm_common.testing.kafka import eventually

from .conftest import Portal


def _trim(code: str, name: str, msrp: int) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "msrp": str(msrp),
        "invoice_price": str(int(msrp * 0.93)),
        "colours": [
            {"code": "white", "name": "珍珠白", "msrp": "0", "invoice_price": "0"},
            {"code": "grey", "name": "星空灰", "msrp": "3000", "invoice_price": "2400"},
        ],
        "options": [{"code": "pano", "name": "全景天窗", "msrp": "8000", "invoice_price": "6400"}],
        "standard_options": [],
    }


CATALOG = {
    "models": [
        {
            "code": "SUV-X",
            "name": "SUV X",
            "product_line": "suv",
            "trims": [_trim("SUV-X-20T", "2.0T 豪华版", 200000)],
        }
    ],
    "rules": [],
}


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
