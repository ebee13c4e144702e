from __future__ import annotations

from typing import Any

from crm_common.contracts.envelope import Envelope
from crm_common.observability.context import CORRELATION_HEADER, TRACEPARENT_HEADER
from crm_common.observability.tracing import current_traceparent

EVENT_ID_HEADER = "ce-id"
EVENT_TYPE_HEADER = "ce-type"
TENANT_HEADER = "ce-tenant"
FROM_DEALER_HEADER = "crm-from-dealer"
"""Set by HQ's intake on the events a dealer's own deployment sent up: they never go back down
to it, and HQ's services do no work for them that the dealer's deployment did already."""
DOWNLINKED_HEADER = "crm-downlinked"
"""Set by a dealer's intake on records that came down from HQ: they are HQ's, and never go back
up."""


def event_headers(event: Envelope[Any]) -> dict[str, str]:
    """Kafka headers of an event: routing and tracing without parsing the body. Written with
    the event, inside the span that caused it: its traceparent names that span as the parent of
    the relay's and the consumers' spans (without tracing, a parent id made from the event's)."""
    traceparent = current_traceparent().get(TRACEPARENT_HEADER, "")
    if event.trace.trace_id not in traceparent:
        traceparent = f"00-{event.trace.trace_id}-{event.id.hex[:16]}-01"
    return {
        EVENT_ID_HEADER: str(event.id),
        EVENT_TYPE_HEADER: event.type,
        TENANT_HEADER: event.tenant,
        TRACEPARENT_HEADER: traceparent,
        CORRELATION_HEADER: event.trace.correlation_id,
    }


def encode_headers(headers: dict[str, str]) -> list[tuple[str, bytes]]:
    return [(k, v.encode()) for k, v in headers.items()]


def decode_headers(raw: Any) -> dict[str, str]:
    if raw is None:
        return {}
    items = raw.items() if isinstance(raw, dict) else raw
    return {k: (v.decode(errors="replace") if isinstance(v, bytes) else str(v)) for k, v in items}
