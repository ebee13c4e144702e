"""The one place that wires the leads service."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.clock import utc_now
from crm_common.contracts.events.leads import v1 as leads_v1
from crm_common.contracts.events.leads import v2 as leads_v2
from crm_common.db.engine import create_engine, create_session_factory
from crm_common.db.tenancy import acting_for
from crm_common.policy.sharing import DataType
from crm_common.runtime.http import create_http_app
from crm_common.runtime.service import ScheduledJob, ServiceDefinition
from crm_common.settings import Environment, Settings
from crm_leads.adapters import lead_store
from crm_leads.adapters.lead_store import LeadBusy
from crm_leads.application.customers import CustomerNotFound, MergeRefused
from crm_leads.application.distribution import (
    DealerNotFound,
)
from crm_leads.application.grade_schemes import GradeSchemeChanged
from crm_leads.application.hand_over import LeaverNotFound
from crm_leads.application.handlers import (
    AssigneeNotFound,
    LeadNotFound,
    NoMoreSeniorConsultant,
    PoolIsAssignOnly,
)
from crm_leads.application.imports import work_imports
from crm_leads.application.lead_scoring import (
    demonstrate_scoring,
    score_open_leads,
    train_lead_scoring,
)
from crm_leads.application.nurture import NoNurtureOwner
from crm_leads.application.pools import PoolNotFound
from crm_leads.application.routing import RoutingConsultantNotFound, RoutingRulesChanged
from crm_leads.application.sweeps import sweep_pools
from crm_leads.domain.customer_identifiers import id_number_key
from crm_leads.domain.hand_over import NobodyToHandOverTo
from crm_leads.domain.lead import LeadConflict, NotTheOwner
from crm_leads.entrypoints.consumers import subscriptions
from crm_leads.entrypoints.grpc_server import grpc_server
from crm_leads.entrypoints.http import (
    campaigns,
    customer_segments,
    customers,
    dedup_keys,
    grade_schemes,
    hand_overs,
    imports,
    lead_scoring,
    nurture,
    pools,
    receptions,
    routes,
    routing_rules,
)

DESCRIPTION = "Leads and lead pools: intake, ownership, pools, claims, recycle rules."
POOL_SWEEP_INTERVAL_SECONDS = 60.0
IMPORT_INTERVAL_SECONDS = 1.0
# Each book trains again once a day (crm_leads.domain.lead_scoring.RETRAIN_AFTER): the hourly
# run finds the books due, and books that just got history enough soon after. Scores follow a
# lead's follow-ups within minutes.
SCORE_TRAINING_INTERVAL_SECONDS = 3600.0
SCORING_INTERVAL_SECONDS = 300.0
GRPC_PORT = 50052

ERROR_STATUSES: dict[type[Exception], int] = {
    LeadNotFound: 404,
    AssigneeNotFound: 404,
    PoolNotFound: 404,
    DealerNotFound: 404,
    CustomerNotFound: 404,
    MergeRefused: 409,
    NotTheOwner: 403,
    LeadConflict: 409,
    PoolIsAssignOnly: 409,
    LeadBusy: 409,
    RoutingConsultantNotFound: 404,
    RoutingRulesChanged: 409,
    LeaverNotFound: 404,
    NobodyToHandOverTo: 409,
    NoMoreSeniorConsultant: 409,
    GradeSchemeChanged: 409,
    NoNurtureOwner: 409,
}


def create_api(settings: Settings) -> FastAPI:
    return create_http_app(
        settings,
        title="crm-leads",
        description=DESCRIPTION,
        routers=[
            routes.router,
            pools.router,
            campaigns.router,
            receptions.router,
            imports.router,
            customers.router,
            customer_segments.router,
            dedup_keys.router,
            routing_rules.router,
            hand_overs.router,
            lead_scoring.router,
            grade_schemes.router,
            nurture.router,
        ],
        error_statuses=ERROR_STATUSES,
        servers=[grpc_server(settings, default_port=GRPC_PORT)],
        # Uploads stream to their job and stop at MAX_IMPORT_BYTES.
        streamed_paths=["/imports"],
    )


async def run_pool_sweeps(
    _settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> dict[str, int]:
    return await sweep_pools(sessions, now=utc_now())


async def run_score_training(
    _settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> dict[str, int]:
    return await train_lead_scoring(sessions, now=utc_now())


async def run_lead_scoring(
    _settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> dict[str, int]:
    return await score_open_leads(sessions, now=utc_now())


async def run_lead_imports(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> int:
    return await work_imports(
        sessions,
        clock=utc_now,
        id_number_key=id_number_key(settings.personal_data_hash_key),
        business_tz=ZoneInfo(settings.business_timezone),
    )


DEMO_TENANT, DEMO_DEALER = "oem-demo", "dealer-sh-01"


def seed_demo_history(settings: Settings) -> None:
    """The demo dealer's made-up closed history and its first model and scores (./platform up,
    after the demo data): the API cannot date leads in the past, and a model needs months."""
    if settings.env is Environment.PRODUCTION:
        sys.exit("seed-demo-history is for a development or test environment")

    async def run() -> dict[str, int]:
        engine = create_engine(settings)
        try:
            with acting_for([DEMO_TENANT]):
                return await demonstrate_scoring(
                    create_session_factory(engine),
                    tenant=DEMO_TENANT,
                    dealer=DEMO_DEALER,
                    now=utc_now(),
                )
        finally:
            await engine.dispose()

    sys.stdout.write(f"lead scoring demo at {DEMO_DEALER}: {asyncio.run(run())}\n")


DEFINITION = ServiceDefinition(
    name="leads",
    description=DESCRIPTION,
    http_port=8002,
    worker_metrics_port=9102,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    create_api=create_api,
    # Version 1 of LeadConverted too: the topics still carry the events published before
    # version 2, and the uplink passes them on.
    publishes=(*leads_v1.ALL, *leads_v2.ALL),
    subscriptions=subscriptions,
    # What a dealer does with the leads HQ distributed to it goes up (crm_common.policy.fanout).
    handed_down={DataType.LEAD.value: lead_store.handed_down},
    commands={"seed-demo-history": seed_demo_history},
    scheduled=[
        ScheduledJob("pool-sweeps", POOL_SWEEP_INTERVAL_SECONDS, run_pool_sweeps),
        # A queue: every worker imports (each slice locks its job), not one per run.
        ScheduledJob("lead-imports", IMPORT_INTERVAL_SECONDS, run_lead_imports, every_worker=True),
        ScheduledJob("lead-score-training", SCORE_TRAINING_INTERVAL_SECONDS, run_score_training),
        ScheduledJob("lead-scoring", SCORING_INTERVAL_SECONDS, run_lead_scoring),
    ],
)
