"""The ticket search's plan: with the dealer's few tickets among many of other dealers,
PostgreSQL reads the dealer's book through a (tenant, owner_org, opened_at) index (its
complaints' and its other tickets' apart), not every ticket. Before ``visible_tickets`` gave
its books as arrays computed once, the ``OR`` of its branches turned the book test into a
subplan run for each row of a sequential scan (``bench/RESULTS.md``, "ticket search: which
index")."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.db.tenancy import acting_for
from crm_service_desk.adapters.tables import tickets
from crm_service_desk.domain.search import grams
from crm_service_desk.views.tickets import TicketFilter, ticket_list_query

from .conftest import PEOPLE, TENANT

Sessions = async_sessionmaker[AsyncSession]
SUBJECTS = ["刹车异响", "空调不制冷", "battery drains overnight", "雨刮器无法启动"]


def _ticket(n: int, book: str, at: datetime) -> dict[str, Any]:
    subject = SUBJECTS[n % len(SUBJECTS)]
    return {
        "id": uuid.uuid4(),
        "number": f"SD-{book[-3:]}{n:07d}",
        "tenant": TENANT,
        "owner_org": book,
        "kind": "complaint" if n % 10 == 0 else "service_request",
        "channel": "phone",
        "priority": "normal",
        "status": "open",
        "subject": subject,
        "description": "",
        "created_by": "filler",
        "opened_at": at - timedelta(minutes=n),
        "updated_at": at,
        "paused": timedelta(0),
        "escalation_steps": [],
        "search_grams": grams(subject),
    }


def _nodes(plan: Any) -> list[dict[str, Any]]:
    found = [plan]
    for child in plan.get("Plans", []):
        found += _nodes(child)
    return found


async def test_a_dealer_s_search_reads_its_book_through_the_index(sessions: Sessions) -> None:
    now = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)
    # Other dealers' books (the directory need not know them: only their number matters to
    # the planner's estimates).
    rows = [_ticket(n, f"dealer-x{n % 50:02d}", now) for n in range(6000)]
    rows += [_ticket(n, "dealer-a", now) for n in range(40)]
    with acting_for([TENANT]):
        async with sessions() as session, session.begin():
            await session.execute(insert(tickets), rows)
            await session.execute(text("ANALYZE tickets"))
        statement = ticket_list_query(
            PEOPLE.advisor, TicketFilter(text="刹车"), limit=20, offset=0
        ).compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
        async with sessions() as session:
            explained = await session.execute(text(f"EXPLAIN (FORMAT JSON) {statement}"))
            plan = explained.scalar_one()[0]["Plan"]
            found = await session.execute(
                ticket_list_query(PEOPLE.advisor, TicketFilter(text="刹车"), limit=20, offset=0)
            )
            answered = list(found.mappings())
    on_tickets = [n for n in _nodes(plan) if n.get("Relation Name") == "tickets"]
    books = {"ix_tickets_book_opened", "ix_tickets_book_complaints", "ix_tickets_book_others"}
    on_index = [n for n in _nodes(plan) if n.get("Index Name") in books]
    assert not [n for n in on_tickets if n["Node Type"] == "Seq Scan"], json.dumps(plan)
    assert any("owner_org" in n.get("Index Cond", "") for n in on_index), json.dumps(plan)
    assert len(answered) == 10
    assert {r["owner_org"] for r in answered} == {"dealer-a"}
