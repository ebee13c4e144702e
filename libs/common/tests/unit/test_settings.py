from pathlib import Path

import pytest
from pydantic import ValidationError

from crm_common.db.migrate import upgrade_to_head
from crm_common.settings import Settings


def test_development_defaults_to_a_database_per_service() -> None:
    settings = Settings(service_name="service-desk", env="development")
    assert settings.database_url.get_secret_value().endswith("@127.0.0.1:5432/crm_service_desk")


def test_production_refuses_the_development_database_password() -> None:
    with pytest.raises(ValidationError, match="development password"):
        Settings(
            env="production",
            database_url="postgresql+asyncpg://crm:crm@db.internal:5432/crm_leads",
            jwks_url="https://identity.internal/.well-known/jwks.json",
        )


def test_production_needs_an_explicit_database_and_https_jwks() -> None:
    with pytest.raises(ValidationError, match="CRM_DATABASE_URL must be set"):
        Settings(env="production")
    with pytest.raises(ValidationError, match="https"):
        Settings(
            env="production",
            database_url="postgresql+asyncpg://crm:s3cret@db.internal:5432/crm_leads",
            jwks_url="http://identity.internal/.well-known/jwks.json",
        )


def test_namespace_prefixes_topics_and_groups() -> None:
    settings = Settings(kafka_namespace="t1.")
    assert settings.topic("crm.leads.lead.v1") == "t1.crm.leads.lead.v1"
    assert settings.consumer_group("kpi.lead-facts") == "t1.kpi.lead-facts"


def test_kpi_plans_each_report_for_its_parameters_and_the_others_keep_postgres_default() -> None:
    assert Settings(service_name="kpi").plan_cache_mode == "force_custom_plan"
    assert Settings(service_name="leads").plan_cache_mode == "auto"
    overridden = Settings(service_name="kpi", database_plan_cache_mode="auto")
    assert overridden.plan_cache_mode == "auto"


@pytest.mark.parametrize(
    "jwks_url",
    [
        "http://127.0.0.1.evil.tld/.well-known/jwks.json",
        "http://localhost@evil.tld/.well-known/jwks.json",
        "http://localhost.evil.tld/.well-known/jwks.json",
        "http://user:pw@127.0.0.1/.well-known/jwks.json",
        "ftp://identity.internal/jwks.json",
    ],
)
def test_production_refuses_a_plain_http_jwks_that_only_looks_local(jwks_url: str) -> None:
    with pytest.raises(ValidationError, match="https"):
        Settings(
            env="production",
            database_url="postgresql+asyncpg://crm:s3cret@db.internal:5432/crm_leads",
            jwks_url=jwks_url,
        )


@pytest.mark.parametrize(
    "jwks_url",
    [
        "http://127.0.0.1:8001/.well-known/jwks.json",
        "http://localhost:8001/.well-known/jwks.json",
        "http://[::1]:8001/.well-known/jwks.json",
        "https://identity.internal/.well-known/jwks.json",
    ],
)
def test_production_accepts_https_or_a_jwks_on_this_machine(jwks_url: str) -> None:
    Settings(
        env="production",
        database_url="postgresql+asyncpg://crm:s3cret@db.internal:5432/crm_leads",
        jwks_url=jwks_url,
    )


def test_without_env_a_deployment_reaching_other_machines_is_production() -> None:
    """Forgetting CRM_ENV does not turn the refusals off."""
    with pytest.raises(ValidationError, match="development password"):
        Settings(
            database_url="postgresql+asyncpg://crm:crm@db.internal:5432/crm_leads",
            jwks_url="https://identity.internal/.well-known/jwks.json",
        )
    with pytest.raises(ValidationError, match="CRM_DATABASE_URL must be set"):
        Settings(kafka_bootstrap_servers="kafka-1.internal:9092")
    assert Settings().env == "development", "everything on this machine: development"


def test_production_takes_a_plain_http_jwks_only_from_a_host_named_private() -> None:
    database_url = "postgresql+asyncpg://crm:s3cret@db.internal:5432/crm_leads"
    jwks_url = "http://identity-api:8001/.well-known/jwks.json"
    with pytest.raises(ValidationError, match="https"):
        Settings(env="production", database_url=database_url, jwks_url=jwks_url)
    Settings(
        env="production",
        database_url=database_url,
        jwks_url=jwks_url,
        jwks_private_hosts=["identity-api"],
    )
    with pytest.raises(ValidationError, match="https"):
        Settings(
            env="production",
            database_url=database_url,
            jwks_url="http://identity-api.evil.tld/.well-known/jwks.json",
            jwks_private_hosts=["identity-api"],
        )


def test_development_runs_as_the_app_role_and_migrates_as_the_owner() -> None:
    settings = Settings(service_name="leads", env="development")
    assert settings.database_url.get_secret_value().startswith("postgresql+asyncpg://crm_app:")
    assert settings.migration_database_url.startswith("postgresql+asyncpg://crm:")
    assert settings.migration_database_url.endswith("/crm_leads")
    assert settings.app_database_role == "crm_app"


def test_without_an_owner_url_the_migration_runs_as_the_app_role_and_grants_nothing() -> None:
    url = "postgresql+asyncpg://crm_leads:s3cret@db.internal:5432/crm_leads"
    alone = Settings(env="test", database_url=url)
    assert alone.migration_database_url == url
    assert alone.app_database_role is None
    same = Settings(env="test", database_url=url, database_owner_url=url)
    assert same.app_database_role is None
    split = Settings(
        env="test",
        database_url="postgresql+asyncpg://crm%5Fleads:s3cret@db.internal:5432/crm_leads",
        database_owner_url="postgresql+asyncpg://crm_leads_owner:0wner@db.internal:5432/crm_leads",
    )
    assert split.app_database_role == "crm_leads"


def test_production_refuses_the_development_password_for_the_owner_too() -> None:
    with pytest.raises(ValidationError, match="CRM_DATABASE_OWNER_URL uses the development"):
        Settings(
            env="production",
            database_url="postgresql+asyncpg://crm_leads:s3cret@db.internal:5432/crm_leads",
            database_owner_url="postgresql+asyncpg://crm:crm@db.internal:5432/crm_leads",
            jwks_url="https://identity.internal/.well-known/jwks.json",
        )


def test_production_migrates_only_as_an_owner_other_than_the_services_role(
    tmp_path: Path,
) -> None:
    settings = Settings(
        env="production",
        database_url="postgresql+asyncpg://crm_leads:s3cret@db.internal:5432/crm_leads",
        jwks_url="https://identity.internal/.well-known/jwks.json",
    )
    with pytest.raises(ValueError, match="CRM_DATABASE_OWNER_URL"):
        upgrade_to_head(settings, tmp_path)


def test_production_migrates_only_naming_a_system_role(tmp_path: Path) -> None:
    settings = Settings(
        env="production",
        database_url="postgresql+asyncpg://crm_leads:s3cret@db.internal:5432/crm_leads",
        database_owner_url="postgresql+asyncpg://crm_leads_owner:0wner@db.internal:5432/crm_leads",
        jwks_url="https://identity.internal/.well-known/jwks.json",
    )
    with pytest.raises(ValueError, match="CRM_DATABASE_SYSTEM_URL"):
        upgrade_to_head(settings, tmp_path)
    with pytest.raises(ValueError, match="CRM_DATABASE_SYSTEM_URL"):
        settings.for_system_work()


def test_system_work_connects_as_the_system_role() -> None:
    development = Settings(service_name="leads", env="development")
    system = development.for_system_work().database_url.get_secret_value()
    assert system == "postgresql+asyncpg://crm_system:crm@127.0.0.1:5432/crm_leads"
    assert development.system_database_role == "crm_system"
    assert development.database_url.get_secret_value().startswith("postgresql+asyncpg://crm_app:")
    # A test's database as the development app role: the system role beside it.
    app = "postgresql+asyncpg://crm_app:crm@127.0.0.1:5432/crm_t1_leads"
    derived = Settings(env="test", database_url=app).for_system_work()
    assert derived.database_url.get_secret_value() == app.replace("crm_app", "crm_system")
    # One role for everything (a benchmark migrating as it): nothing apart.
    alone = "postgresql+asyncpg://crm:crm@127.0.0.1:5432/crm_bench"
    single = Settings(env="test", database_url=alone)
    assert single.for_system_work().database_url.get_secret_value() == alone
    assert single.system_database_role is None
    split = Settings(
        env="production",
        database_url="postgresql+asyncpg://crm_leads:s3cret@db.internal:5432/crm_leads",
        database_owner_url="postgresql+asyncpg://crm_leads_owner:0wner@db.internal:5432/crm_leads",
        database_system_url="postgresql+asyncpg://crm_leads_system:sy5@db.internal:5432/crm_leads",
        jwks_url="https://identity.internal/.well-known/jwks.json",
    )
    assert split.system_database_role == "crm_leads_system"
    assert "crm_leads_system" in split.for_system_work().database_url.get_secret_value()
    with pytest.raises(ValidationError, match="CRM_DATABASE_SYSTEM_URL uses the development"):
        Settings(
            env="production",
            database_url="postgresql+asyncpg://crm_leads:s3cret@db.internal:5432/crm_leads",
            database_system_url="postgresql+asyncpg://crm_system:crm@db.internal:5432/crm_leads",
            jwks_url="https://identity.internal/.well-known/jwks.json",
        )
