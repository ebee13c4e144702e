"""The one place that wires the call-center service (a shell until its feature issue lands)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from crm_common.runtime.http import create_http_app
from crm_common.runtime.service import ServiceDefinition
from crm_common.settings import Settings

DESCRIPTION = "Call center: agents, queues, call tasks, calls and dispositions."


def create_api(settings: Settings) -> FastAPI:
    return create_http_app(settings, title="crm-call-center", description=DESCRIPTION)


DEFINITION = ServiceDefinition(
    name="call-center",
    description=DESCRIPTION,
    http_port=8005,
    worker_metrics_port=9105,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    create_api=create_api,
)
