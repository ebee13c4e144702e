"""The vehicle catalogue: HQ publishes versions (CatalogPublished; a dealer's own deployment
keeps the copy it receives), each dealer keeps its selling prices and accessories on top, and
the configurator checks and prices a configuration against both."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.opportunities.v1 import CatalogPublished
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.policy.directory import dealer_of
from crm_opportunities.adapters import catalog_repository as repository
from crm_opportunities.domain.catalog import (
    Accessory,
    Catalog,
    Configuration,
    DealerPricing,
    PricedConfiguration,
    Problem,
    catalog_document,
    check_configuration,
    parse_catalog,
    price_configuration,
)


class CatalogNotPublished(LookupError):
    """HQ has not published (that version of) the catalogue (answered 404)."""


@dataclass(frozen=True, slots=True)
class Configured:
    """What the configurator says: the problems, or the priced configuration."""

    catalog_version: int
    problems: list[Problem]
    priced: PricedConfiguration | None


async def publish_catalog(
    document: Mapping[str, object], actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Catalog:
    """The next version of the tenant's catalogue, validated whole, published to every
    dealer."""
    async with uow:
        version = await repository.next_version(uow.session, actor.tenant)
        catalog = parse_catalog(version, document)
        stored = catalog_document(catalog)
        await repository.keep_version(
            uow.session, actor.tenant, version, stored, actor.user_id, now
        )
        await uow.publish_about(
            actor=actor.user_id,
            tenant=actor.tenant,
            owner_org=actor.org_node,
            events=[CatalogPublished(catalog_version=version, published_at=now, catalog=stored)],
        )
        return catalog


async def keep_published_catalog(uow: UnitOfWork, event: Envelope[CatalogPublished]) -> None:
    """A dealer's deployment keeps its copy of each version (a no-op where it was published)."""
    await repository.keep_version(
        uow.session,
        event.tenant,
        event.data.catalog_version,
        event.data.catalog,
        event.actor or "hq",
        event.data.published_at,
    )


async def catalog_of(session: AsyncSession, tenant: str, version: int | None = None) -> Catalog:
    catalog = await repository.catalog(session, tenant, version)
    if catalog is None:
        raise CatalogNotPublished(
            "no catalogue has been published"
            if version is None
            else f"no catalogue version {version}"
        )
    return catalog


async def set_dealer_pricing(
    trim_prices: Mapping[str, Decimal],
    accessories: list[Accessory],
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
) -> DealerPricing:
    """Replaces the dealer's price list; its trims and the models its accessories fit must be
    in the current catalogue."""
    async with uow:
        dealer = await dealer_of(uow.session, actor.tenant, actor.org_node)
        if dealer is None:
            raise InvalidInput("org", "prices and accessories are a dealer's")
        catalog = await catalog_of(uow.session, actor.tenant)
        trims = {t.code for m in catalog.models for t in m.trims}
        models = {m.code for m in catalog.models}
        for code in trim_prices:
            if code not in trims:
                raise InvalidInput(f"trim_prices.{code}", "no such trim in the catalogue")
        seen: set[str] = set()
        for i, accessory in enumerate(accessories):
            if accessory.code in seen:
                raise InvalidInput(f"accessories[{i}].code", "listed twice")
            seen.add(accessory.code)
            for model in accessory.fits_models:
                if model not in models:
                    raise InvalidInput(
                        f"accessories[{i}].fits_models", f"no model {model} in the catalogue"
                    )
        pricing = DealerPricing.of(accessories, trim_prices)
        await repository.replace_pricing(
            uow.session, actor.tenant, dealer, pricing, actor.user_id, now
        )
        return pricing


async def pricing_of(session: AsyncSession, tenant: str, org_node: str) -> DealerPricing:
    """The dealer's price list (none above dealers: HQ and regions see MSRP)."""
    dealer = await dealer_of(session, tenant, org_node)
    return (
        DealerPricing.empty()
        if dealer is None
        else await repository.pricing(session, tenant, dealer)
    )


async def configure(
    session: AsyncSession, tenant: str, org_node: str, configuration: Configuration
) -> Configured:
    """Checks the configuration against the current catalogue and the caller's dealer's
    accessories; prices it when it is valid."""
    catalog = await catalog_of(session, tenant)
    pricing = await pricing_of(session, tenant, org_node)
    problems = check_configuration(catalog, pricing, configuration)
    priced = None if problems else price_configuration(catalog, pricing, configuration)
    return Configured(catalog_version=catalog.version, problems=problems, priced=priced)


async def priced_for_quote(
    session: AsyncSession, tenant: str, dealer: str, configuration: Configuration
) -> PricedConfiguration:
    """The configuration priced with the dealer's prices (422 naming the first problem)."""
    catalog = await catalog_of(session, tenant)
    return price_configuration(
        catalog, await repository.pricing(session, tenant, dealer), configuration
    )
