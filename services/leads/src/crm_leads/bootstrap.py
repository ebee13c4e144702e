"""The one place that wires the leads service."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from crm_common.contracts.events.leads import v1 as leads_v1
from crm_common.policy.directory import policy_subscriptions
from crm_common.runtime.http import create_http_app
from crm_common.runtime.service import ServiceDefinition
from crm_common.settings import Settings
from crm_leads.entrypoints.http.routes import router

DESCRIPTION = "Leads and lead pools: intake, ownership, pools, claims, recycle rules."


def create_api(settings: Settings) -> FastAPI:
    return create_http_app(settings, title="crm-leads", description=DESCRIPTION, routers=[router])


DEFINITION = ServiceDefinition(
    name="leads",
    description=DESCRIPTION,
    http_port=8002,
    worker_metrics_port=9102,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    create_api=create_api,
    publishes=leads_v1.ALL,
    subscriptions=policy_subscriptions,
)
