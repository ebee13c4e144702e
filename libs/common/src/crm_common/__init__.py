"""Shared infrastructure of the CRM services. No business rules live here."""
