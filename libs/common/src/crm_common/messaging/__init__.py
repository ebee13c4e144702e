"""Kafka plumbing: broker factory, envelope headers, retries and dead letters."""
