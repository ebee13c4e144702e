"""The one place that wires the kpi service."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI

from crm_common.runtime.http import create_http_app
from crm_common.runtime.service import ScheduledJob, ServiceDefinition
from crm_common.settings import Settings
from crm_kpi.application.leaderboards import BoardNotFound, refresh_leaderboards
from crm_kpi.entrypoints.consumers import subscriptions
from crm_kpi.entrypoints.http import leaderboards, reports, routes

DESCRIPTION = "KPI, targets, commission and daily sales figures, projected from every event."


LEADERBOARD_REFRESH_SECONDS = 30.0

ROUTERS: list[APIRouter] = [routes.router, leaderboards.router, reports.router]

ERROR_STATUSES: dict[type[Exception], int] = {BoardNotFound: 404}


def create_api(settings: Settings) -> FastAPI:
    return create_http_app(
        settings,
        title="crm-kpi",
        description=DESCRIPTION,
        routers=ROUTERS,
        error_statuses=ERROR_STATUSES,
    )


DEFINITION = ServiceDefinition(
    name="kpi",
    description=DESCRIPTION,
    http_port=8006,
    worker_metrics_port=9106,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    create_api=create_api,
    subscriptions=subscriptions,
    scheduled=[ScheduledJob("leaderboards", LEADERBOARD_REFRESH_SECONDS, refresh_leaderboards)],
)
