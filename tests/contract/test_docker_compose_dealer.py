"""docker-compose.dealer.yml runs one dealer's deployment: every service, with the dealer's own
infrastructure, an uplink per publishing service, the dealer intake and MirrorMaker 2."""

from __future__ import annotations

from pathlib import Path

import yaml

from crm_common.contracts.events.registry import ALL_EVENTS
from crm_common.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ["identity", "leads", "opportunities", "service-desk", "call-center", "kpi"]


def test_the_dealer_deployment_runs_every_service_and_its_link() -> None:
    services = yaml.safe_load((ROOT / "docker-compose.dealer.yml").read_text())["services"]
    hq = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    settings_vars = {f"CRM_{name.upper()}" for name in Settings.model_fields}
    publishing = {event.event_type.split(".")[0] for event in ALL_EVENTS}
    for name in SERVICES:
        for role in ("migrate", "api", "worker"):
            env = services[f"{name}-{role}"]["environment"]
            assert env["CRM_SERVICE_NAME"] == name
            assert set(env) <= settings_vars, (
                f"{name}-{role} sets unknown {set(env) - settings_vars}"
            )
            assert env["CRM_DEALER_ID"].startswith("${CRM_DEALER_ID")
            assert env["CRM_KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092", "its own Kafka"
        # Beside HQ's on one host: none of HQ's published ports.
        assert not set(services[f"{name}-api"]["ports"]) & set(hq[f"{name}-api"]["ports"])
        if name.replace("-", "_") in publishing:
            assert services[f"{name}-uplink"]["command"] == ["uplink"], name
    assert services["kafka"]["image"] == hq["kafka"]["image"]
    assert services["postgres"]["volumes"][0] == "pgdata:/var/lib/postgresql/data"
    assert services["mirror-maker"]["image"].startswith("apache/kafka:4.")
    assert "connect-mirror-maker.sh" in services["mirror-maker"]["command"][0]
    intake = services["dealer-intake"]
    assert intake["entrypoint"][-1] == "dealer-intake"
    assert set(intake["environment"]) <= settings_vars
