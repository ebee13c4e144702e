"""docker-compose.yml runs the same platform: every service, every setting the code reads."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from crm_common.settings import Settings
from crm_portal.settings import PortalSettings

ROOT = Path(__file__).resolve().parents[2]
SERVICES = [
    "identity",
    "leads",
    "opportunities",
    "service-desk",
    "call-center",
    "kpi",
    "notifications",
]
# What differs between deployments and so must be stated, never left to a development default.
REQUIRED = {
    "CRM_ENV",
    "CRM_SERVICE_NAME",
    "CRM_DATABASE_URL",
    "CRM_KAFKA_BOOTSTRAP_SERVERS",
    "CRM_REDIS_URL",
    "CRM_JWKS_URL",
    "CRM_JWT_ISSUER",
    "CRM_JWT_AUDIENCE",
    "CRM_HTTP_HOST",
    "CRM_HTTP_PORT",
}


def compose() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_infrastructure_is_kraft_kafka_postgres_and_redis() -> None:
    services = compose()["services"]
    assert services["kafka"]["image"].startswith("apache/kafka:4.")
    assert services["kafka"]["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    for name in ("kafka", "postgres", "redis"):
        assert "healthcheck" in services[name]


def test_every_service_has_migrate_api_and_worker_with_complete_settings() -> None:
    services = compose()["services"]
    settings_vars = {f"CRM_{name.upper()}" for name in Settings.model_fields}
    for name in SERVICES:
        assert (ROOT / "services" / name / "Dockerfile").exists()
        for role in ("migrate", "api", "worker"):
            service = services[f"{name}-{role}"]
            env = service["environment"]
            assert env["CRM_SERVICE_NAME"] == name
            assert env["CRM_DATABASE_URL"].endswith("/crm_" + name.replace("-", "_"))
            assert set(env) >= REQUIRED, f"{name}-{role} misses {REQUIRED - set(env)}"
            assert set(env) <= settings_vars, (
                f"{name}-{role} sets unknown {set(env) - settings_vars}"
            )
        assert services[f"{name}-api"]["command"] == ["api"]
        assert services[f"{name}-worker"]["command"] == ["worker"]
        # The api connects as the app role, the worker as the system role (the only one acting
        # across tenants); only the migration as the tables' owner, naming the system role.
        database = "/crm_" + name.replace("-", "_")
        for role in ("api", "worker"):
            env = services[f"{name}-{role}"]["environment"]
            assert env["CRM_DATABASE_URL"].startswith("postgresql+asyncpg://crm_app:")
            assert "CRM_DATABASE_OWNER_URL" not in env, f"{name}-{role}"
        assert "CRM_DATABASE_SYSTEM_URL" not in services[f"{name}-api"]["environment"]
        migrate = services[f"{name}-migrate"]["environment"]
        assert migrate["CRM_DATABASE_OWNER_URL"].startswith("postgresql+asyncpg://crm:")
        assert migrate["CRM_DATABASE_OWNER_URL"].endswith(database)
        for role in ("migrate", "worker"):
            system = services[f"{name}-{role}"]["environment"]["CRM_DATABASE_SYSTEM_URL"]
            assert system.startswith("postgresql+asyncpg://crm_system:"), f"{name}-{role}"
            assert system.endswith(database), f"{name}-{role}"
        assert "healthcheck" in services[f"{name}-api"]
        assert "/readyz" in " ".join(services[f"{name}-api"]["healthcheck"]["test"])
    assert "CRM_SIGNING_KEY_ENCRYPTION_KEY" in services["identity-api"]["environment"]
    for leads in ("leads-api", "leads-worker"):
        assert "CRM_PERSONAL_DATA_HASH_KEY" in services[leads]["environment"]


def test_the_portal_serves_the_web_application_in_front_of_the_apis() -> None:
    services = compose()["services"]
    portal = services["portal-api"]
    assert (ROOT / "services" / "portal" / "Dockerfile").exists()
    assert portal["command"] == ["api"]
    assert "portal-worker" not in services, "the BFF has no worker"
    env = portal["environment"]
    known = {f"CRM_{name.upper()}" for name in PortalSettings.model_fields}
    assert set(env) <= known, set(env) - known
    assert "CRM_DATABASE_URL" not in env, "sessions live in Redis"
    for service, url in json.loads(env["CRM_PORTAL_UPSTREAMS"]).items():
        api = services[f"{service}-api"]
        assert url == f"http://{service}-api:{api['environment']['CRM_HTTP_PORT']}", url
    assert "/readyz" in " ".join(portal["healthcheck"]["test"])
