"""Leads and lead pools: intake, customers and ownership, pools, claims, recycle rules."""
