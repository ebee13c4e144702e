"""Opportunities, vehicle catalogue, quotes and orders."""
