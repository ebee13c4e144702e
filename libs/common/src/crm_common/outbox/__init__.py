"""Transactional outbox: events are rows of the business transaction; a relay publishes them."""
