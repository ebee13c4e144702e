"""HTTP API of a book's ordered routing rules (where new leads nobody took in go)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_leads.application import routing as routing_app
from crm_leads.entrypoints.http.schemas import RoutingRulePublic, RoutingRules, RoutingRulesSet

router = APIRouter(prefix="/routing-rules", tags=["pools"])
BookManager = Annotated[Principal, requires("pool.manage")]
_FORBIDDEN: dict[int | str, dict[str, Any]] = {403: {"description": "The role lacks the function"}}


def _public(routing: routing_app.BookRouting) -> RoutingRules:
    return RoutingRules(
        book=routing.book,
        version=routing.version,
        rules=[
            RoutingRulePublic(
                id=r.id,
                position=r.position,
                name=r.name,
                conditions=r.conditions,
                target=r.target,
            )
            for r in routing.rules
        ],
    )


@router.get("", response_model=RoutingRules, responses=_FORBIDDEN)
async def routing_rules(principal: BookManager, db: Database, now: Now) -> RoutingRules:
    """The caller's book's rules in the order they are evaluated, and their version."""
    return _public(await routing_app.routing_of(principal, UnitOfWork(db), now=now))


@router.put(
    "",
    response_model=RoutingRules,
    responses={
        **_FORBIDDEN,
        404: {"description": "A rule names a user who is not an active consultant of the book"},
        409: {"description": "The rules changed since the version the caller names"},
    },
)
async def set_routing_rules(
    body: RoutingRulesSet, principal: BookManager, db: Database, now: Now
) -> RoutingRules:
    """Replace the book's rules with these, in this order: a new lead nobody took in goes
    where the first rule whose conditions all hold sends it — a pool, a consultant, or a
    member of a pool chosen by a strategy — and to the book's default pool when none does.
    The lead and its history name the rule. ``version`` is the one last read (409 if the
    rules changed since)."""
    return _public(
        await routing_app.set_routing(body.rules, body.version, principal, UnitOfWork(db), now=now)
    )
