"""The one place that wires the identity service.

Access tokens are signed with the newest key of identity's key store (encrypted with
CRM_SIGNING_KEY_ENCRYPTION_KEY) and published as a JWKS; the worker rotates keys by age.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.clock import utc_now
from crm_common.contracts.events.identity import v1 as identity_v1
from crm_common.contracts.events.identity import v2 as identity_v2
from crm_common.db import UnitOfWork, create_engine, create_session_factory
from crm_common.runtime.http import create_http_app
from crm_common.runtime.service import ScheduledJob, ServiceDefinition
from crm_common.settings import Environment, Settings
from crm_identity.adapters.login_throttle import login_throttle
from crm_identity.application.demo import TENANT, seed_dealer_deployment, seed_demo_tenant
from crm_identity.application.errors import AuthenticationFailed, Conflict, Forbidden, NotFound
from crm_identity.application.passwords import Passwords
from crm_identity.application.signing_keys import KeyRing, rotate_signing_key
from crm_identity.entrypoints.consumers import subscriptions
from crm_identity.entrypoints.http.routes import router

DESCRIPTION = "Identity: org tree, users, roles, login, signing keys (JWKS), sharing agreements."


KEY_ROTATION_CHECK_SECONDS = 300.0


ERROR_STATUSES: dict[type[Exception], int] = {
    AuthenticationFailed: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
}


async def open_key_ring(app: FastAPI) -> None:
    """Refuses to start without the key-encryption key."""
    app.state.key_ring = KeyRing(app.state.session_factory, app.state.settings)


async def open_login_throttle(app: FastAPI) -> None:
    app.state.login_throttle = login_throttle(app.state.redis, app.state.settings)


@asynccontextmanager
async def password_executor(app: FastAPI) -> AsyncIterator[None]:
    """The process's one executor of password hashes (``crm_identity.application.passwords``)."""
    app.state.passwords = Passwords.from_settings(app.state.settings)
    try:
        yield
    finally:
        app.state.passwords.close()


def create_api(settings: Settings) -> FastAPI:
    return create_http_app(
        settings,
        title="crm-identity",
        description=DESCRIPTION,
        routers=[router],
        on_startup=[open_key_ring, open_login_throttle],
        servers=[password_executor],
        error_statuses=ERROR_STATUSES,
    )


async def rotate_signing_keys(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> bool:
    return await rotate_signing_key(sessions, settings, utc_now())


def rotate_signing_key_now(settings: Settings) -> None:
    """Operator command: add a successor key now (it signs after the publication delay)."""

    async def run() -> bool:
        engine = create_engine(settings)
        try:
            return await rotate_signing_key(
                create_session_factory(engine), settings, utc_now(), force=True
            )
        finally:
            await engine.dispose()

    added = asyncio.run(run())
    sys.stdout.write("successor key added\n" if added else "a successor is already waiting\n")


def seed_demo(settings: Settings) -> None:
    """Create the demo tenant (org tree and a user for every role) unless it exists; at a
    dealer's own deployment (``CRM_DEALER_ID``), that dealer's demo users only."""
    if settings.env is Environment.PRODUCTION or settings.demo_password is None:
        sys.exit("seed-demo needs CRM_DEMO_PASSWORD and a development or test environment")
    password = settings.demo_password.get_secret_value()
    dealer = settings.dealer_id

    async def run() -> bool:
        engine = create_engine(settings)
        passwords = Passwords.from_settings(settings)
        try:
            uow = UnitOfWork(create_session_factory(engine))
            created: bool = await (
                seed_dealer_deployment(uow, passwords, password, dealer)
                if dealer
                else seed_demo_tenant(uow, passwords, password)
            )
            return created
        finally:
            passwords.close()
            await engine.dispose()

    created = asyncio.run(run())
    place = f" at {dealer}'s deployment" if dealer else ""
    sys.stdout.write(f"demo tenant {TENANT}{place}: {'created' if created else 'already there'}\n")


DEFINITION = ServiceDefinition(
    name="identity",
    description=DESCRIPTION,
    http_port=8001,
    worker_metrics_port=9101,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    create_api=create_api,
    subscriptions=subscriptions,
    # Version 1 of UserChanged too: the topic still carries the events published before
    # version 2, and the uplink passes them on.
    publishes=(*identity_v1.ALL, *identity_v2.ALL),
    commands={"seed-demo": seed_demo, "rotate-signing-key": rotate_signing_key_now},
    scheduled=[
        ScheduledJob("signing-key-rotation", KEY_ROTATION_CHECK_SECONDS, rotate_signing_keys)
    ],
)
