"""The one place that wires the service-desk service."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.clock import utc_now
from crm_common.contracts.events.service_desk import v1 as service_desk_v1
from crm_common.contracts.events.service_desk import v2 as service_desk_v2
from crm_common.runtime.http import create_http_app
from crm_common.runtime.service import ScheduledJob, ServiceDefinition
from crm_common.settings import Settings
from crm_common.storage import open_file_store
from crm_service_desk.adapters.customer_directory import GrpcCustomerDirectory
from crm_service_desk.adapters.notifier import ProviderNotifier
from crm_service_desk.application import care, notifications
from crm_service_desk.application.attachments import AttachmentNotFound
from crm_service_desk.application.care import CareRuleNotFound
from crm_service_desk.application.configuration import CategoryExists
from crm_service_desk.application.customers import NotInThisBook
from crm_service_desk.application.escalations import sweep_escalations
from crm_service_desk.application.knowledge import ArticleNotFound
from crm_service_desk.application.parts_claims import ClaimNotFound
from crm_service_desk.application.ports import CustomerDirectoryUnavailable
from crm_service_desk.application.surveys import SurveyNotFound
from crm_service_desk.application.tickets import TicketNotFound
from crm_service_desk.domain.surveys import SurveyClosed
from crm_service_desk.domain.tickets import TicketConflict
from crm_service_desk.entrypoints.consumers import subscriptions
from crm_service_desk.entrypoints.http import (
    agreements,
    attachments,
    configuration,
    customers,
    knowledge,
    partners,
    parts_claims,
    surveys,
    tickets,
)
from crm_service_desk.entrypoints.http import care as care_routes

DESCRIPTION = (
    "Service desk: tickets (service requests, complaints, feedback, inquiries) with SLAs in "
    "business hours and an escalation ladder; surveys (NPS, CSI) with a public answer form."
)

NOTIFIER_SECONDS = 2.0

ERROR_STATUSES: dict[type[Exception], int] = {
    TicketNotFound: 404,
    TicketConflict: 409,
    CategoryExists: 409,
    CustomerDirectoryUnavailable: 503,
    SurveyNotFound: 404,
    SurveyClosed: 409,
    NotInThisBook: 404,
    AttachmentNotFound: 404,
    ArticleNotFound: 404,
    ClaimNotFound: 404,
    CareRuleNotFound: 404,
}


def create_api(settings: Settings) -> FastAPI:
    async def wire_ports(app: FastAPI) -> None:
        app.state.file_store = open_file_store(settings)

    @asynccontextmanager
    async def customer_directory(app: FastAPI) -> AsyncIterator[GrpcCustomerDirectory]:
        directory = GrpcCustomerDirectory(settings.leads_grpc_target)
        app.state.customer_directory = directory
        try:
            yield directory
        finally:
            await directory.close()

    return create_http_app(
        settings,
        title="crm-service-desk",
        description=DESCRIPTION,
        routers=[
            tickets.router,
            attachments.router,
            configuration.router,
            surveys.router,
            surveys.public,
            customers.router,
            care_routes.router,
            knowledge.router,
            agreements.router,
            partners.router,
            parts_claims.router,
        ],
        error_statuses=ERROR_STATUSES,
        on_startup=[wire_ports],
        servers=[customer_directory],
        streamed_paths=[attachments.UPLOADS],
    )


async def run_escalation_sweep(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> int:
    return await sweep_escalations(sessions, now=utc_now(), timezone=settings.business_timezone)


async def run_care_scan(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> int:
    return await care.scan(sessions, now=utc_now(), timezone=settings.business_timezone)


async def run_notifier(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> int:
    return await notifications.send_due(sessions, ProviderNotifier(settings), now=utc_now())


DEFINITION = ServiceDefinition(
    name="service-desk",
    description=DESCRIPTION,
    http_port=8004,
    worker_metrics_port=9104,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    create_api=create_api,
    publishes=(*service_desk_v1.ALL, *service_desk_v2.ALL),
    subscriptions=subscriptions,
    scheduled=[
        ScheduledJob(
            "escalation-sweep", lambda s: s.escalation_sweep_seconds, run_escalation_sweep
        ),
        ScheduledJob("care-scan", lambda s: s.care_scan_seconds, run_care_scan),
        ScheduledJob("notifier", NOTIFIER_SECONDS, run_notifier),
    ],
)
