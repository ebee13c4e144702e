"""Prometheus metrics shared by every service; each process serves them on /metrics."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

OUTBOX_BACKLOG = Gauge(
    "crm_outbox_backlog", "Outbox rows waiting to be published to Kafka (parked ones apart)"
)
OUTBOX_PUBLISHED = Counter("crm_outbox_published_total", "Outbox rows published", ["topic"])
OUTBOX_PUBLISH_FAILURES = Counter(
    "crm_outbox_publish_failures_total", "Outbox publish attempts that failed"
)
OUTBOX_PARKED = Gauge(
    "crm_outbox_parked", "Outbox rows parked after failing on their own, waiting for a replay"
)
OUTBOX_ROWS_PARKED = Counter("crm_outbox_rows_parked_total", "Outbox rows the relay parked")
OUTBOX_PRODUCER_RESETS = Counter(
    "crm_outbox_producer_resets_total", "Kafka producers recreated after a stuck or failed send"
)
EVENTS_CONSUMED = Counter(
    "crm_events_consumed_total", "Events handled by a consumer", ["consumer", "type", "outcome"]
)
EVENTS_DEAD_LETTERED = Counter(
    "crm_events_dead_lettered_total", "Events sent to a dead-letter topic", ["consumer", "topic"]
)
KAFKA_OUTAGE_SECONDS = Gauge(
    "crm_kafka_outage_seconds", "How long Kafka has been unreachable (0 while it is reachable)"
)
KAFKA_OUTAGES = Counter("crm_kafka_outages_total", "Times Kafka became unreachable")
WORKER_RESTARTS = Counter(
    "crm_worker_restarts_total",
    "Worker parts (subscribers) restarted after dying or wedging",
    ["part"],
)
HTTP_REQUEST_SECONDS = Histogram(
    "crm_http_request_seconds", "HTTP request latency", ["method", "route", "status"]
)


def render_latest() -> tuple[bytes, str]:
    return generate_latest(), CONTENT_TYPE_LATEST
