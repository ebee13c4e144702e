"""A campaign's public form over HTTP, with Redis counting its submissions: a wrong key costs
the campaign nothing, and one client address cannot use up what the campaign takes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from uuid import uuid4

import httpx
import pytest
from fastapi import FastAPI

from crm_common.db import UnitOfWork
from crm_common.settings import Settings
from crm_common.testing.infrastructure import Infrastructure, as_app_role
from crm_common.testing.services import api_in_process
from crm_leads.application import campaigns
from crm_leads.application.campaigns import NewCampaign
from crm_leads.bootstrap import create_api

from .conftest import PEOPLE
from .test_lead_imports import Sessions

pytestmark = pytest.mark.integration

PER_CAMPAIGN = 5
PER_CLIENT = 3


@pytest.fixture(scope="module")
async def form_api(
    infrastructure: Infrastructure, leads_database: str, jwks_url: str
) -> AsyncIterator[FastAPI]:
    settings = Settings(
        env="test",
        service_name="leads",
        # As in production: the app role, which may not look across tenants for the campaign.
        database_url=as_app_role(leads_database),
        redis_url=infrastructure.redis_url,
        jwks_url=jwks_url,
        log_level="WARNING",
        campaign_form_rate_limit_per_minute=PER_CAMPAIGN,
        campaign_form_client_rate_limit_per_minute=PER_CLIENT,
    )
    async with api_in_process(create_api, settings) as app:
        yield app


@pytest.fixture
async def campaign(sessions: Sessions, now: datetime) -> NewCampaign:
    return await campaigns.create_campaign(
        f"spring {uuid4()}", PEOPLE.manager, UnitOfWork(sessions), now=now
    )


async def submit(app: FastAPI, campaign: NewCampaign, key: str, address: str, n: int) -> int:
    transport = httpx.ASGITransport(app=app, client=(address, 40_000))
    async with httpx.AsyncClient(transport=transport, base_url="http://leads") as anonymous:
        answer = await anonymous.post(
            f"/campaigns/{campaign.id}/leads",
            json={"customer_name": "冯宁", "phone": f"139 6666 {n:04d}"},
            headers={"X-Campaign-Key": key},
        )
    return answer.status_code


async def test_wrong_keys_do_not_use_up_the_campaign_s_submissions(
    form_api: FastAPI, campaign: NewCampaign
) -> None:
    wrong = [await submit(form_api, campaign, "guess", f"10.0.1.{n}", n) for n in range(10)]
    right = [
        await submit(form_api, campaign, campaign.key, f"10.0.2.{n}", n)
        for n in range(PER_CAMPAIGN)
    ]
    assert wrong == [401] * 10
    assert right == [202] * PER_CAMPAIGN


async def test_one_client_address_cannot_use_up_a_campaign(
    form_api: FastAPI, campaign: NewCampaign
) -> None:
    flood = [await submit(form_api, campaign, campaign.key, "10.0.3.1", n) for n in range(8)]
    others = [
        await submit(form_api, campaign, campaign.key, f"10.0.4.{n}", 100 + n) for n in range(3)
    ]
    assert flood == [202] * PER_CLIENT + [429] * (8 - PER_CLIENT)
    assert others == [202] * (PER_CAMPAIGN - PER_CLIENT) + [429]
