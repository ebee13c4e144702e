"""A dealer deployment's link to HQ on one machine, for tests and benchmarks: Kafka clusters of
their own (``deploy/local/infra.sh`` with their own run folders and ports, never the shared
broker), the dealer's credential on HQ (``deploy/kafka/dealer-access.sh``) and its MirrorMaker 2
(``deploy/kafka/mirror.sh``). Everything is stopped through the pid files of the run folders
these helpers created."""

from __future__ import annotations

import os
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from crm_common.testing.infrastructure import repo_root
from crm_common.testing.processes import free_port


def _script(path: str, env: dict[str, str], *args: str, timeout: float = 300) -> str:
    result = subprocess.run(
        [str(repo_root() / path), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{path} {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def kafka_libs() -> str:
    """The Maven-fetched jars (broker, MirrorMaker 2, tools) of this checkout."""
    out = _script("deploy/local/infra.sh", {}, "kafka-libs", timeout=600)
    return out.strip().splitlines()[-1]


@dataclass
class KafkaCluster:
    """One single-node KRaft cluster in its own run folder; with ``for_dealers`` it is HQ's,
    with a SASL_SSL listener for dealers and the StandardAuthorizer."""

    run_dir: Path
    libs: str
    for_dealers: bool = False
    port: int = field(default_factory=free_port)
    controller_port: int = field(default_factory=free_port)
    dealer_port: int = field(default_factory=free_port)

    @property
    def env(self) -> dict[str, str]:
        env = {
            "CRM_RUN_DIR": str(self.run_dir),
            "CRM_KAFKA_LIBS": self.libs,
            "CRM_KAFKA_PORT": str(self.port),
            "CRM_KAFKA_CONTROLLER_PORT": str(self.controller_port),
            "CRM_KAFKA_HEAP_OPTS": "-Xmx256m -Xms256m",
            "CRM_KAFKA_DEALER_PORT": str(self.dealer_port) if self.for_dealers else "",
        }
        return env

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def dealer_bootstrap(self) -> str:
        return f"127.0.0.1:{self.dealer_port}"

    @property
    def ca_file(self) -> Path:
        return self.run_dir / "kafka" / "pki" / "ca.pem"

    def start(self) -> None:
        _script("deploy/local/infra.sh", self.env, "kafka-start")

    def stop(self) -> None:
        _script("deploy/local/infra.sh", self.env, "kafka-stop")

    def kill(self) -> int:
        """The broker killed by its pid (SIGKILL: no clean shutdown, as a crash or a power cut);
        its pid. ``start`` brings it back on its data."""
        pid = int((self.run_dir / "kafka" / "kafka.pid").read_text().strip())
        os.kill(pid, signal.SIGKILL)
        return pid

    def grant(self, dealer: str) -> Path:
        """The dealer's SCRAM credential and ACLs on this (HQ's) cluster; its password file."""
        _script("deploy/kafka/dealer-access.sh", self.env, "grant", dealer)
        return self.run_dir / "dealers" / dealer / "hq-password"


@dataclass
class Mirror:
    """The dealer's MirrorMaker 2 between its cluster and HQ's listener for dealers."""

    dealer: str
    dealer_cluster: KafkaCluster
    hq: KafkaCluster
    password_file: Path

    @property
    def env(self) -> dict[str, str]:
        return {
            "CRM_RUN_DIR": str(self.dealer_cluster.run_dir),
            "CRM_KAFKA_LIBS": self.dealer_cluster.libs,
            "CRM_DEALER_ID": self.dealer,
            "CRM_KAFKA_PORT": str(self.dealer_cluster.port),
            "CRM_HQ_KAFKA_DEALERS": self.hq.dealer_bootstrap,
            "CRM_HQ_KAFKA_CA": str(self.hq.ca_file),
            "CRM_HQ_KAFKA_PASSWORD_FILE": str(self.password_file),
            "CRM_MIRROR_HEAP_OPTS": "-Xmx256m -Xms128m",
        }

    @property
    def pid(self) -> int | None:
        pid_file = self.dealer_cluster.run_dir / "mirror" / "mirror.pid"
        return int(pid_file.read_text()) if pid_file.exists() else None

    def start(self) -> None:
        _script("deploy/kafka/mirror.sh", self.env, "start")

    def stop(self) -> None:
        _script("deploy/kafka/mirror.sh", self.env, "stop")
