"""Tickets as the domain opens them, on a calendar and clock the tests choose."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from crm_service_desk.domain.sla import BusinessCalendar, SlaTargets
from crm_service_desk.domain.tickets import (
    Channel,
    Customer,
    Links,
    Priority,
    Ticket,
    TicketKind,
    Vehicle,
    open_ticket,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
CALENDAR = BusinessCalendar(SHANGHAI, dict.fromkeys(range(5), ((time(9), time(18)),)))
TARGETS = SlaTargets(first_response=timedelta(hours=1), resolution=timedelta(hours=8))


def local(day: int, hour: int, minute: int = 0) -> datetime:
    """A time of November 2026 in Shanghai (2026-11-02 is a Monday)."""
    return datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI)


def a_ticket(
    *,
    now: datetime,
    kind: TicketKind = TicketKind.SERVICE_REQUEST,
    targets: SlaTargets = TARGETS,
    owner: str | None = "advisor-1",
) -> Ticket:
    return open_ticket(
        tenant="oem",
        owner_org="dealer-a",
        number="SD-00000001",
        kind=kind,
        channel=Channel.PHONE,
        category_id=None,
        priority=Priority.NORMAL,
        subject="刹车异响 brake noise",
        description="",
        customer=Customer(None, "王伟", "+8613800138000"),
        vehicle=Vehicle("LSVAU2180N2183295", "SUV-X"),
        links=Links(),
        created_by="advisor-1",
        owner_user=owner,
        owner_team="dealer-a",
        targets=targets,
        calendar=CALENDAR,
        now=now,
    )
