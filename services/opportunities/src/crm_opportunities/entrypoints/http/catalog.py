"""HTTP API of the vehicle catalogue, dealers' pricing and the configurator."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, status

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_opportunities.application import catalog as commands
from crm_opportunities.domain.catalog import (
    Accessory,
    Catalog,
    DealerPricing,
    catalog_document,
)
from crm_opportunities.entrypoints.http.catalog_schemas import (
    AccessoryIn,
    CatalogIn,
    CatalogPublic,
    ConfiguredPublic,
    DealerPricingIn,
    DealerPricingPublic,
    PricedItemPublic,
    ProblemPublic,
)
from crm_opportunities.entrypoints.http.sales_schemas import ConfigurationIn, QuoteLineIn

router = APIRouter(tags=["vehicle catalogue"])
Reader = Annotated[Principal, requires("opportunity.read")]
_NOT_PUBLISHED: dict[int | str, dict[str, Any]] = {
    403: {"description": "The role lacks the function"},
    404: {"description": "No catalogue (of that version) has been published"},
}


def _catalog_public(catalog: Catalog) -> CatalogPublic:
    return CatalogPublic.model_validate({"version": catalog.version, **catalog_document(catalog)})


def _pricing_public(pricing: DealerPricing) -> DealerPricingPublic:
    return DealerPricingPublic(
        trim_prices=dict(pricing.trim_prices),
        accessories=[
            AccessoryIn(
                code=a.code,
                name=a.name,
                price=a.price,
                cost=a.cost,
                fits_models=list(a.fits_models),
            )
            for a in pricing.accessories.values()
        ],
    )


@router.post(
    "/catalog/publications",
    status_code=status.HTTP_201_CREATED,
    response_model=CatalogPublic,
    responses={403: {"description": "The role lacks catalog.publish"}},
)
async def publish_catalog(
    body: CatalogIn,
    actor: Annotated[Principal, requires("catalog.publish")],
    db: Database,
    now: Now,
) -> CatalogPublic:
    """HQ publishes the next version of the catalogue (models, trims, colours, options,
    compatibility rules, MSRP and invoice prices) to every dealer (CatalogPublished). Checked
    whole: a problem answers 422 naming its place, e.g. ``catalog.models[0].trims[1].msrp``."""
    catalog = await commands.publish_catalog(
        body.model_dump(mode="json"), actor, UnitOfWork(db), now=now
    )
    return _catalog_public(catalog)


@router.get("/catalog", response_model=CatalogPublic, responses=_NOT_PUBLISHED)
async def read_catalog(
    actor: Reader,
    db: Database,
    version: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
) -> CatalogPublic:
    """The current catalogue, or an earlier version."""
    async with db() as session:
        return _catalog_public(await commands.catalog_of(session, actor.tenant, version))


@router.get("/catalog/dealer-pricing", response_model=DealerPricingPublic)
async def read_dealer_pricing(actor: Reader, db: Database) -> DealerPricingPublic:
    """The caller's dealer's selling prices and accessories (empty above dealers)."""
    async with db() as session:
        return _pricing_public(await commands.pricing_of(session, actor.tenant, actor.org_node))


@router.put("/catalog/dealer-pricing", response_model=DealerPricingPublic, responses=_NOT_PUBLISHED)
async def set_dealer_pricing(
    body: DealerPricingIn,
    actor: Annotated[Principal, requires("catalog.manage")],
    db: Database,
    now: Now,
) -> DealerPricingPublic:
    """Replaces the dealer's price list: selling prices of trims and its own accessories
    (which models they fit), checked against the current catalogue."""
    pricing = await commands.set_dealer_pricing(
        body.trim_prices,
        [
            Accessory(
                code=a.code,
                name=a.name,
                price=a.price,
                cost=a.cost,
                fits_models=tuple(a.fits_models),
            )
            for a in body.accessories
        ],
        actor,
        UnitOfWork(db),
        now=now,
    )
    return _pricing_public(pricing)


@router.post("/catalog/configurations", response_model=ConfiguredPublic, responses=_NOT_PUBLISHED)
async def configure(body: ConfigurationIn, actor: Reader, db: Database) -> ConfiguredPublic:
    """The configurator: every problem of the configuration (each naming its field), or its
    price with the caller's dealer's prices and the quote lines it would make."""
    async with db() as session:
        configured = await commands.configure(
            session, actor.tenant, actor.org_node, body.configuration()
        )
    priced = configured.priced
    return ConfiguredPublic(
        catalog_version=configured.catalog_version,
        valid=priced is not None,
        problems=[ProblemPublic(field=p.field, message=p.message) for p in configured.problems],
        items=[]
        if priced is None
        else [
            PricedItemPublic(
                kind=i.kind.value,
                code=i.code,
                name=i.name,
                msrp=i.msrp,
                price=i.price,
                cost=i.cost,
            )
            for i in priced.items
        ],
        msrp_total=None if priced is None else priced.msrp_total,
        price_total=None if priced is None else priced.price_total,
        quote_lines=[] if priced is None else [QuoteLineIn.of(ln) for ln in priced.quote_lines()],
    )
