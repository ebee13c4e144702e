"""Campaign web forms (市场活动表单): a campaign of HQ, a region or a dealer receives leads from
its public form, authenticated by the campaign's own key (shown once; only a hash is kept)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from redis.asyncio import Redis

from crm_common.auth import Principal
from crm_common.auth.principal import DataScope
from crm_common.db import UnitOfWork
from crm_common.db.tenancy import acting_for
from crm_common.redis.rate_limit import allow_request
from crm_leads.adapters import book_store, campaign_store
from crm_leads.application.handlers import (
    DEFAULT_BUSINESS_TZ,
    CreateLead,
    Registration,
    create_lead,
)
from crm_leads.domain.lead import LeadSource


class CampaignKeyRefused(Exception):
    """Unknown campaign, inactive campaign or wrong key: one answer for all (401)."""


class TooManySubmissions(Exception):
    """Over the form's limit, from this client address or in all (429)."""

    def __init__(self, message: str, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


@dataclass(frozen=True, slots=True)
class FormLimits:
    """Submissions a minute a campaign's form takes, in all and from one client address."""

    redis: Redis
    per_campaign: int
    per_client: int


@dataclass(frozen=True, slots=True)
class NewCampaign:
    id: UUID
    name: str
    owner_org: str
    key: str
    """The form's secret: returned once, at creation."""


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


async def create_campaign(
    name: str, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> NewCampaign:
    key = secrets.token_urlsafe(32)
    async with uow:
        book = await book_store.book_of(uow.session, actor.tenant, actor.org_node)
        campaign_id = uuid4()
        await campaign_store.add_campaign(
            uow.session,
            campaign_id=campaign_id,
            tenant=actor.tenant,
            book=book,
            name=name,
            key_hash=_hash(key),
            created_by=actor.user_id,
            now=now,
        )
    return NewCampaign(campaign_id, name, book, key)


async def receive_campaign_lead(
    campaign_id: UUID,
    key: str,
    command: CreateLead,
    uow: UnitOfWork,
    *,
    now: datetime,
    client: str = "",
    limits: FormLimits | None = None,
    business_tz: ZoneInfo = DEFAULT_BUSINESS_TZ,
) -> Registration:
    """A lead from the campaign's public form, into the campaign's book and pool. Only a
    submission with the right key counts against the campaign's limits (anyone who knows the
    form's address could otherwise block its intake), and one client address may use only its
    own share of them."""
    # The public form names no tenant: its campaign, found by id and key, says which.
    async with uow:
        row = await campaign_store.active_form_book(uow.session, campaign_id, _hash(key))
    if row is None:
        raise CampaignKeyRefused("unknown campaign or wrong campaign key")
    if limits is not None:
        await _admit(campaign_id, client, limits)
    form = Principal(
        user_id=f"campaign:{campaign_id}",
        tenant=row.tenant,
        org_node=row.owner_org,
        data_scope=DataScope.OWN,
    )
    with acting_for([row.tenant]):
        return await create_lead(
            replace(command, source=LeadSource.CAMPAIGN_FORM, campaign_id=campaign_id),
            form,
            uow,
            via="POST /campaigns/{campaign_id}/leads",
            now=now,
            business_tz=business_tz,
        )


async def _admit(campaign_id: UUID, client: str, limits: FormLimits) -> None:
    bucket = f"campaign-form:{campaign_id}"
    for key, limit, message in (
        (f"{bucket}:client:{client}", limits.per_client, "too many submissions from your address"),
        (bucket, limits.per_campaign, "too many submissions for this campaign"),
    ):
        decision = await allow_request(limits.redis, key, limit=limit, window_seconds=60)
        if not decision.allowed:
            raise TooManySubmissions(message, decision.retry_after_seconds)
