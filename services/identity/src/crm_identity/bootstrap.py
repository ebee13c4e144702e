"""The one place that wires the identity service.

Access tokens are signed with the key given in settings (CRM_SIGNING_KEY_PEM) and published as
a JWKS; key rotation from the database is not built yet (see the issue notes).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from fastapi import FastAPI

from crm_common.auth.tokens import jwks_document
from crm_common.contracts.events.identity import v1 as identity_v1
from crm_common.db import UnitOfWork, create_engine, create_session_factory
from crm_common.runtime.http import create_http_app
from crm_common.runtime.service import ServiceDefinition
from crm_common.settings import Environment, Settings
from crm_identity.application.demo import TENANT, seed_demo_tenant
from crm_identity.application.errors import AuthenticationFailed, Conflict, Forbidden, NotFound
from crm_identity.entrypoints.http.routes import router

DESCRIPTION = "Identity: org tree, users, roles, login, signing keys (JWKS), sharing agreements."


class SigningKeyMissing(RuntimeError):
    pass


def create_api(settings: Settings) -> FastAPI:
    if settings.signing_key_pem is None:
        raise SigningKeyMissing(
            "identity needs CRM_SIGNING_KEY_PEM (PEM RSA private key); `./platform up` makes one"
        )
    app = create_http_app(
        settings,
        title="crm-identity",
        description=DESCRIPTION,
        routers=[router],
        error_statuses={
            AuthenticationFailed: 401,
            Forbidden: 403,
            NotFound: 404,
            Conflict: 409,
        },
    )
    app.state.jwks = jwks_document([settings.signing_key_pem.get_secret_value()])
    return app


def seed_demo(settings: Settings) -> None:
    """Create the demo tenant (org tree and a user for every role) unless it exists."""
    if settings.env is Environment.PRODUCTION or settings.demo_password is None:
        sys.exit("seed-demo needs CRM_DEMO_PASSWORD and a development or test environment")
    password = settings.demo_password.get_secret_value()

    async def run() -> bool:
        engine = create_engine(settings)
        try:
            created: bool = await seed_demo_tenant(
                UnitOfWork(create_session_factory(engine)), password
            )
            return created
        finally:
            await engine.dispose()

    created = asyncio.run(run())
    sys.stdout.write(f"demo tenant {TENANT}: {'created' if created else 'already there'}\n")


DEFINITION = ServiceDefinition(
    name="identity",
    description=DESCRIPTION,
    http_port=8001,
    worker_metrics_port=9101,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    create_api=create_api,
    publishes=identity_v1.ALL,
    commands={"seed-demo": seed_demo},
)
