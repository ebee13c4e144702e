"""The one place that wires the identity service.

Until identity manages users and rotating keys (issue #3) it publishes the JWKS of the signing
key given in settings, so every other service already verifies tokens the real way.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from crm_common.auth.tokens import jwks_document
from crm_common.runtime.http import create_http_app
from crm_common.runtime.service import ServiceDefinition
from crm_common.settings import Settings
from crm_identity.entrypoints.http.routes import router

DESCRIPTION = "Identity: org tree, users, roles, login, signing keys (JWKS), sharing agreements."


class SigningKeyMissing(RuntimeError):
    pass


def create_api(settings: Settings) -> FastAPI:
    if settings.signing_key_pem is None:
        raise SigningKeyMissing(
            "identity needs CRM_SIGNING_KEY_PEM (PEM RSA private key); `./platform up` makes one"
        )
    app = create_http_app(settings, title="crm-identity", description=DESCRIPTION, routers=[router])
    app.state.jwks = jwks_document([settings.signing_key_pem.get_secret_value()])
    return app


DEFINITION = ServiceDefinition(
    name="identity",
    description=DESCRIPTION,
    http_port=8001,
    worker_metrics_port=9101,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    create_api=create_api,
)
