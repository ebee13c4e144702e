"""The one settings object every process reads (environment variables prefixed ``CRM_``)."""

from __future__ import annotations

import ipaddress
from enum import StrEnum
from functools import lru_cache
from typing import ClassVar, Literal
from urllib.parse import unquote, urlsplit

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Development defaults: safe on a laptop, refused anywhere else. The owner role creates each
# service's database and runs its migrations; the app role is what the apis connect as, the
# system role what the workers connect as (deploy/local/infra.sh creates all three).
DEV_DATABASE_PASSWORD = "crm"  # noqa: S105
DEV_DATABASE_OWNER = "crm"
DEV_DATABASE_APP_ROLE = "crm_app"
DEV_DATABASE_SYSTEM_ROLE = "crm_system"


def is_loopback_host(host: str | None) -> bool:
    """Whether ``host`` (a parsed host name, never a raw URL prefix) is this machine."""
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def _url_user(url: str) -> str | None:
    try:
        user = urlsplit(url).username
    except ValueError:
        return None
    return unquote(user) if user else None


def _with_user(url: str, user: str) -> str:
    """``url`` as another role with the same password."""
    parts = urlsplit(url)
    password = f":{parts.password}" if parts.password is not None else ""
    host = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=f"{user}{password}@{host}").geturl()


def _dev_url(role: str, database: str) -> str:
    return f"postgresql+asyncpg://{role}:{DEV_DATABASE_PASSWORD}@127.0.0.1:5432/{database}"


def _hosts_of_servers(servers: str) -> list[str | None]:
    """Hosts of a ``host:port,host:port`` list (Kafka's bootstrap servers)."""
    return [_url_host(f"//{server.strip()}") for server in servers.split(",") if server.strip()]


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CRM_", extra="ignore")
    # False for a process without a database of its own (the portal's BFF): production then
    # asks no CRM_DATABASE_URL of it.
    uses_database: ClassVar[bool] = True

    # Unset: development only while every server it talks to is on this machine, production
    # otherwise, so a deployment that forgets CRM_ENV still gets production's refusals.
    env: Environment | None = None
    service_name: str = "crm"
    # Each service has its own database; development defaults to crm_<service> on localhost.
    # The api and worker connect as the app role this URL names: it may read and write rows
    # only (the grants `migrate` gives it), so nothing the service runs can drop the audit
    # trigger or turn row-level security off.
    database_url: SecretStr = SecretStr("")
    # The role that owns the service's tables: only `migrate` connects as it (creating the
    # database if needed, upgrading it, granting the app role its rights). Unset: `migrate`
    # runs as CRM_DATABASE_URL's role and grants nothing (refused in production).
    database_owner_url: SecretStr = SecretStr("")
    # The role of system work across tenants: the worker (sweeps, the outbox relay, consumers),
    # projection rebuilds and outbox replays connect as it. Row-level security lets it (and the
    # owner) act for every tenant; the app role above sees only the tenants its requests
    # declare, whatever it sets (crm_common.db.roles). `migrate` grants it the app role's
    # rights. Unset outside production: CRM_DATABASE_URL as the development system role when
    # that URL is the development app role's, else CRM_DATABASE_URL itself.
    database_system_url: SecretStr = SecretStr("")
    database_pool_size: int = Field(default=10, ge=1)
    # PostgreSQL's plan_cache_mode for the service's connections. Empty: the service's own
    # default — kpi, whose reads are reports over one caller's book and period, plans every
    # statement for its parameters (after five runs a generic plan made a dealer's yearly KPI
    # 12x slower); the others keep PostgreSQL's "auto" (re-planning their short transactions
    # would cost a third of the claim throughput).
    database_plan_cache_mode: Literal["", "auto", "force_custom_plan", "force_generic_plan"] = ""
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    # How clients authenticate to Kafka (crm_common.messaging.connection): plaintext on a
    # development machine; SASL_SSL with SCRAM-SHA-512 on Strimzi (deploy/k8s).
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = None
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    # The cluster's CA certificate (PEM); unset: the system's trust store.
    kafka_ssl_cafile: str | None = None
    # Prefix of every topic and consumer group: isolates test runs and side-by-side deployments
    # sharing one cluster. Empty in a normal deployment.
    kafka_namespace: str = ""
    # Set by a projection rebuild (`crm-<service> rebuild`): its consumers read every topic again
    # under groups of their own, beside the live ones.
    consumer_group_prefix: str = ""
    # A dealer's own deployment (deploy/kafka/mirror.sh, crm_common.messaging.dealer_link): the
    # dealer it serves, and HQ's Kafka listener for dealers with the dealer's SCRAM credential
    # (what its MirrorMaker 2 uses; the link reads replication lag there);
    dealer_id: str | None = None
    hq_kafka_bootstrap_servers: str | None = None
    # A file holding the password (as MirrorMaker's config reads it), never the password itself.
    hq_kafka_password_file: str | None = None
    hq_kafka_ca_file: str | None = None
    # Prometheus endpoint of `crm-<service> uplink` and of the dealer link; unset: none.
    uplink_metrics_port: int | None = Field(default=None, ge=1, le=65535)
    kafka_partitions: int = Field(default=6, ge=1)
    kafka_replication_factor: int = Field(default=1, ge=1)
    redis_url: str = "redis://127.0.0.1:6379/0"

    http_host: str = "127.0.0.1"
    # The largest request body an api reads (413 beyond), checked while reading; uploads that
    # stream (lead imports) have their own cap.
    # /docs, /redoc and /openapi.json; unset: served except in production.
    http_api_docs: bool | None = None
    # The api's /metrics; unset: served except in production, where it is served only with
    # a scrape token (then Prometheus sends `Authorization: Bearer <token>`).
    http_metrics: bool | None = None
    http_metrics_token: SecretStr | None = None
    # The URL clients reach this service at (identity: OIDC discovery names its endpoints
    # from it; never from a request's Host header). Unset: the issuer when it is a URL, else
    # the listening address.
    public_url: str = ""
    http_max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    http_port: int = Field(default=8000, ge=1, le=65535)
    # Prometheus endpoint of the worker process; unset means the service's default port.
    worker_metrics_port: int | None = Field(default=None, ge=1, le=65535)
    # gRPC server of the api process (same host as HTTP); 0 means the service's default port.
    grpc_port: int = Field(default=0, ge=0, le=65535)
    # Where customers open a survey's one-time link (the service desk's public form).
    survey_link_base_url: str = "http://127.0.0.1:8004"
    # Text messages to customers through an HTTP provider (a JSON POST with a bearer key).
    # Unset: the messages wait, and the worker says why in its log.
    sms_endpoint: str | None = None
    sms_api_key: SecretStr | None = None
    # How often the service desk's worker applies due escalation steps (a step is late by at
    # most this) and scans the care rules (they look at days: hourly fires each on its day).
    escalation_sweep_seconds: float = Field(default=30, gt=0)
    care_scan_seconds: float = Field(default=3600, gt=0)

    # Tokens: verified against the issuer's JWKS (identity's, or any OIDC provider's).
    jwks_url: str = "http://127.0.0.1:8001/.well-known/jwks.json"
    # Hosts the operator vouches for as reached over a private network only (a Kubernetes
    # Service that the namespace's NetworkPolicy keeps to the platform's own pods): the JWKS may
    # come from them over plain http in production. Empty: https, or this machine, only.
    jwks_private_hosts: list[str] = Field(default_factory=list)
    jwt_issuer: str = "crm-identity"
    jwt_audience: str = "crm"
    # How long the issuer's keys are trusted before they are fetched again (a withdrawn key
    # stops working within this), and the oldest token accepted whatever its expiry.
    jwks_cache_seconds: float = Field(default=300, gt=0)
    jwt_max_age_seconds: int = Field(default=3600, ge=60)
    # Only identity signs. Its keys live in its database, encrypted with this Fernet key, and
    # rotate every `signing_key_max_age_days`; the PEM key, when given, is the first key of an
    # empty key store. `./platform up` generates both under the run folder for development.
    signing_key_pem: SecretStr | None = None
    signing_key_encryption_key: SecretStr | None = None
    signing_key_max_age_days: int = Field(default=30, ge=1)
    # Key of the keyed hashes by which personal identifiers (resident ID numbers) are matched
    # without being stored; changing it makes the stored digests stop matching.
    personal_data_hash_key: SecretStr | None = None
    # Identity's password hashes (argon2id, a core each while they run): how many run at once
    # (unset: one fewer than the process's cores, so the event loop keeps one for refreshes
    # and the JWKS), and how many more may wait; a login beyond those answers 503.
    password_hash_concurrency: int | None = Field(default=None, ge=1)
    password_hash_queue: int = Field(default=16, ge=0)
    # Password of the demo users `./platform up` creates; development and test only.
    demo_password: SecretStr | None = None

    # Messaging behaviour.
    consumer_max_attempts: int = Field(default=3, ge=1)
    # A batch in progress longer than this counts as wedged: the worker is not ready and its
    # watchdog restarts the subscriber.
    consumer_stall_seconds: float = Field(default=300, gt=0)
    outbox_batch_size: int = Field(default=500, ge=1)
    outbox_idle_poll_seconds: float = Field(default=0.02, gt=0)
    outbox_retention_hours: int = Field(default=24, ge=1)
    # Failures of a row on its own (others got through) before it is parked (about 4 minutes
    # of retries at the default).
    outbox_max_attempts: int = Field(default=8, ge=1)

    log_level: str = "INFO"
    # Outgoing e-mail (crm_common.mail): the organisation's SMTP relay.
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_sender: str = "crm@localhost"
    smtp_starttls: bool = False
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    # Where people open the platform: links in notices and e-mails point there.
    portal_base_url: str = "http://127.0.0.1:8080"
    # OpenTelemetry traces exported over OTLP/HTTP (e.g. http://collector:4318/v1/traces);
    # unset: no spans are recorded (crm_common.observability.tracing).
    otel_exporter_otlp_endpoint: str | None = None
    otel_sample_ratio: float = Field(default=1.0, ge=0, le=1)
    # Public campaign web forms: submissions per campaign and minute (Redis sliding window),
    # and from one client address per campaign and minute, so one sender cannot use them up.
    campaign_form_rate_limit_per_minute: int = 120
    campaign_form_client_rate_limit_per_minute: int = 10
    # A TrueType font with CJK and Latin glyphs, embedded in printed documents (the quote PDF).
    document_font_path: str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
    # The call center's phone system (CTI). Its calls belong to `cti_tenant`; one that no queue
    # or agent of the CRM claims belongs to `cti_default_org` (the HQ hotline's PBX: HQ). An
    # empty `cti_ami_host` means no Asterisk connection; an unset webhook secret refuses every
    # webhook. CallCompleted waits until a finished call has been quiet `cti_settle_seconds`.
    cti_tenant: str = ""
    cti_default_org: str = ""
    cti_source: str = "pbx"
    cti_ami_host: str = ""
    cti_ami_port: int = Field(default=5038, ge=1, le=65535)
    cti_ami_username: str = "crm"
    cti_ami_secret: SecretStr | None = None
    cti_originate_context: str = "from-internal"
    cti_settle_seconds: float = Field(default=3.0, ge=0)
    cti_webhook_secret: SecretStr | None = None
    cti_webhook_replay_window_seconds: int = Field(default=300, ge=1)
    # Where services keep files (call recordings, ticket attachments; crm_common.storage): a
    # directory, relative to the working directory unless absolute, or in production an
    # S3-compatible bucket, `s3://bucket/optional/prefix` (path-style addressing; no endpoint:
    # AWS itself). The PBX's recordings are read from `recordings/<cti_source>/` below it
    # (mount the PBX's monitor directory there).
    file_storage: str = "var/files"
    s3_endpoint_url: str | None = None
    s3_region: str = "us-east-1"
    s3_access_key_id: str | None = None
    s3_secret_access_key: SecretStr | None = None
    # The largest attachment a ticket takes (its uploads stream past http_max_body_bytes).
    attachment_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    # Where leads' gRPC CustomerDirectory answers (the call center's screen pop and the service
    # desk's tickets ask it).
    leads_grpc_target: str = "127.0.0.1:50052"
    # Business days (daily figures, SLAs) are counted in the OEM's time zone.
    business_timezone: str = "Asia/Shanghai"

    @model_validator(mode="after")
    def _refuse_development_secrets_outside_development(self) -> Settings:
        if self.env is None:
            local = all(
                is_loopback_host(host)
                for host in (
                    _url_host(self.database_url.get_secret_value() or "//127.0.0.1"),
                    _url_host(self.database_owner_url.get_secret_value() or "//127.0.0.1"),
                    _url_host(self.database_system_url.get_secret_value() or "//127.0.0.1"),
                    _url_host(self.redis_url),
                    _url_host(self.jwks_url),
                    *_hosts_of_servers(self.kafka_bootstrap_servers),
                )
            )
            self.env = Environment.DEVELOPMENT if local else Environment.PRODUCTION
        if not self.database_url.get_secret_value() and self.uses_database:
            if self.env is Environment.PRODUCTION:
                raise ValueError("CRM_DATABASE_URL must be set in production")
            database = "crm_" + self.service_name.replace("-", "_")
            self.database_url = SecretStr(_dev_url(DEV_DATABASE_APP_ROLE, database))
            if not self.database_owner_url.get_secret_value():
                self.database_owner_url = SecretStr(_dev_url(DEV_DATABASE_OWNER, database))
        app_url = self.database_url.get_secret_value()
        if (
            not self.database_system_url.get_secret_value()
            and self.env is not Environment.PRODUCTION
            and _url_user(app_url) == DEV_DATABASE_APP_ROLE
        ):
            self.database_system_url = SecretStr(_with_user(app_url, DEV_DATABASE_SYSTEM_ROLE))
        if self.env is Environment.PRODUCTION:
            for name, url in (
                ("CRM_DATABASE_URL", self.database_url),
                ("CRM_DATABASE_OWNER_URL", self.database_owner_url),
                ("CRM_DATABASE_SYSTEM_URL", self.database_system_url),
            ):
                if f":{DEV_DATABASE_PASSWORD}@" in url.get_secret_value():
                    raise ValueError(f"{name} uses the development password in production")
            jwks = urlsplit(self.jwks_url)
            private = is_loopback_host(jwks.hostname) or jwks.hostname in self.jwks_private_hosts
            if jwks.scheme != "https" and not (
                jwks.scheme == "http"
                and private
                and jwks.username is None
                and jwks.password is None
            ):
                raise ValueError("CRM_JWKS_URL must use https in production")
        return self

    @property
    def migration_database_url(self) -> str:
        """Where `migrate` connects: the owner role, or the app role when no owner is set."""
        owner = self.database_owner_url.get_secret_value()
        return owner or self.database_url.get_secret_value()

    @property
    def app_database_role(self) -> str | None:
        """The role the services connect as, when it is not the one migrating: `migrate`
        grants it what the services need and nothing more."""
        owner = self.database_owner_url.get_secret_value()
        app = _url_user(self.database_url.get_secret_value())
        if not owner or app is None or app == _url_user(owner):
            return None
        return app

    @property
    def system_database_role(self) -> str | None:
        """The role of system work, when one is set apart from the owner: `migrate` grants it
        the services' rights and lets it act across tenants."""
        owner = self.database_owner_url.get_secret_value()
        system = _url_user(self.database_system_url.get_secret_value())
        if not owner or system is None or system == _url_user(owner):
            return None
        return system

    def for_system_work(self) -> Settings:
        """These settings for a process doing system work across tenants (the worker, a
        rebuild, an outbox replay): its database connections as the system role."""
        if not self.database_system_url.get_secret_value():
            if self.env is Environment.PRODUCTION and self.uses_database:
                raise ValueError(
                    "CRM_DATABASE_SYSTEM_URL must be set in production for system work (the"
                    " worker): the api's role CRM_DATABASE_URL may not act across tenants"
                )
            return self
        return self.model_copy(update={"database_url": self.database_system_url})

    @property
    def serves_api_docs(self) -> bool:
        if self.http_api_docs is not None:
            return self.http_api_docs
        return self.env is not Environment.PRODUCTION

    @property
    def serves_metrics(self) -> bool:
        if self.http_metrics is not None:
            return self.http_metrics
        return self.env is not Environment.PRODUCTION or self.http_metrics_token is not None

    @property
    def public_base_url(self) -> str:
        if self.public_url:
            return self.public_url.rstrip("/")
        if urlsplit(self.jwt_issuer).scheme in ("http", "https"):
            return self.jwt_issuer.rstrip("/")
        return f"http://{self.http_host}:{self.http_port}"

    @property
    def plan_cache_mode(self) -> str:
        if self.database_plan_cache_mode:
            return self.database_plan_cache_mode
        return "force_custom_plan" if self.service_name == "kpi" else "auto"

    def topic(self, name: str) -> str:
        return f"{self.kafka_namespace}{name}"

    def consumer_group(self, name: str) -> str:
        return f"{self.kafka_namespace}{self.consumer_group_prefix}{name}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
