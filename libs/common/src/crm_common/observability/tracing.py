"""OpenTelemetry traces: one trace from a request through the outbox and Kafka into every
consumer it reaches.

Off by default: with no ``CRM_OTEL_EXPORTER_OTLP_ENDPOINT`` the process keeps OpenTelemetry's
no-op provider, nothing is instrumented and the hot paths pay nothing; trace ids are still
carried (``crm_common.observability.context``). With an endpoint, the SDK exports spans over
OTLP/HTTP and FastAPI, asyncpg, httpx, Redis and gRPC are instrumented; the outbox relay
and the consumers add producer and consumer spans whose parents travel in the W3C
``traceparent`` header (stored with the outbox row, then on the Kafka record).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from fastapi import FastAPI
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from opentelemetry.instrumentation.grpc import GrpcAioInstrumentorClient, GrpcAioInstrumentorServer
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.instrumentation.redis import RedisInstrumentor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased
from opentelemetry.trace import Link, Span, SpanKind
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from crm_common.settings import Settings

_TRACER = trace.get_tracer("crm")
_PROPAGATOR = TraceContextTextMapPropagator()
_NOT_TRACED = "healthz,readyz,metrics"


def tracing_enabled() -> bool:
    """True once a real (SDK) provider is installed: by ``configure_tracing`` or by a test."""
    return isinstance(trace.get_tracer_provider(), TracerProvider)


def configure_tracing(settings: Settings, role: str) -> None:
    """Install the exporting provider of this process when an OTLP endpoint is configured."""
    if not settings.otel_exporter_otlp_endpoint or tracing_enabled():
        return
    provider = TracerProvider(
        resource=Resource.create(
            {
                "service.name": f"crm-{settings.service_name}",
                "service.namespace": "crm",
                "crm.process": role,
            }
        ),
        sampler=ParentBased(TraceIdRatioBased(settings.otel_sample_ratio)),
    )
    provider.add_span_processor(
        BatchSpanProcessor(OTLPSpanExporter(endpoint=settings.otel_exporter_otlp_endpoint))
    )
    trace.set_tracer_provider(provider)


def instrument_process() -> None:
    """The clients every process uses: SQL statements (at the asyncpg driver, under
    SQLAlchemy), outgoing HTTP, Redis and gRPC calls become spans."""
    if not tracing_enabled():
        return
    for instrumentor in (
        AsyncPGInstrumentor(),  # type: ignore[no-untyped-call]
        HTTPXClientInstrumentor(),
        RedisInstrumentor(),
        GrpcAioInstrumentorClient(),  # type: ignore[no-untyped-call]
        GrpcAioInstrumentorServer(),  # type: ignore[no-untyped-call]
    ):
        if not instrumentor.is_instrumented_by_opentelemetry:
            instrumentor.instrument()


def instrument_app(app: FastAPI) -> None:
    if tracing_enabled():
        FastAPIInstrumentor.instrument_app(app, excluded_urls=_NOT_TRACED)


def current_traceparent() -> dict[str, str]:
    """The W3C headers of the current span (empty when there is none)."""
    carrier: dict[str, str] = {}
    _PROPAGATOR.inject(carrier)
    return carrier


@contextmanager
def span_continuing(name: str, headers: Mapping[str, str], kind: SpanKind) -> Iterator[Span]:
    """A span whose parent is the ``traceparent`` in ``headers`` (an event's, a caller's)."""
    with _TRACER.start_as_current_span(name, context=_extract(headers), kind=kind) as span:
        yield span


@contextmanager
def span_continuing_batch(
    name: str, headers: Sequence[Mapping[str, str]], kind: SpanKind
) -> Iterator[Span]:
    """One span for work done on several events at once: the first event's span is its parent
    and the others' are linked (OpenTelemetry's convention for batch processing)."""
    parent = _extract(headers[0]) if headers else None
    # Links are a real span's only: without tracing, parsing every event's traceparent (a
    # consumer's batch holds up to 500) bought nothing.
    links = [
        Link(context)
        for carrier in (headers[1:] if tracing_enabled() else ())
        if (context := trace.get_current_span(_extract(carrier)).get_span_context()).is_valid
    ]
    with _TRACER.start_as_current_span(
        name,
        context=parent,
        kind=kind,
        links=links,
        attributes={"messaging.batch.message_count": len(headers)},
    ) as span:
        yield span


def _extract(headers: Mapping[str, str]) -> Context:
    return _PROPAGATOR.extract({k.lower(): v for k, v in headers.items()})
