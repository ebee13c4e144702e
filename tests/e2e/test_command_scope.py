"""Commands under the "may change" policy, through the real processes: every mutating operation
of every service's OpenAPI x every kind of caller → the expected status.

Sharing agreements grant reads only (DESIGN.md "Tenancy and tiered sharing"): a command finds
its target only within the caller's own write scope, so

- a caller without the operation's function gets 403;
- a caller with it, outside the write scope of the record's book (another dealer, the region
  manager whatever the dealer shares with the OEM — none, aggregate, masked or full —, HQ, a
  partner, a colleague who does not own the record) gets 404, and the record is unchanged;
- a caller inside it (the owning consultant, the dealer's manager) reaches the record (its
  rules may still refuse: 409, 422, or 403 "only the owner …");
- no answer to a caller who may not read the customer in full contains the customer's name or
  phone number.

Every mutating operation must be declared in ``OPERATIONS`` (what it changes and a valid
body): one added to a service without a declaration fails ``test_every_command_is_declared``.
One dealer created for this test holds the records; the callers' requests against it share the
spine with the other e2e tests.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from crm_common.auth.principal import DataScope
from crm_common.db import create_engine
from crm_common.policy.roles import has_function
from crm_common.settings import Settings
from crm_common.testing.kafka import eventually

from .conftest import Spine
from .test_permission_matrix import NEEDS, PUBLIC, operations

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

TENANT = "oem-demo"
NAME, PHONE = "欧阳娜娜", "13912345678"
"""The fixture customer: neither may appear in an answer to a caller whose read is masked."""
MONTH = "2026-11"
SHARED_TYPES = ("lead", "customer", "opportunity", "quote", "order", "kpi")
Fixtures = dict[str, str]
Body = Callable[[Fixtures], Any]


@dataclass(frozen=True)
class Command:
    """``target``: the kind of record of the fixture dealer the operation changes (its path
    names it, or its body does); None: it acts on the caller's own book or session only.
    ``body``: a valid body (so that validation never answers for the scope check)."""

    target: str | None
    body: Body | None = None
    outside: frozenset[int] = frozenset({404})
    """What a caller with the function but outside the write scope gets."""
    inside_roles: frozenset[str] = frozenset()
    """Roles whose write scope reaches the target by the org tree, not by the record's book
    (e.g. a region sets its dealers' targets)."""


def _json(value: Any) -> Body:
    return lambda _: value


POOL_SETTINGS = {"name": "default", "kind": "claim", "rules": {}}
LINES = {
    "lines": [
        {
            "kind": "vehicle",
            "code": "SUV-X",
            "description": "SUV X 2.0T",
            "list_price": "200000",
            "price": "200000",
            "cost": "184000",
        }
    ]
}
PLAN_RULES = {
    "default_per_unit": "500",
    "bands": [{"name": "all", "from_percent": "0", "multiplier": "1"}],
}
WON = {"field": "outcome", "operator": "eq", "value": "won"}
DEFINITION = {
    "name": "Finance penetration",
    "definition": {
        "measure": {
            "kind": "ratio",
            "numerator": {
                "module": "deals",
                "conditions": [WON, {"field": "finance_attached", "operator": "eq", "value": True}],
                "measure": {"kind": "count"},
            },
            "denominator": {"module": "deals", "conditions": [WON], "measure": {"kind": "count"}},
        },
        "period": "month",
        "group_by": "consultant",
    },
}

OPERATIONS: dict[str, Command] = {
    # identity: users and the org tree follow the tree (admins manage what lies below them),
    # never a sharing agreement.
    "identity POST /auth/logout": Command(None, _json({"refresh_token": "x" * 40})),
    "identity POST /orgs": Command(None, None),
    "identity POST /users": Command(
        "dealer",
        lambda f: {
            "username": f"mx.{uuid.uuid4().hex[:10]}",
            "display_name": "MX",
            "password": "a-long-password-3",
            "org_node": f["dealer"],
            "roles": ["sales_consultant"],
        },
        inside_roles=frozenset({"hq_admin"}),
    ),
    "identity POST /users/{user_id}/deactivate": Command(
        "user", inside_roles=frozenset({"hq_admin"})
    ),
    "identity PUT /sharing": Command(None, None),
    # leads
    "leads POST /leads": Command(
        None, _json({"customer_name": "A", "phone": "13000000000", "source": "phone"})
    ),
    # Claims find their lead through the pools open to the claimant: one who may claim from
    # the lead's pool learns it is taken (409), anyone else that it does not exist.
    "leads POST /leads/{lead_id}/claim": Command("lead", outside=frozenset({404, 409})),
    "leads POST /leads/{lead_id}/assign": Command("lead", lambda f: {"user_id": f["consultant"]}),
    "leads POST /leads/{lead_id}/release": Command("lead", _json({"reason": "matrix"})),
    "leads POST /leads/{lead_id}/follow-ups": Command(
        "lead", _json({"kind": "call", "outcome": "matrix"})
    ),
    "leads POST /leads/{lead_id}/loss": Command("lead", _json({"reason": "matrix"})),
    "leads POST /leads/{lead_id}/loss/decision": Command("lead", _json({"approved": True})),
    "leads POST /leads/{lead_id}/convert": Command("lead", _json({})),
    "leads POST /leads/{lead_id}/lock": Command("lead"),
    "leads POST /leads/{lead_id}/unlock": Command("lead"),
    "leads POST /leads/{lead_id}/move": Command("lead", lambda f: {"pool_id": f["pool"]}),
    "leads POST /leads/{lead_id}/distribute": Command("lead", _json({})),
    "leads POST /leads/{lead_id}/reject-distribution": Command("lead", _json({"reason": "x"})),
    "leads POST /pools": Command(None, _json(POOL_SETTINGS)),
    "leads PUT /pools/{pool_id}": Command("pool", _json(POOL_SETTINGS)),
    "leads PUT /pools/{pool_id}/members": Command("pool", _json({"members": []})),
    "leads POST /campaigns": Command(None, _json({"name": "matrix"})),
    "leads POST /receptions": Command(None, None),
    "leads POST /customers/{customer_id}/merge": Command(
        "customer", lambda f: {"into": f["other_customer"]}
    ),
    "leads POST /imports": Command(None, None),
    "leads PUT /dedup-keys": Command(None, None),
    "leads PUT /routing-rules": Command(None, None),
    # opportunities: an opportunity and its quotes and orders belong to its owner's book.
    "opportunities POST /opportunities": Command(None, _json({"customer_name": "A"})),
    "opportunities POST /opportunities/{opportunity_id}/activities": Command(
        "opportunity", _json({"kind": "call"})
    ),
    "opportunities POST /opportunities/{opportunity_id}/loss": Command(
        "opportunity", _json({"reason": "matrix"})
    ),
    "opportunities POST /opportunities/{opportunity_id}/quotes": Command(
        "opportunity", _json(LINES)
    ),
    "opportunities POST /opportunities/{opportunity_id}/reassignment": Command(
        "opportunity", lambda f: {"to_user": f["consultant"]}
    ),
    "opportunities POST /opportunities/{opportunity_id}/stage": Command(
        "opportunity", _json({"stage": "test_drive"})
    ),
    "opportunities POST /opportunities/{opportunity_id}/test-drives": Command(
        "opportunity",
        lambda _: {
            "model_code": "SUV-X",
            "licence_number": "310101199202021234",
            "licence_checked": True,
            "started_at": datetime.now(UTC).isoformat(),
        },
    ),
    "opportunities POST /opportunities/{opportunity_id}/evaluations": Command(
        "opportunity", lambda f: {"questionnaire_id": f["questionnaire"], "answers": {}}
    ),
    "opportunities POST /opportunities/{opportunity_id}/trade-ins": Command(
        "opportunity",
        _json(
            {
                "make": "VW",
                "model": "Lavida",
                "year": 2018,
                "mileage_km": 60000,
                "appraised_value": "50000",
            }
        ),
    ),
    "opportunities POST /quotes/{quote_id}/issue": Command("quote"),
    "opportunities POST /quotes/{quote_id}/approval": Command("quote", _json({"approve": True})),
    "opportunities POST /quotes/{quote_id}/acceptance": Command("quote"),
    "opportunities POST /orders/{order_id}/steps": Command("order", _json({"step": "ordered"})),
    "opportunities POST /orders/{order_id}/cancellation": Command(
        "order", _json({"reason": "matrix"})
    ),
    "opportunities POST /orders/{order_id}/refund": Command("order"),
    "opportunities POST /catalog/publications": Command(None, None),
    "opportunities PUT /catalog/dealer-pricing": Command(None, None),
    "opportunities POST /catalog/configurations": Command(None, None),
    "opportunities POST /quote-templates": Command(None, None),
    "opportunities PUT /sales-settings": Command(None, None),
    "opportunities POST /questionnaires": Command(None, None),
    "opportunities POST /pipelines": Command(None, None),
    # Adopting a template acts on the caller's own dealer (the template is only read).
    "opportunities POST /pipelines/{pipeline_id}/adoption": Command(None, None),
    # Partners change the applications that name them (their own write scope).
    "opportunities POST /partner/applications/{application_id}/status": Command(None, None),
    # kpi
    "kpi POST /kpi/commission/plans": Command(
        "dealer",
        lambda f: {
            "name": "matrix",
            "effective_from": "2020-01-01",
            "rules": PLAN_RULES,
            "dealer_id": f["dealer"],
        },
    ),
    "kpi POST /kpi/commission/plans/{plan_id}/versions": Command(
        "plan", _json({"effective_from": "2030-01-01", "rules": PLAN_RULES})
    ),
    "kpi POST /kpi/commission/runs": Command(
        "dealer", lambda f: {"month": MONTH, "dealer_id": f["dealer"]}
    ),
    "kpi PUT /kpi/targets/consultants/{user_id}/{month}": Command(
        "consultant", _json({"units": 3})
    ),
    "kpi PUT /kpi/targets/{month}": Command(
        "dealer",
        lambda f: {"targets": [{"node": f["dealer"], "measure": "units", "amount": "5"}]},
        outside=frozenset({404, 422}),
        inside_roles=frozenset({"region_manager"}),
    ),
    "kpi POST /kpi/commission/statements/{statement_id}/acknowledgement": Command("statement"),
    "kpi POST /kpi/commission/statements/{statement_id}/dispute": Command(
        "statement", _json({"note": "matrix"})
    ),
    "kpi POST /kpi/commission/statements/{statement_id}/approval": Command("statement"),
    "kpi POST /kpi/commission/statements/{statement_id}/issue": Command("statement"),
    "kpi POST /kpi/definitions": Command(None, _json(DEFINITION)),
    "kpi DELETE /kpi/definitions/{definition_id}": Command("definition"),
    "opportunities PUT /opportunities/{opportunity_id}/credit-split": Command(
        "opportunity",
        lambda f: {
            "shares": [
                {"user_id": f["consultant"], "share_percent": "60"},
                {"user_id": f["colleague"], "share_percent": "40"},
            ]
        },
    ),
    "opportunities POST /opportunities/{opportunity_id}/credit-split/decision": Command(
        "opportunity", _json({"approved": True})
    ),
    # call-center: no call or call task of the fixture dealer exists without the phone system
    # and a campaign (404 for everyone with the function); agents act on themselves.
    "call-center POST /calls/{call_id}/disposition": Command(
        "call", _json({"disposition": "interested", "notes": "matrix"})
    ),
    "call-center POST /calls/{call_id}/ticket-request": Command(
        "call", _json({"subject": "matrix", "notes": "matrix"})
    ),
    "call-center POST /agents": Command(None, None),
    "call-center PUT /agents/me/state": Command(None, None),
    "call-center POST /call-tasks": Command(None, None),
    "call-center POST /call-tasks/{task_id}/cancellation": Command("call", _json({})),
    "call-center POST /call-tasks/{task_id}/cancellation/decision": Command("call", _json({})),
    "call-center POST /call-tasks/{task_id}/dial": Command("call", _json({})),
    "call-center POST /queues": Command(None, None),
    "call-center PATCH /queues/{queue_id}": Command("call", _json({"name": "matrix"})),
    "call-center PUT /queues/{queue_id}/members": Command("call", _json({"user_ids": []})),
    # notifications: each user's own.
    "notifications POST /notifications/read-all": Command(None, None),
    "notifications POST /notifications/{notification_id}/read": Command(None, None),
    "notifications PUT /notification-preferences": Command(None, None),
    # service-desk: tickets and surveys of the fixture dealer are not made here (404 for every
    # caller with the function); the rest acts on the caller's own book.  NOT EXERCISED YET.
    "service-desk DELETE /tickets/{ticket_id}/watchers/{user_id}": Command("ticket"),
    "service-desk POST /care-rules": Command(None),
    "service-desk POST /survey-designs": Command(None),
    "service-desk POST /survey-designs/{design_key}/versions": Command(None),
    "service-desk POST /surveys/{survey_id}/answers": Command("ticket"),
    "service-desk POST /ticket-categories": Command(None),
    "service-desk POST /tickets": Command(None),
    "service-desk POST /tickets/quick": Command(None),
    "service-desk POST /tickets/{ticket_id}/appointment": Command("ticket"),
    "service-desk POST /tickets/{ticket_id}/closure": Command("ticket"),
    "service-desk POST /tickets/{ticket_id}/entries": Command("ticket"),
    "service-desk POST /tickets/{ticket_id}/hold": Command("ticket"),
    "service-desk POST /tickets/{ticket_id}/merge": Command("ticket"),
    "service-desk POST /tickets/{ticket_id}/reassignment": Command("ticket"),
    "service-desk POST /tickets/{ticket_id}/reopening": Command("ticket"),
    "service-desk POST /tickets/{ticket_id}/resolution": Command("ticket"),
    "service-desk POST /tickets/{ticket_id}/resume": Command("ticket"),
    "service-desk PUT /business-calendar": Command(None),
    "service-desk PUT /customer-profiles/{customer_id}": Command(None),
    "service-desk PUT /escalation-ladder": Command(None),
    "service-desk PUT /sla-policies": Command(None),
    "service-desk PUT /survey-rules/{trigger}": Command(None),
    "service-desk PUT /tickets/{ticket_id}/complaint": Command("ticket"),
    "service-desk PUT /tickets/{ticket_id}/watchers/{user_id}": Command("ticket"),
    "service-desk PUT /vehicles/{vin}": Command(None),
}
PATH_TARGETS = {
    "{lead_id}": "lead",
    "{pool_id}": "pool",
    "{customer_id}": "customer",
    "{opportunity_id}": "opportunity",
    "{quote_id}": "quote",
    "{order_id}": "order",
    "{plan_id}": "plan",
    "{statement_id}": "statement",
    "{definition_id}": "definition",
    "{call_id}": "call",
    "{task_id}": "call",
    "{queue_id}": "call",
    "{ticket_id}": "unknown",
    "{survey_id}": "unknown",
    "{design_key}": "unknown",
    "{trigger}": "unknown",
    "{vin}": "unknown",
    "{name}": "unknown",
    "{token}": "unknown",
    "{date}": "unknown",
    "{notification_id}": "unknown",
    "{pipeline_id}": "unknown",
    "{application_id}": "unknown",
}


def mutating() -> list[str]:
    return [
        f"{s} {m} {p}"
        for s, m, p, _ in operations()
        if m != "GET" and f"{m} {p}" not in PUBLIC and f"{s} {m} {p}" in NEEDS
    ]


def test_every_command_is_declared() -> None:
    undeclared = sorted(set(mutating()) - set(OPERATIONS))
    assert not undeclared, f"declare what these change and a valid body: {undeclared}"
    assert not set(OPERATIONS) - set(mutating()), "declared operations the services lack"


@dataclass(frozen=True)
class Caller:
    name: str
    org: str
    role: str
    scope: DataScope
    reads_in_full: bool = False
    """May read the fixture customer in full: answers to anyone else never show them."""
    changes: frozenset[str] = frozenset()
    """Kinds of records of the fixture dealer inside this caller's write scope."""
    user: str = field(default_factory=lambda: f"m-{uuid.uuid4().hex[:10]}")


def _expected(command: Command, caller: Caller, function: str | None) -> str:
    if function is not None and not has_function(frozenset({caller.role}), function):
        return "403"
    if command.target is None:
        return "any"  # the caller's own book: no record of the fixture dealer at stake
    inside = command.target in caller.changes or caller.role in command.inside_roles
    return "reached" if inside else "outside"


async def _sharing_applied(spine: Spine, dealer: str, level: int) -> bool:
    for service in ("leads", "opportunities", "kpi"):
        engine = create_engine(Settings(env="test", database_url=spine.database_urls[service]))
        try:
            async with engine.connect() as conn:
                levels = (
                    await conn.execute(
                        text(
                            "SELECT data_type, level FROM sharing_levels"
                            " WHERE dealer_id = :d AND direction = 'dealer_to_oem'"
                        ),
                        {"d": dealer},
                    )
                ).all()
        finally:
            await engine.dispose()
        if {t for t, v in levels if v == level} != set(SHARED_TYPES):
            return False
    return True


LEVELS = {"none": 0, "aggregate": 1, "masked": 2, "full": 3}


class World:
    """The fixture dealer, its people and records, and the requests of the test."""

    def __init__(self, spine: Spine) -> None:
        self.spine = spine
        self.dealer = f"dealer-mx-{uuid.uuid4().hex[:8]}"
        self.hq = spine.token(TENANT, "demo-hq", DataScope.TENANT, {"hq_admin"}, "mx-hq")

    def token(self, caller: Caller) -> str:
        return self.spine.token(TENANT, caller.org, caller.scope, {caller.role}, caller.user)

    async def call(
        self, service: str, token: str, method: str, path: str, body: Any = None
    ) -> httpx.Response:
        async with self.spine.client(service, token) as client:
            return await client.request(method, path, json=body)

    async def ok(self, service: str, token: str, method: str, path: str, body: Any = None) -> Any:
        response = await self.call(service, token, method, path, body)
        assert response.status_code < 300, f"{method} {path}: {response.text}"
        return response.json() if response.content else None

    async def open_dealer(self) -> None:
        await self.ok(
            "identity",
            self.hq,
            "POST",
            "/orgs",
            {"id": self.dealer, "parent_id": "region-east", "kind": "dealer", "name": "MX 4S"},
        )

    async def user(self, role: str) -> str:
        created = await self.ok(
            "identity",
            self.hq,
            "POST",
            "/users",
            {
                "username": f"mx.{uuid.uuid4().hex[:10]}",
                "display_name": "MX",
                "password": "a-long-password-3",
                "org_node": self.dealer,
                "roles": [role],
            },
        )
        return str(created["id"])

    async def share(self, level: str) -> None:
        admin = self.spine.token(TENANT, self.dealer, DataScope.DEALER, {"dealer_admin"}, "mx-a")
        for data_type in SHARED_TYPES:
            await self.ok(
                "identity",
                admin,
                "PUT",
                "/sharing",
                {
                    "data_type": data_type,
                    "direction": "dealer_to_oem",
                    "dealer_id": self.dealer,
                    "level": level,
                },
            )
        applied = await eventually(
            lambda: _sharing_applied(self.spine, self.dealer, LEVELS[level]), timeout=60
        )
        assert applied, f"sharing at {level} reached every service"

    async def base(self, manager: Caller, consultant: str, colleague: str) -> Fixtures:
        """What every caller's commands share: the dealer, its consultants, pool, plan."""
        managing = self.token(manager)
        # The dealer's pool opens with its first lead (one the manager leaves in the pool).
        await self.ok(
            "leads",
            managing,
            "POST",
            "/leads",
            {"customer_name": "池", "phone": "13600000009", "source": "phone"},
        )
        pools = await self.ok("leads", managing, "GET", "/pools")
        questionnaire = await self.ok(
            "opportunities",
            managing,
            "POST",
            "/questionnaires",
            {
                "name": "matrix",
                "questions": [
                    {
                        "code": "q",
                        "text": "?",
                        "options": [
                            {"code": "a", "label": "a", "points": 1},
                            {"code": "b", "label": "b", "points": 0},
                        ],
                    }
                ],
            },
        )
        plan = await self.ok(
            "kpi",
            managing,
            "POST",
            "/kpi/commission/plans",
            {"name": "matrix", "effective_from": "2020-01-01", "rules": PLAN_RULES},
        )
        return {
            "dealer": self.dealer,
            "consultant": consultant,
            "colleague": colleague,
            "user": consultant,
            "pool": next(p["id"] for p in pools if p["owner_org"] == self.dealer),
            "questionnaire": questionnaire["id"],
            "plan": plan["id"],
            "statement": str(uuid.uuid4()),  # no statement without sales: 404 for everyone
            "call": str(uuid.uuid4()),
            "unknown": str(uuid.uuid4()),
        }

    async def records(
        self, owner: Caller, manager: Caller, base: Fixtures, kinds: set[str], *, lock: bool = False
    ) -> Fixtures:
        """Fresh records of the fixture dealer, owned by ``owner``: those of ``kinds`` (the
        lead's customer locked with ``lock``: locks are capped per consultant)."""
        mine, managing = self.token(owner), self.token(manager)
        made = dict(base)
        if kinds & {"lead", "customer"}:
            lead = await self.ok(
                "leads",
                mine,
                "POST",
                "/leads",
                {"customer_name": NAME, "phone": PHONE, "source": "phone"},
            )
            if lock:
                await self.ok("leads", mine, "POST", f"/leads/{lead['id']}/lock")
            other = await self.ok(
                "leads",
                mine,
                "POST",
                "/leads",
                {
                    "customer_name": "钱七",
                    "phone": f"137{uuid.uuid4().int % 10**8:08d}",
                    "source": "phone",
                },
            )
            made |= {
                "lead": lead["id"],
                "customer": lead["customer_id"],
                "other_customer": other["customer_id"],
            }
        if kinds & {"opportunity", "quote"}:
            made["opportunity"] = (
                await self.ok(
                    "opportunities",
                    mine,
                    "POST",
                    "/opportunities",
                    {"customer_name": NAME, "phone": PHONE},
                )
            )["id"]
            quote = await self.ok(
                "opportunities", mine, "POST", f"/opportunities/{made['opportunity']}/quotes", LINES
            )
            await self.ok("opportunities", mine, "POST", f"/quotes/{quote['id']}/issue")
            made["quote"] = quote["id"]
        if "order" in kinds:
            sold = await self.ok(
                "opportunities",
                mine,
                "POST",
                "/opportunities",
                {"customer_name": NAME, "phone": PHONE},
            )
            quote = await self.ok(
                "opportunities", mine, "POST", f"/opportunities/{sold['id']}/quotes", LINES
            )
            await self.ok("opportunities", mine, "POST", f"/quotes/{quote['id']}/issue")
            made["order"] = (
                await self.ok("opportunities", mine, "POST", f"/quotes/{quote['id']}/acceptance")
            )["id"]
        if "definition" in kinds:
            made["definition"] = (
                await self.ok("kpi", managing, "POST", "/kpi/definitions", DEFINITION)
            )["id"]
        return made

    async def snapshot(self, manager: Caller, fixtures: Fixtures) -> list[Any]:
        token = self.token(manager)
        return [
            (await self.call("leads", token, "GET", f"/leads/{fixtures['lead']}")).json(),
            (await self.call("leads", token, "GET", f"/leads/{fixtures['lead']}/history")).json(),
            (
                await self.call(
                    "opportunities", token, "GET", f"/opportunities/{fixtures['opportunity']}"
                )
            ).json(),
            (await self.call("opportunities", token, "GET", f"/quotes/{fixtures['quote']}")).json(),
            (await self.call("opportunities", token, "GET", f"/orders/{fixtures['order']}")).json(),
        ]


def concrete(path: str, fixtures: Fixtures) -> str:
    for parameter, target in PATH_TARGETS.items():
        path = path.replace(parameter, fixtures[target])
    for parameter, target in (("{user_id}", "user"), ("{month}", MONTH)):
        path = path.replace(parameter, fixtures.get(target, target))
    return path


async def run_as(
    world: World, caller: Caller, fixtures: Fixtures, keys: list[str] | None = None
) -> list[str]:
    """The commands (every one by default) as ``caller``: the statuses that broke the rules,
    and any leak of the customer's data."""
    wrong = []
    token = world.token(caller)
    for key in keys or list(OPERATIONS):
        command = OPERATIONS[key]
        expected = _expected(command, caller, NEEDS[key])
        service, method, path = key.split(" ", 2)
        if service not in world.spine.urls:
            continue  # not part of the spine: the permission matrix covers its functions
        if key == "identity POST /users/{user_id}/deactivate" and expected == "reached":
            continue  # would lock the fixture's consultant out: the matrix test covers it
        body = command.body(fixtures) if command.body is not None else {}
        response = await world.call(service, token, method, concrete(path, fixtures), body)
        status = response.status_code
        fine = {
            "403": status == 403,
            "outside": status in command.outside,
            # A rule of the record may still refuse (409, or 403 "only the owner …").
            "reached": status < 500 and status != 404,
            "any": status < 500,
        }[expected]
        if not fine:
            wrong.append(f"{caller.name} {key}: {status} (expected {expected}) {response.text}")
        if not caller.reads_in_full and (NAME in response.text or PHONE in response.text):
            wrong.append(f"{caller.name} {key}: unmasked customer in {response.text}")
    return wrong


async def _known(spine: Spine, service: str, query: str, **values: str) -> bool:
    engine = create_engine(Settings(env="test", database_url=spine.database_urls[service]))
    try:
        async with engine.connect() as conn:
            return (await conn.execute(text(query), values)).first() is not None
    finally:
        await engine.dispose()


async def _dealer_known_everywhere(spine: Spine, dealer: str, consultant: str) -> bool:
    org = "SELECT 1 FROM org_directory WHERE id = :dealer"
    staff = "SELECT 1 FROM staff WHERE user_id = :user"
    return (
        all([await _known(spine, s, org, dealer=dealer) for s in ("leads", "opportunities", "kpi")])
        and await _known(spine, "leads", staff, user=consultant)
        and await _known(spine, "opportunities", staff, user=consultant)
        and await _known(spine, "kpi", staff, user=consultant)
    )


@pytest.mark.skip(
    reason="NOT FINISHED: the fixture chain stops at issuing a quote (the stage gate wants a "
    "recorded test drive first); the spine run got that far, the matrix itself has not run yet"
)
async def test_commands_reach_only_the_caller_s_own_write_scope(spine: Spine) -> None:
    world = World(spine)
    await world.open_dealer()
    consultant = await world.user("sales_consultant")
    everything = frozenset(
        {"lead", "pool", "customer", "opportunity", "quote", "order", "plan", "definition"}
        | {"dealer", "consultant", "statement"}
    )
    owner = Caller(
        "owner",
        world.dealer,
        "sales_consultant",
        DataScope.OWN,
        reads_in_full=True,
        changes=frozenset({"lead", "opportunity", "quote", "order"}),
        user=consultant,
    )
    manager = Caller(
        "manager",
        world.dealer,
        "sales_manager",
        DataScope.DEALER,
        reads_in_full=True,
        changes=everything,
    )
    outsiders = [
        Caller("colleague", world.dealer, "sales_consultant", DataScope.OWN),
        Caller("other dealer's manager", "dealer-hz-01", "sales_manager", DataScope.DEALER),
        Caller("other dealer's admin", "dealer-hz-01", "dealer_admin", DataScope.DEALER),
        Caller("HQ admin", "demo-hq", "hq_admin", DataScope.TENANT),
        Caller("partner", "partner-finance", "partner_user", DataScope.OWN),
    ]
    region = Caller("region manager", "region-east", "region_manager", DataScope.SUBTREE)
    known = await eventually(lambda: _dealer_known_everywhere(spine, world.dealer, consultant))
    assert known, "the new dealer and its consultant reached leads, opportunities and kpi"
    base = await world.base(manager, consultant, await world.user("sales_consultant"))
    every_kind = {"lead", "customer", "opportunity", "quote", "order", "definition"}
    fixtures = await world.records(owner, manager, base, every_kind, lock=True)
    before = await world.snapshot(manager, fixtures)
    wrong: list[str] = []
    try:
        for level in LEVELS:
            await world.share(level)
            reader = Caller(
                f"{region.name} ({level})",
                region.org,
                region.role,
                region.scope,
                reads_in_full=level == "full",
                user=region.user,
            )
            wrong += await run_as(world, reader, fixtures)
    finally:
        await world.share("aggregate")
    for caller in outsiders:
        wrong += await run_as(world, caller, fixtures)
    assert await world.snapshot(manager, fixtures) == before, "an outsider changed a record"
    # Inside the write scope every command reaches its record: fresh records for each one
    # (the commands change them).
    for caller in (owner, manager):
        for key, command in OPERATIONS.items():
            if _expected(command, caller, NEEDS[key]) != "reached" or command.target is None:
                continue
            fresh = await world.records(owner, manager, base, {command.target})
            wrong += await run_as(world, caller, fresh, [key])
    assert not wrong, "\n".join(wrong)


def test_month_and_records_are_concrete() -> None:
    fixtures = {target: target for target in PATH_TARGETS.values()} | {"user": "u"}
    for key in OPERATIONS:
        assert "{" not in concrete(key, fixtures), key
