"""Prometheus metrics shared by every service; each process serves them on /metrics."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

OUTBOX_BACKLOG = Gauge("crm_outbox_backlog", "Outbox rows not yet published to Kafka")
OUTBOX_PUBLISHED = Counter("crm_outbox_published_total", "Outbox rows published", ["topic"])
OUTBOX_PUBLISH_FAILURES = Counter(
    "crm_outbox_publish_failures_total", "Outbox publish attempts that failed"
)
OUTBOX_PRODUCER_RESETS = Counter(
    "crm_outbox_producer_resets_total", "Kafka producers recreated after a stuck or failed send"
)
EVENTS_CONSUMED = Counter(
    "crm_events_consumed_total", "Events handled by a consumer", ["consumer", "type", "outcome"]
)
EVENTS_DEAD_LETTERED = Counter(
    "crm_events_dead_lettered_total", "Events sent to a dead-letter topic", ["consumer", "topic"]
)
HTTP_REQUEST_SECONDS = Histogram(
    "crm_http_request_seconds", "HTTP request latency", ["method", "route", "status"]
)


def render_latest() -> tuple[bytes, str]:
    return generate_latest(), CONTENT_TYPE_LATEST
