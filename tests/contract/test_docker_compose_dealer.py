"""docker-compose.dealer.yml runs one dealer's deployment as `./platform up --profile dealer`
does (no Docker engine runs it here, so this checks its structure against the script): the
same services on the same ports, an uplink per service that publishes events with its metrics
port, the dealer intake and MirrorMaker 2, each with settings the services know."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from crm_common.contracts.events.registry import all_topics
from crm_common.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
PLATFORM = (ROOT / "platform").read_text()


def platform_array(name: str) -> list[str]:
    found = re.search(rf"^{name}=\(([^)]*)\)", PLATFORM, re.MULTILINE)
    assert found, f"{name} not found in ./platform"
    return found.group(1).split()


def dealer_ports() -> dict[str, int]:
    """./platform's ports, moved by 100 for the dealer profile (`PORT[$name] + 100`)."""
    found = re.search(r"^declare -A PORT=\(([^)]*)\)", PLATFORM, re.MULTILINE)
    assert found
    assert "PORT[$name]=$((PORT[$name] + 100))" in PLATFORM
    return {k: int(v) + 100 for k, v in re.findall(r"\[([\w-]+)\]=(\d+)", found.group(1))}


def compose() -> dict[str, Any]:
    services: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.dealer.yml").read_text())[
        "services"
    ]
    return services


def test_the_dealer_deployment_runs_the_services_of_the_dealer_profile_on_its_ports() -> None:
    services, ports = compose(), dealer_ports()
    hq = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    settings_vars = {f"CRM_{name.upper()}" for name in Settings.model_fields}
    for name in platform_array("SERVICES"):
        offset = ports[name] - 8100  # as service_env's: worker metrics 92xx, uplink 93xx
        for role in ("migrate", "api", "worker"):
            env = services[f"{name}-{role}"]["environment"]
            assert env["CRM_SERVICE_NAME"] == name
            assert set(env) <= settings_vars, (
                f"{name}-{role} sets unknown {set(env) - settings_vars}"
            )
            assert env["CRM_DEALER_ID"].startswith("${CRM_DEALER_ID")
            assert env["CRM_KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092", "its own Kafka"
            assert int(env["CRM_HTTP_PORT"]) == ports[name], f"{name}-{role}"
            assert int(env["CRM_WORKER_METRICS_PORT"]) == 9200 + offset, f"{name}-{role}"
        assert services[f"{name}-api"]["ports"] == [f"{ports[name]}:{ports[name]}"]
        # Beside HQ's on one host: none of HQ's published ports.
        assert not set(services[f"{name}-api"]["ports"]) & set(hq[f"{name}-api"]["ports"])
    uplinks = sorted(n.removesuffix("-uplink") for n in services if n.endswith("-uplink"))
    assert uplinks == sorted(platform_array("PUBLISHING"))
    for name in uplinks:
        uplink = services[f"{name}-uplink"]
        assert uplink["command"] == ["uplink"], name
        assert int(uplink["environment"]["CRM_UPLINK_METRICS_PORT"]) == 9300 + ports[name] - 8100
    intake = services["dealer-intake"]
    assert intake["entrypoint"][-1] == "dealer-intake"
    assert set(intake["environment"]) <= settings_vars
    assert intake["environment"]["CRM_UPLINK_METRICS_PORT"] == 9300, "as ./platform's"
    assert services["kafka"]["image"] == hq["kafka"]["image"]
    assert services["postgres"]["volumes"][0] == "pgdata:/var/lib/postgresql/data"
    assert services["mirror-maker"]["image"].startswith("apache/kafka:4.")
    assert "connect-mirror-maker.sh" in services["mirror-maker"]["command"][0]


def test_every_service_that_publishes_events_has_an_uplink() -> None:
    """What a service publishes leaves the dealer only through its uplink: one missing keeps
    that service's events (e.g. the complaints HQ's quality team sees masked) at the dealer."""
    publishing = {topic.split(".")[1].replace("_", "-") for topic in all_topics()}
    assert publishing == set(platform_array("PUBLISHING"))
