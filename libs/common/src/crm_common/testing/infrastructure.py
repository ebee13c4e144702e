"""Where the tests' Kafka, PostgreSQL and Redis come from.

Without a Docker engine (the development machines, CI): the same local infrastructure as
``./platform up`` (``deploy/local/infra.sh``), started if it is not running. With one (or
``CRM_TEST_INFRA=containers``): testcontainers. Both give the same ``Infrastructure``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from crm_common.settings import (
    DEV_DATABASE_APP_ROLE,
    DEV_DATABASE_PASSWORD,
    DEV_DATABASE_SYSTEM_ROLE,
)

APP_ROLE = os.environ.get("CRM_PG_APP_USER", DEV_DATABASE_APP_ROLE)
APP_ROLE_PASSWORD = os.environ.get("CRM_PG_APP_PASSWORD", DEV_DATABASE_PASSWORD)
"""The role the apis under test connect as (``crm_common.db.roles``): the infrastructure's
PostgreSQL has it beside the owner role the tests create and migrate databases with."""
SYSTEM_ROLE = os.environ.get("CRM_PG_SYSTEM_USER", DEV_DATABASE_SYSTEM_ROLE)
SYSTEM_ROLE_PASSWORD = os.environ.get("CRM_PG_SYSTEM_PASSWORD", DEV_DATABASE_PASSWORD)
"""The role the workers under test connect as: the only one besides the owner that may act
across tenants."""


def as_app_role(url: str) -> str:
    """The same database as the services' app role."""
    app = make_url(url).set(username=APP_ROLE, password=APP_ROLE_PASSWORD)
    return app.render_as_string(hide_password=False)


def as_system_role(url: str) -> str:
    """The same database as the services' system role."""
    system = make_url(url).set(username=SYSTEM_ROLE, password=SYSTEM_ROLE_PASSWORD)
    return system.render_as_string(hide_password=False)


@dataclass(frozen=True)
class Infrastructure:
    pg_host: str
    pg_port: int
    pg_user: str
    pg_password: str
    kafka_bootstrap_servers: str
    redis_url: str
    kind: str
    """``local`` or ``containers``; only broker bounce tests care."""

    def database_url(self, database: str) -> str:
        """As the owner role: what migrates, and what tests arrange and inspect rows with."""
        return (
            f"postgresql+asyncpg://{self.pg_user}:{self.pg_password}"
            f"@{self.pg_host}:{self.pg_port}/{database}"
        )

    def app_database_url(self, database: str) -> str:
        """As the app role: what the apis under test connect as."""
        return as_app_role(self.database_url(database))

    def system_database_url(self, database: str) -> str:
        """As the system role: what the workers under test connect as."""
        return as_system_role(self.database_url(database))


def repo_root() -> Path:
    for candidate in [Path.cwd(), *Path.cwd().parents, *Path(__file__).resolve().parents]:
        if (candidate / "deploy" / "local" / "infra.sh").exists():
            return candidate
    raise RuntimeError("cannot find the repository root (deploy/local/infra.sh)")


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _docker_engine_available() -> bool:
    docker = shutil.which("docker")
    if docker is None:
        return False
    probe = subprocess.run([docker, "info"], capture_output=True, timeout=20, check=False)
    return probe.returncode == 0


def infra_script(*args: str) -> None:
    subprocess.run([str(repo_root() / "deploy" / "local" / "infra.sh"), *args], check=True)


@contextmanager
def local_infrastructure() -> Iterator[Infrastructure]:
    pg_port = int(os.environ.get("CRM_PG_PORT", "5432"))
    redis_port = int(os.environ.get("CRM_REDIS_PORT", "6379"))
    kafka_port = int(os.environ.get("CRM_KAFKA_PORT", "9092"))
    if not all(_listening(p) for p in (pg_port, redis_port, kafka_port)):
        infra_script("up")
    yield Infrastructure(
        pg_host="127.0.0.1",
        pg_port=pg_port,
        pg_user=os.environ.get("CRM_PG_USER", "crm"),
        pg_password=os.environ.get("CRM_PG_PASSWORD", "crm"),
        kafka_bootstrap_servers=f"127.0.0.1:{kafka_port}",
        redis_url=f"redis://127.0.0.1:{redis_port}/0",
        kind="local",
    )


CONTAINER_KAFKA_PORT = 39092


@contextmanager
def container_infrastructure() -> Iterator[Infrastructure]:
    """The official apache/kafka image in KRaft mode, as in docker-compose.yml."""
    from testcontainers.community.postgres import PostgresContainer
    from testcontainers.community.redis import RedisContainer
    from testcontainers.core.container import DockerContainer
    from testcontainers.core.waiting_utils import wait_for_logs

    kafka = (
        DockerContainer("apache/kafka:4.1.1")
        .with_bind_ports(CONTAINER_KAFKA_PORT, CONTAINER_KAFKA_PORT)
        .with_envs(
            KAFKA_NODE_ID="1",
            KAFKA_PROCESS_ROLES="broker,controller",
            KAFKA_LISTENERS=f"PLAINTEXT://:{CONTAINER_KAFKA_PORT},CONTROLLER://:9093",
            KAFKA_ADVERTISED_LISTENERS=f"PLAINTEXT://127.0.0.1:{CONTAINER_KAFKA_PORT}",
            KAFKA_CONTROLLER_LISTENER_NAMES="CONTROLLER",
            KAFKA_CONTROLLER_QUORUM_VOTERS="1@localhost:9093",
            KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR="1",
            KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR="1",
            KAFKA_TRANSACTION_STATE_LOG_MIN_ISR="1",
            KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS="0",
            KAFKA_AUTO_CREATE_TOPICS_ENABLE="false",
        )
    )
    with ExitStack() as stack:
        pg = stack.enter_context(
            PostgresContainer("postgres:16", username="crm", password="crm", dbname="postgres")
        )
        stack.enter_context(kafka)
        wait_for_logs(kafka, "Kafka Server started", timeout=120)
        redis = stack.enter_context(RedisContainer("redis:7"))
        # The container's user is a superuser: it creates the services' app and system roles,
        # as deploy/postgres/initdb does for docker compose.
        for role, password in ((APP_ROLE, APP_ROLE_PASSWORD), (SYSTEM_ROLE, SYSTEM_ROLE_PASSWORD)):
            created = pg.exec(
                [
                    "psql",
                    "-U",
                    "crm",
                    "-d",
                    "postgres",
                    "-c",
                    f"CREATE ROLE {role} LOGIN PASSWORD '{password}'",
                ]
            )
            if created.exit_code != 0:
                raise RuntimeError(f"creating the role {role} failed: {created.output!r}")
        yield Infrastructure(
            pg_host=pg.get_container_host_ip(),
            pg_port=int(pg.get_exposed_port(5432)),
            pg_user="crm",
            pg_password="crm",
            kafka_bootstrap_servers=f"127.0.0.1:{CONTAINER_KAFKA_PORT}",
            redis_url=f"redis://{redis.get_container_host_ip()}:{redis.get_exposed_port(6379)}/0",
            kind="containers",
        )


@contextmanager
def test_infrastructure() -> Iterator[Infrastructure]:
    choice = os.environ.get("CRM_TEST_INFRA", "auto")
    use_containers = choice == "containers" or (choice == "auto" and _docker_engine_available())
    factory = container_infrastructure if use_containers else local_infrastructure
    with factory() as infrastructure:
        yield infrastructure
