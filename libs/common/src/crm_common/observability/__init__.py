"""Structured logs, trace/correlation ids, Prometheus metrics."""
