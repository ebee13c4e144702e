"""Test support: real infrastructure (local or containers), databases, service processes."""
