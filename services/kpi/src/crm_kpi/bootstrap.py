"""The one place that wires the kpi service."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from crm_common.runtime.http import create_http_app
from crm_common.runtime.service import ServiceDefinition
from crm_common.settings import Settings
from crm_kpi.entrypoints.consumers import subscriptions
from crm_kpi.entrypoints.http.routes import router

DESCRIPTION = "KPI, targets, commission and daily sales figures, projected from every event."


def create_api(settings: Settings) -> FastAPI:
    return create_http_app(settings, title="crm-kpi", description=DESCRIPTION, routers=[router])


DEFINITION = ServiceDefinition(
    name="kpi",
    description=DESCRIPTION,
    http_port=8006,
    worker_metrics_port=9106,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    create_api=create_api,
    subscriptions=subscriptions,
)
