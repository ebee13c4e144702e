"""Catalogue versions and dealers' pricing in PostgreSQL."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_opportunities.adapters.catalog_tables import catalog_versions, dealer_pricing
from crm_opportunities.domain.catalog import Accessory, Catalog, DealerPricing, parse_catalog


async def next_version(session: AsyncSession, tenant: str) -> int:
    """The version the next publication gets; publishers of one tenant take turns."""
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"catalog:{tenant}"}
    )
    latest = (
        await session.execute(
            select(func.max(catalog_versions.c.version)).where(catalog_versions.c.tenant == tenant)
        )
    ).scalar_one()
    return (latest or 0) + 1


async def keep_version(
    session: AsyncSession,
    tenant: str,
    version: int,
    document: dict[str, Any],
    published_by: str,
    published_at: datetime,
) -> None:
    """Stores a version once: the publisher's write and its echo through Kafka agree."""
    await session.execute(
        pg_insert(catalog_versions)
        .values(
            tenant=tenant,
            version=version,
            document=document,
            published_by=published_by,
            published_at=published_at,
        )
        .on_conflict_do_nothing(
            index_elements=[catalog_versions.c.tenant, catalog_versions.c.version]
        )
    )


async def catalog(session: AsyncSession, tenant: str, version: int | None = None) -> Catalog | None:
    """The given version, or the latest."""
    query = select(catalog_versions.c.version, catalog_versions.c.document).where(
        catalog_versions.c.tenant == tenant
    )
    query = (
        query.where(catalog_versions.c.version == version)
        if version is not None
        else query.order_by(catalog_versions.c.version.desc()).limit(1)
    )
    row = (await session.execute(query)).first()
    return None if row is None else parse_catalog(row.version, row.document)


def _pricing_of(row: Any) -> DealerPricing:
    return DealerPricing.of(
        (
            Accessory(
                code=a["code"],
                name=a["name"],
                price=Decimal(a["price"]),
                cost=Decimal(a["cost"]),
                fits_models=tuple(a["fits_models"]),
            )
            for a in row.accessories
        ),
        {code: Decimal(price) for code, price in row.trim_prices.items()},
    )


async def pricing(session: AsyncSession, tenant: str, dealer: str) -> DealerPricing:
    row = (
        await session.execute(
            select(dealer_pricing.c.trim_prices, dealer_pricing.c.accessories).where(
                dealer_pricing.c.tenant == tenant, dealer_pricing.c.owner_org == dealer
            )
        )
    ).first()
    return DealerPricing.empty() if row is None else _pricing_of(row)


async def replace_pricing(
    session: AsyncSession,
    tenant: str,
    dealer: str,
    pricing: DealerPricing,
    updated_by: str,
    now: datetime,
) -> None:
    values = {
        "trim_prices": {code: str(price) for code, price in pricing.trim_prices.items()},
        "accessories": [
            {
                "code": a.code,
                "name": a.name,
                "price": str(a.price),
                "cost": str(a.cost),
                "fits_models": list(a.fits_models),
            }
            for a in pricing.accessories.values()
        ],
        "updated_by": updated_by,
        "updated_at": now,
    }
    await session.execute(
        pg_insert(dealer_pricing)
        .values(tenant=tenant, owner_org=dealer, **values)
        .on_conflict_do_update(
            index_elements=[dealer_pricing.c.tenant, dealer_pricing.c.owner_org], set_=values
        )
    )
