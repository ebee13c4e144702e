"""Trace and correlation ids of the work in progress, carried by HTTP headers and event headers."""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from opentelemetry import trace as otel

TRACEPARENT_HEADER = "traceparent"
CORRELATION_HEADER = "x-correlation-id"


@dataclass(frozen=True, slots=True)
class Trace:
    trace_id: str
    correlation_id: str


_current: ContextVar[Trace | None] = ContextVar("crm_trace", default=None)


def new_trace(correlation_id: str | None = None) -> Trace:
    trace_id = secrets.token_hex(16)
    return Trace(trace_id=trace_id, correlation_id=correlation_id or trace_id)


def current_trace() -> Trace:
    trace = _current.get()
    return trace if trace is not None else new_trace()


def trace_from_headers(headers: Mapping[str, str]) -> Trace:
    """Continue the trace a caller or an upstream event started (W3C traceparent): the current
    OpenTelemetry span's when one continues it (tracing on), else the header's."""
    lowered = {k.lower(): v for k, v in headers.items()}
    correlation_id = lowered.get(CORRELATION_HEADER)
    span = otel.get_current_span().get_span_context()
    if span.is_valid:
        trace_id = format(span.trace_id, "032x")
        return Trace(trace_id=trace_id, correlation_id=correlation_id or trace_id)
    parts = lowered.get(TRACEPARENT_HEADER, "").split("-")
    if len(parts) == 4 and len(parts[1]) == 32:
        trace_id = parts[1]
        return Trace(trace_id=trace_id, correlation_id=correlation_id or trace_id)
    return new_trace(correlation_id)


@contextmanager
def bound_trace(trace: Trace) -> Iterator[Trace]:
    token = _current.set(trace)
    try:
        yield trace
    finally:
        _current.reset(token)
