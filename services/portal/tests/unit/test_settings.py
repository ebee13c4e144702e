"""The portal's settings in production: no database of its own, so none is asked for."""

from __future__ import annotations

import pytest

from crm_common.settings import Settings
from crm_portal.settings import PortalSettings

PRODUCTION = {"env": "production", "jwks_url": "https://identity.example/.well-known/jwks.json"}


def test_the_portal_runs_in_production_without_a_database() -> None:
    settings = PortalSettings(**PRODUCTION)  # type: ignore[arg-type]
    assert settings.database_url.get_secret_value() == ""


def test_a_service_still_needs_its_database_in_production() -> None:
    with pytest.raises(ValueError, match="CRM_DATABASE_URL must be set"):
        Settings(**PRODUCTION)  # type: ignore[arg-type]
