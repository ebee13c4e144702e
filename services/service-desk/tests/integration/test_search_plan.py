"""The ticket search's plan: with the dealer's few tickets among many of other dealers,
PostgreSQL reads the dealer's book through a (tenant, owner_org, opened_at) index (its
complaints' and its other tickets' apart), not every ticket. Before ``visible_tickets`` gave
its books as arrays computed once, the ``OR`` of its branches turned the book test into a
subplan run for each row of a sequential scan (``bench/RESULTS.md``, "ticket search: which
index"). The knowledge base's search and suggestions read the caller's books (its own and
the nodes' above it) through their (tenant, owner_org) index the same way: under row-level
security the text's tests (``LIKE``, ``@>``, ``&&``) are not leakproof and narrow no index
scan, so no GIN index of the text or its keys would be read ("knowledge search")."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import DataScope
from crm_common.db.tenancy import acting_for
from crm_service_desk.adapters.tables import knowledge_articles, tickets
from crm_service_desk.domain.search import grams
from crm_service_desk.views.knowledge import article_list_query, suggestion_query
from crm_service_desk.views.tickets import TicketFilter, ticket_list_query

from .conftest import PEOPLE, TENANT, principal

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


async def test_a_team_lead_s_list_walks_the_team_s_tickets_through_its_index(
    sessions: Sessions,
) -> None:
    """The team scope sees the tickets the caller or their team owns (``owner_team``): each
    walked newest first through its own index, never every ticket of the tenant."""
    now = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)
    lead = principal("tl1", "team-a1", "service_advisor", DataScope.TEAM)
    rows = [
        _ticket(n, "dealer-a", now) | {"owner_team": f"team-x{n % 50}", "owner_user": f"u{n % 200}"}
        for n in range(6000)
    ]
    rows += [
        _ticket(n, "dealer-a", now)
        | {"number": f"SD-A1{n:07d}", "owner_team": "team-a1"}
        | {"owner_user": "sa2"}
        for n in range(40)
    ]
    # The lead's own tickets, worked in another team.
    rows += [
        _ticket(n, "dealer-a", now)
        | {"number": f"SD-TL{n:07d}", "owner_team": "team-b"}
        | {"owner_user": "tl1"}
        for n in range(8)
    ]
    with acting_for([TENANT]):
        async with sessions() as session, session.begin():
            await session.execute(insert(tickets), rows)
            await session.execute(text("ANALYZE tickets"))
        wanted = TicketFilter(text="刹车")
        statement = ticket_list_query(lead, wanted, limit=20, offset=0).compile(
            dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}
        )
        async with sessions() as session:
            explained = await session.execute(text(f"EXPLAIN (FORMAT JSON) {statement}"))
            plan = explained.scalar_one()[0]["Plan"]
            found = await session.execute(ticket_list_query(lead, wanted, limit=20, offset=0))
            answered = list(found.mappings())
            alone = principal("tl1", "team-a1", "service_advisor", DataScope.OWN)
            found = await session.execute(ticket_list_query(alone, wanted, limit=20, offset=0))
            own = list(found.mappings())
    on_tickets = [n for n in _nodes(plan) if n.get("Relation Name") == "tickets"]
    on_team = [n for n in _nodes(plan) if n.get("Index Name") == "ix_tickets_team"]
    assert not [n for n in on_tickets if n["Node Type"] == "Seq Scan"], json.dumps(plan)
    assert any("owner_team" in n.get("Index Cond", "") for n in on_team), json.dumps(plan)
    # 刹车 is every fourth subject: 10 of the team's 40, 2 of the lead's own 8.
    assert len(answered) == 12
    assert {(r["owner_team"], r["owner_user"]) for r in answered} == {
        ("team-a1", "sa2"),
        ("team-b", "tl1"),
    }
    # In the own scope, only their own.
    assert [(r["owner_team"], r["owner_user"]) for r in own] == [("team-b", "tl1")] * 2


def _article(n: int, book: str, at: datetime) -> dict[str, Any]:
    title = SUBJECTS[n % len(SUBJECTS)]
    problem, solution = f"客户反映: {title} ({n})", "检查线路并更换部件"
    return {
        "id": uuid.uuid4(),
        "tenant": TENANT,
        "owner_org": book,
        "title": title,
        "problem": problem,
        "solution": solution,
        "published": True,
        "uses": n % 7,
        "created_by": "filler",
        "created_at": at,
        "updated_at": at,
        "search_grams": grams(f"{title} {problem} {solution}"),
    }


async def test_the_knowledge_search_reads_the_caller_s_books_through_their_index(
    sessions: Sessions,
) -> None:
    now = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)
    rows = [_article(n, f"dealer-x{n % 50:02d}", now) for n in range(6000)]
    rows += [_article(n, "dealer-a", now) for n in range(24)]
    rows += [_article(n, "hq", now) for n in range(8)]
    with acting_for([TENANT]):
        async with sessions() as session, session.begin():
            await session.execute(insert(knowledge_articles), rows)
            await session.execute(text("ANALYZE knowledge_articles"))
        async with sessions() as session:
            searches = {
                # A word of the books, and one absent from them (every readable row is read).
                query: await article_list_query(
                    session, PEOPLE.advisor, text=query, category=None, limit=20, offset=0
                )
                for query in ("刹车", "transmission")
            }
            suggested = await suggestion_query(
                session, PEOPLE.advisor, text="客户说刹车有异响", category=None
            )
            assert suggested is not None
            plans = {}
            for name, statement in [*searches.items(), ("suggestions", suggested.limit(5))]:
                compiled = statement.compile(
                    dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}
                )
                explained = await session.execute(text(f"EXPLAIN (FORMAT JSON) {compiled}"))
                plans[name] = explained.scalar_one()[0]["Plan"]
            found = {
                name: list((await session.execute(statement)).mappings())
                for name, statement in [*searches.items(), ("suggestions", suggested.limit(5))]
            }
    for name, plan in plans.items():
        on_articles = [n for n in _nodes(plan) if n.get("Relation Name") == "knowledge_articles"]
        on_books = [n for n in _nodes(plan) if n.get("Index Name") == "ix_knowledge_articles_book"]
        assert on_articles, (name, json.dumps(plan))
        assert not [n for n in on_articles if n["Node Type"] == "Seq Scan"], json.dumps(plan)
        assert any("owner_org" in n.get("Index Cond", "") for n in on_books), json.dumps(plan)
    # 刹车 is every fourth title: 6 of the dealer's 24, 2 of HQ's 8.
    assert len(found["刹车"]) == 8
    assert {r["owner_org"] for r in found["刹车"]} == {"dealer-a", "hq"}
    assert found["transmission"] == []
    assert len(found["suggestions"]) == 5
    assert {r["title"] for r in found["suggestions"]} == {"刹车异响"}
