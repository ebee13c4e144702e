"""Customer care (客户关怀): rules that fire by condition for a customer — maintenance due,
insurance renewal, birthday, a changed customer value, a problem customer — separately for
private (ToC) and business (ToB) customers; each fires at most once per customer, rule and
period. Pure: the scan hands each candidate's facts and the day."""

from __future__ import annotations

from enum import StrEnum


class Segment(StrEnum):
    TOC = "toc"
    """Private customers."""
    TOB = "tob"
    """Business customers (fleets, companies)."""
