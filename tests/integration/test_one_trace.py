"""One trace from `POST /leads` through leads' outbox relay and Kafka into kpi's consumer,
read from an in-memory span exporter: leads' api, relay and kpi's consumer run in this process
on real PostgreSQL and Kafka."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from crm_common.auth.principal import DataScope, Principal
from crm_common.db import create_engine, create_session_factory
from crm_common.messaging.consumer import create_broker, subscribe
from crm_common.messaging.topics import ensure_topics, platform_topics
from crm_common.observability.tracing import instrument_process
from crm_common.outbox.relay import OutboxRelay
from crm_common.settings import Settings
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.plugin import Databases
from crm_common.testing.processes import free_port
from crm_common.testing.services import api_in_process, client_as, migrated_database, reset_tenant
from crm_kpi.entrypoints.consumers import subscriptions as kpi_subscriptions
from crm_leads.bootstrap import create_api as create_leads_api

pytestmark = pytest.mark.integration

TENANT = "oem-trace"
ORG = [("hq", "/", None), ("dealer-a", "/hq/", "dealer-a")]
CONSULTANT = Principal(
    user_id="c1",
    tenant=TENANT,
    org_node="dealer-a",
    roles=frozenset({"sales_consultant"}),
    data_scope=DataScope.OWN,
)


@pytest.fixture(scope="module")
def spans() -> Iterator[InMemorySpanExporter]:
    """Tracing on for this process (the global provider can be set once: later tests of the
    session run instrumented too, which they must survive anyway)."""
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    instrument_process()
    yield exporter
    exporter.shutdown()


@pytest.fixture(scope="module")
async def settings(
    spans: InMemorySpanExporter,
    infrastructure: Infrastructure,
    databases: Databases,
    jwks_url: str,
    run_id: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Settings]:
    logs = Path(tmp_path_factory.mktemp("trace-logs"))
    common = {
        "env": "test",
        "kafka_bootstrap_servers": infrastructure.kafka_bootstrap_servers,
        "kafka_namespace": f"t{run_id}.trace.",
        "redis_url": infrastructure.redis_url,
        "jwks_url": jwks_url,
        "log_level": "WARNING",
        "personal_data_hash_key": "trace-test-hash-key",
    }
    leads = Settings(
        service_name="leads",
        database_url=await migrated_database("leads", databases, "trace_leads", logs),
        grpc_port=free_port(),
        **common,  # type: ignore[arg-type]
    )
    kpi = Settings(
        service_name="kpi",
        database_url=await migrated_database("kpi", databases, "trace_kpi", logs),
        **common,  # type: ignore[arg-type]
    )
    await ensure_topics(leads.kafka_bootstrap_servers, platform_topics(leads))
    for service, staff in ((leads, [CONSULTANT]), (kpi, [])):
        engine = create_engine(service)
        await reset_tenant(create_session_factory(engine), TENANT, ORG, (), staff=staff)
        await engine.dispose()
    return {"leads": leads, "kpi": kpi}


async def test_a_lead_create_is_one_trace_from_the_request_to_kpis_consumer(
    spans: InMemorySpanExporter, settings: dict[str, Settings], signing_key_pem: str
) -> None:
    leads, kpi = settings["leads"], settings["kpi"]
    async with (
        api_in_process(create_leads_api, leads) as app,
        client_as(app, signing_key_pem, CONSULTANT) as http,
    ):
        created = await http.post(
            "/leads", json={"customer_name": "王伟", "phone": "13800138000", "source": "walk_in"}
        )
    assert created.status_code == 201, created.text

    leads_engine = create_engine(leads)
    await OutboxRelay(leads_engine, leads).publish_round()
    await leads_engine.dispose()

    kpi_engine = create_engine(kpi)
    broker = create_broker(kpi)
    for subscription in kpi_subscriptions(kpi):
        subscribe(broker, kpi, create_session_factory(kpi_engine), subscription)
    await broker.start()
    try:
        consumed = await _until(lambda: _of_kind(spans, SpanKind.CONSUMER, "lead.v1 process"))
    finally:
        await broker.stop()
        await kpi_engine.dispose()

    server = _of_kind(spans, SpanKind.SERVER, "POST /leads")
    produced = _of_kind(spans, SpanKind.PRODUCER, "lead.v1 publish")
    assert server
    assert produced
    assert consumed
    trace_id = server[0].context.trace_id
    chain = [s for s in spans.get_finished_spans() if s.context.trace_id == trace_id]
    names = {s.name for s in chain}
    # The request's SQL, the relay's publish and kpi's consume (and its SQL) in one trace.
    assert any(s.attributes and "db.system" in str(dict(s.attributes)) for s in chain), names
    assert {s.context.span_id for s in produced if s.context.trace_id == trace_id}
    consumer = next(s for s in consumed if s.context.trace_id == trace_id)
    publisher = next(s for s in produced if s.context.trace_id == trace_id)
    assert consumer.parent is not None
    assert consumer.parent.span_id == publisher.context.span_id
    assert publisher.parent is not None
    assert publisher.parent.span_id in {s.context.span_id for s in chain}


def _of_kind(spans: InMemorySpanExporter, kind: SpanKind, suffix: str) -> list[ReadableSpan]:
    return [s for s in spans.get_finished_spans() if s.kind is kind and s.name.endswith(suffix)]


async def _until(found: object, timeout: float = 60.0) -> list[ReadableSpan]:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = found()  # type: ignore[operator]
        if result:
            return result  # type: ignore[no-any-return]
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("kpi consumed no LeadCreated within the timeout")
        await asyncio.sleep(0.2)
