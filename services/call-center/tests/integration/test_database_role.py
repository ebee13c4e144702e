"""The in-process api connects as the app role, as in production: row-level security binds it
(the database's owner, which the tests' own sessions use, would pass it by)."""

from __future__ import annotations

from uuid import uuid4

import pytest
from fastapi import FastAPI
from sqlalchemy import func, insert, select, text

from crm_call_center.adapters.tables import queues
from crm_common.db.tenancy import acting_for
from crm_common.testing.infrastructure import APP_ROLE
from crm_common.testing.service_fixtures import Sessions

from .conftest import TENANT

pytestmark = pytest.mark.integration


async def test_the_api_sees_only_the_tenants_it_acts_for(
    call_center_api: FastAPI, sessions: Sessions
) -> None:
    async with sessions() as session, session.begin():
        await session.execute(
            insert(queues).values(
                id=uuid4(), tenant="another-oem", owner_org="hq", name="Theirs", pbx_queue="theirs"
            )
        )
    api_sessions: Sessions = call_center_api.state.session_factory
    with acting_for([TENANT]):
        async with api_sessions() as session:
            role = await session.scalar(text("SELECT current_user"))
            tenants = set(await session.scalars(select(queues.c.tenant).distinct()))
    async with sessions() as session:
        everyone = await session.scalar(select(func.count(func.distinct(queues.c.tenant))))
    assert role == APP_ROLE
    assert tenants == {TENANT}, "another tenant's queue reached the api"
    assert everyone == 2, "the owner's sessions see both tenants' queues"
