"""Kafka plumbing: broker factory, envelope headers, consumption with inbox, retries and dead letters."""
