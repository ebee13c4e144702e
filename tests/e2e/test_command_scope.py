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
  phone number;
- a command on the caller's own book's settings (SLA policies, calendars, pipelines, queues,
  price list, sales settings, imports, call lists, knowledge articles, service agreements…)
  succeeds with a valid body for the fixture dealer's people and its region's manager, whose
  books are the fixture's own (the others get an empty body: changing their settings would
  disturb the other tests of the shared spine); HQ publishes the tenant's catalogue (the same
  again), anyone who reads opportunities prices a configuration, and an agent changes their
  own state (anyone else is no agent: 404).

Every mutating operation must be declared in ``OPERATIONS`` (what it changes and a valid
body): one added to a service without a declaration fails ``test_every_command_is_declared``.

One dealer made for this module holds the records (built once: leads, a customer and its
after-sales file, an opportunity with a proposed credit split, issued quotes, an order with a
partner's loan application, a consultant's commission statement, a KPI definition, a
complaint, a survey, a survey design, a vehicle, a call and a callback task); its people and
the outsiders run side by side against them on the shared spine, then each command that may
reach its record runs once more on records of its own.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import httpx
import pytest

from crm_call_center.adapters.webhooks import sign
from crm_common.auth.principal import DataScope
from crm_common.policy.roles import ROLES, has_function
from crm_common.testing.kafka import eventually
from crm_kpi.domain.commission import statement_id
from crm_opportunities.domain.pipeline import DEFAULT_PIPELINE

from .conftest import CTI_WEBHOOK_SECRET, Spine
from .sales import (
    DRIVE,
    LINES,
    VEHICLE,
    Seller,
    counted_as_won,
    delivered,
    quote_issued,
    rows,
)
from .test_permission_matrix import NEEDS, PUBLIC, operations
from .vehicles import CATALOG

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

TENANT = "oem-demo"
NAME, PHONE = "欧阳娜娜", "13912345678"
"""The fixture customer: neither may appear in an answer to a caller whose read is masked."""
MONTH = datetime.now(UTC).strftime("%Y-%m")
"""The month of the fixture's sale (its commission statement) and targets."""
SHARED_TYPES = (
    "lead",
    "customer",
    "opportunity",
    "quote",
    "order",
    "kpi",
    "ticket",
    "complaint",
    "call",
)
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
    owned_by: str | None = None
    """Only this one of the dealer's people, the record's owner, may take this step (a
    statement's consultant acknowledges it; a KPI definition's author deletes it): anyone
    else who may read it is outside (404)."""
    unavailable: frozenset[int] = frozenset()
    """What reaching the target may answer in the spine besides a rule's refusal (a transfer:
    the call is a cloud contact center's, 501)."""
    settings: bool = False
    """With no target: it sets or adds to the caller's own book's settings (or own inbox and
    preferences). Its valid body
    goes only to callers whose book is the fixture's (the dealer, its region: changing them
    disturbs no other test), who must succeed; the others get an empty body (a valid one
    would change HQ's or another dealer's settings in the shared spine)."""
    done_by: frozenset[str] = frozenset()
    """With no target: roles whose valid body must succeed wherever their book is (HQ publishes
    the tenant's catalogue and writes its scoring forms; anyone who reads opportunities may
    price a configuration). Unless it is settings of the caller's own book, anyone else with
    the function gets the valid body too, and 403."""
    media_type: str = "application/json"
    query: str = ""


def _json(value: Any) -> Body:
    return lambda _: value


POOL_SETTINGS = {"name": "default", "kind": "claim", "rules": {}}
FINANCED = {
    "lines": [
        VEHICLE,
        {
            "kind": "finance",
            "code": "LOAN-36",
            "description": "36-month loan fee",
            "list_price": "3000",
            "price": "3000",
            "partner_id": "partner-finance",
        },
    ]
}
"""An order whose loan opens an application with the partner the callers include."""
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

DESIGN = {
    "name": "matrix",
    "questions": [{"code": "recommend", "kind": "nps", "text": "Would you recommend us?"}],
}
ANSWERS = {"answers": {"recommend": 9}}
QUESTIONNAIRE = {
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
}
# The built-in stages: a dealer of the fixture's configuring them changes nothing its records
# go through.
PIPELINE = {
    "name": "matrix",
    "stages": [s.model_dump(mode="json") for s in DEFAULT_PIPELINE.stages],
}
# The standard calendar (Monday to Saturday 08:30-17:30): open tickets' clocks keep their pace.
CALENDAR = {"weekly": {str(day): [{"opens": "08:30", "closes": "17:30"}] for day in range(6)}}
CONFIGURATION = {"model_code": "SUV-X", "trim_code": "SUV-X-20T", "colour_code": "white"}
ARTICLE = {"title": "matrix", "problem": "matrix", "solution": "matrix"}
CARE_RULE = {
    "kind": "maintenance_due",
    "segment": "toc",
    "action": "sms",
    "message": "matrix",
    "months": 6,
}
# The rule's terms unchanged, the rule stopped: the care scan leaves the fixture dealer's
# customers alone.
CARE_RULE_STOPPED = {k: v for k, v in CARE_RULE.items() if k != "kind"} | {"active": False}
COMPETITOR = {"name": "MX motors", "models": ["MX-1"]}
SCORING_FORM = {
    "name": "matrix",
    "tier": "consultant",
    "criteria": [{"code": "sales", "text": "units against target", "weight": 100}],
}
SCORES = {"sales": 80}
PARTS_CLAIM = {"partner_id": "partner-finance", "part_number": "GB-0042"}

OPERATIONS: dict[str, Command] = {
    # identity: users and the org tree follow the tree (admins manage what lies below them),
    # never a sharing agreement.
    "identity POST /auth/logout": Command(None, _json({"refresh_token": "x" * 40})),
    # HQ grows the tree anywhere (a team under the fixture dealer here).
    "identity POST /orgs": Command(
        "dealer",
        lambda f: {
            "id": f"team-mx-{uuid.uuid4().hex[:8]}",
            "parent_id": f["dealer"],
            "kind": "team",
            "name": "MX team",
        },
        inside_roles=frozenset({"hq_admin"}),
    ),
    # HQ moves any node with what lies below it: the fixture dealer below its own region again
    # (a move that changes no path: the other commands keep their region).
    "identity POST /orgs/{org_id}/move": Command(
        "dealer",
        lambda f: {"parent_id": f["region"]},
        inside_roles=frozenset({"hq_admin"}),
    ),
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
    # Only the providing party says how much it shares (403 for anyone else): here what the
    # fixture dealer shares with the other partner (nothing, no wider than its default).
    "identity PUT /sharing": Command(
        "dealer",
        lambda f: {
            "data_type": "lead",
            "direction": "dealer_to_partner",
            "dealer_id": f["dealer"],
            "partner_id": "partner-insurance",
            "level": "none",
        },
        outside=frozenset({403}),
    ),
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
    "leads POST /receptions": Command(
        None,
        lambda _: {
            "customer_name": "来店",
            "phone": _phone(),
            "arrived_at": datetime.now(UTC).isoformat(),
        },
        settings=True,
    ),
    "leads POST /customers/{customer_id}/merge": Command(
        "customer", lambda f: {"into": f["other_customer"]}
    ),
    # A plate of a vehicle of the customer's: the customer's book's managers, like a merge.
    "leads PUT /customers/{customer_id}/vehicles/{vin}": Command(
        "customer", _json({"plate": "沪A12345"})
    ),
    # A spreadsheet of one lead into the caller's book's pool (CSV, the raw body).
    "leads POST /imports": Command(
        None,
        lambda _: f"customer_name,phone,source\n导入,{_phone()},phone\n".encode(),
        settings=True,
        media_type="text/csv",
        query="?format=csv",
    ),
    "leads PUT /dedup-keys": Command(None, _json({"keys": []}), settings=True),
    # The book's first version (another of its people may have replaced it meanwhile: 409).
    "leads PUT /routing-rules": Command(None, _json({"version": 0, "rules": []}), settings=True),
    # The book's own grade scheme, first version (another of its people stored it first: 409).
    "leads PUT /grade-schemes": Command(
        None,
        _json(
            {
                "name": "matrix",
                "version": 0,
                "grades": [
                    {"code": "hot", "label": "hot", "cadence_days": 3, "rank": 2},
                    {"code": "cold", "label": "cold", "cadence_days": None, "rank": 1},
                ],
            }
        ),
        settings=True,
    ),
    "leads PUT /nurture-settings": Command(None, _json({"owner": None}), settings=True),
    # Nobody owns the fixture dealer's nurture list: reaching the lead answers 409.
    "leads POST /leads/{lead_id}/nurture": Command("lead", _json({"reason": "matrix"})),
    # A leaver of the fixture dealer (a user made for it: the fixture's consultant keeps
    # their records) handed to the colleague: the dealer's managers only.
    "leads POST /hand-overs": Command(
        "user", lambda f: {"leaver": f["user"], "successor": f["colleague"]}
    ),
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
        lambda _: DRIVE | {"started_at": datetime.now(UTC).isoformat()},
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
    # The tenant's catalogue is HQ's to publish: the one the fixture publishes, again.
    "opportunities POST /catalog/publications": Command(
        None, _json(CATALOG), done_by=frozenset({"hq_admin"})
    ),
    # The dealer's own price list, MSRP throughout.
    "opportunities PUT /catalog/dealer-pricing": Command(
        None, _json({"trim_prices": {}, "accessories": []}), settings=True
    ),
    # Pricing a configuration changes nothing: whoever reads opportunities may.
    "opportunities POST /catalog/configurations": Command(
        None, _json(CONFIGURATION), done_by=frozenset(ROLES)
    ),
    "opportunities POST /quote-templates": Command(
        None, _json({"name": "matrix"} | LINES), settings=True
    ),
    # The defaults: a consultant's 3 % and a manager's 8 % of discount, as the fixture needs.
    "opportunities PUT /sales-settings": Command(
        None, _json({"quote_valid_days": 7}), settings=True
    ),
    "opportunities POST /questionnaires": Command(None, _json(QUESTIONNAIRE), settings=True),
    "opportunities POST /pipelines": Command(None, _json(PIPELINE), settings=True),
    # Adopting a template acts on the caller's own dealer (the template is only read).
    "opportunities POST /pipelines/{pipeline_id}/adoption": Command(
        None, _json(None), settings=True
    ),
    # Partners change the applications that name them (their own write scope).
    "opportunities POST /partner/applications/{application_id}/status": Command(
        "application", _json({"status": "approved", "note": "matrix"})
    ),
    # kpi
    # An expense of the caller's own book (their dealer's, or their node's above dealers).
    "kpi POST /kpi/expenses": Command(
        None,
        _json({"day": "2026-12-01", "category": "advertising", "amount": "100.00"}),
        settings=True,
    ),
    # Tiered assessment: the tenant's forms are HQ's planners' (a region's or a dealer's
    # manager with target.manage gets 403); the fixture dealer's consultant is scored by the
    # fixture region's manager only (HQ and the dealers' managers: 403 by role, another
    # region's manager: 404); HQ's sales VP and then HR review the score, tenant-wide.
    "kpi POST /kpi/assessment-forms": Command(
        None, _json(SCORING_FORM), done_by=frozenset({"hq_admin"})
    ),
    "kpi POST /kpi/assessments": Command(
        "subject",
        lambda f: {
            "form_id": f["form"],
            "subject_user": f["consultant"],
            "period": MONTH,
            "scores": SCORES,
        },
        outside=frozenset({403, 404}),
    ),
    # Each reviewer their own step: the sales VP approves a fresh score, HR one the VP
    # approved (the fixture's is fresh, each reviewer's own record in the inside run the VP's).
    "kpi POST /kpi/assessments/{assessment_id}/review": Command(
        "assessment",
        lambda f: {"step": "hr" if f["role"] == "hr" else "vp", "approve": True},
        inside_roles=frozenset({"sales_vp", "hr"}),
    ),
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
        # Monthly targets go down the org tree: HQ and the region set their dealers'.
        inside_roles=frozenset({"hq_admin", "region_manager"}),
    ),
    "kpi POST /kpi/commission/statements/{statement_id}/acknowledgement": Command(
        "statement", owned_by="owner"
    ),
    "kpi POST /kpi/commission/statements/{statement_id}/dispute": Command(
        "statement", _json({"note": "matrix"}), owned_by="owner"
    ),
    "kpi POST /kpi/commission/statements/{statement_id}/approval": Command("statement"),
    "kpi POST /kpi/commission/statements/{statement_id}/issue": Command("statement"),
    "kpi POST /kpi/definitions": Command(None, _json(DEFINITION)),
    "kpi DELETE /kpi/definitions/{definition_id}": Command("definition", owned_by="manager"),
    # The caller's own book's list of competitors (another dealer's or HQ's stays as it was).
    "opportunities POST /competitors": Command(None, _json({"name": "matrix"}), settings=True),
    # The fixture dealer's own competitor, renamed to its own name (HQ's list is HQ's).
    "opportunities PUT /competitors/{competitor_id}": Command("competitor", _json(COMPETITOR)),
    "opportunities PUT /opportunities/{opportunity_id}/competitors": Command(
        "opportunity", _json({"competitors": []})
    ),
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
    # call-center: a call of the fixture dealer's consultant (reported by the contact
    # center's webhook) and a callback task assigned to them; agents act on themselves.
    "call-center POST /calls/{call_id}/disposition": Command(
        "call", _json({"disposition": "interested", "notes": "matrix"})
    ),
    "call-center POST /calls/{call_id}/ticket-request": Command(
        "call", _json({"subject": "matrix", "notes": "matrix"})
    ),
    # No recording on the webhook's call: a reviewer of the book reaches it and is told so
    # (409); its cloud contact center takes no transfer or hang-up from the CRM (501).
    "call-center POST /calls/{call_id}/reviews": Command(
        "call",
        _json(
            {
                "scores": {
                    "greeting": 10,
                    "needs": 20,
                    "knowledge": 15,
                    "script": 15,
                    "courtesy": 10,
                    "next_step": 10,
                }
            }
        ),
    ),
    "call-center POST /calls/{call_id}/comments": Command("call", _json({"text": "matrix"})),
    "call-center POST /calls/{call_id}/transfer": Command(
        "call",
        _json({"target_kind": "agent", "target": "nobody"}),
        unavailable=frozenset({501}),
    ),
    "call-center POST /calls/{call_id}/hangup": Command("call", None, unavailable=frozenset({501})),
    # The colleague as an agent (another of the book's people may have made them one: 409).
    "call-center POST /agents": Command(
        None,
        lambda f: {
            "user_id": f["colleague"],
            "display_name": "MX",
            "extension": f"{uuid.uuid4().int % 10**6:06d}",
        },
        settings=True,
    ),
    # An agent changes their own state: the consultant the fixture made an agent.
    "call-center PUT /agents/me/state": Command(None, _json({"state": "break"}), owned_by="owner"),
    "call-center POST /call-tasks": Command(
        None,
        lambda f: {
            "kind": "lead_callback",
            "assignee": f["consultant"],
            "due_at": datetime.now(UTC).isoformat(),
            "customer_name": "回访",
            "phone": _phone(),
        },
        settings=True,
    ),
    # A list of one customer to call into the caller's own book (CSV, the raw body), imported
    # in the background.
    "call-center POST /call-lists": Command(
        None,
        lambda _: f"customer_name,phone,due_on\n名单,{_phone()},2030-01-31\n".encode(),
        settings=True,
        media_type="text/csv",
        query="?format=csv&kind=policy_renewal",
    ),
    "call-center POST /call-tasks/{task_id}/cancellation": Command(
        "task", _json({"reason": "matrix"})
    ),
    "call-center POST /call-tasks/{task_id}/cancellation/decision": Command(
        "task", _json({"approved": True})
    ),
    "call-center POST /call-tasks/{task_id}/dial": Command(
        "task", _json({"number": "13800000000"})
    ),
    "call-center POST /queues": Command(
        None,
        lambda _: {"name": "MX", "pbx_queue": f"mx-{uuid.uuid4().hex[:12]}"},
        settings=True,
    ),
    "call-center PATCH /queues/{queue_id}": Command("queue", _json({"name": "matrix"})),
    "call-center PUT /queues/{queue_id}/members": Command("queue", _json({"user_ids": []})),
    # notifications: each user's own inbox and preferences; the fixture's notice is the
    # manager's (a discount awaiting approval): anyone else, the dealer's admin too, gets 404.
    "notifications POST /notifications/read-all": Command(None, _json(None), settings=True),
    "notifications POST /notifications/{notification_id}/read": Command(
        "notification", owned_by="manager"
    ),
    "notifications PUT /notification-preferences": Command(None, _json({}), settings=True),
    # service-desk: tickets, surveys, survey designs, after-sales files and vehicles of the
    # fixture dealer; the rest of the configuration acts on the caller's own book.
    "service-desk DELETE /tickets/{ticket_id}/watchers/{user_id}": Command("ticket"),
    "service-desk POST /care-rules": Command(None, _json(CARE_RULE), settings=True),
    "service-desk POST /survey-designs": Command(None, _json(DESIGN), settings=True),
    "service-desk POST /survey-designs/{design_key}/versions": Command("design", _json(DESIGN)),
    "service-desk POST /surveys/{survey_id}/answers": Command("survey", _json(ANSWERS)),
    "service-desk POST /ticket-categories": Command(
        None, lambda _: {"code": f"mx-{uuid.uuid4().hex[:8]}", "name": "MX"}, settings=True
    ),
    "service-desk POST /tickets": Command(None, _json({"subject": "matrix"})),
    "service-desk POST /tickets/quick": Command(
        None, _json({"phone": "13000000001", "subject": "matrix"})
    ),
    "service-desk POST /tickets/{ticket_id}/appointment": Command(
        "ticket",
        lambda _: {"starts_at": datetime.now(UTC).isoformat(), "minutes": 30, "place": "bay 3"},
    ),
    "service-desk POST /tickets/{ticket_id}/closure": Command(
        "ticket", _json({"customer_satisfied": True})
    ),
    "service-desk POST /tickets/{ticket_id}/entries": Command(
        "ticket", _json({"kind": "note", "body": "matrix"})
    ),
    "service-desk POST /tickets/{ticket_id}/hold": Command(
        "ticket", _json({"waiting_for": "customer"})
    ),
    "service-desk POST /tickets/{ticket_id}/merge": Command(
        "ticket", lambda f: {"into": f["other_ticket"]}
    ),
    "service-desk POST /tickets/{ticket_id}/reassignment": Command(
        "ticket", lambda f: {"assignee": f["advisor"]}
    ),
    "service-desk POST /tickets/{ticket_id}/reopening": Command(
        "ticket", _json({"reason": "matrix"})
    ),
    "service-desk POST /tickets/{ticket_id}/resolution": Command(
        "ticket", _json({"resolution": "matrix"})
    ),
    "service-desk POST /tickets/{ticket_id}/resume": Command("ticket"),
    "service-desk PUT /business-calendar": Command(None, _json(CALENDAR), settings=True),
    # The customer's after-sales file in the fixture dealer's book.
    "service-desk PUT /customer-profiles/{customer_id}": Command(
        "customer", _json({"name": "欧阳", "segment": "toc"})
    ),
    "service-desk PUT /escalation-ladder": Command(None, _json({"steps": []}), settings=True),
    "service-desk PUT /sla-policies": Command(None, _json({"policies": []}), settings=True),
    # The caller's own rule naming the fixture dealer's design: no one else's design.
    "service-desk PUT /survey-rules/{trigger}": Command(
        "design",
        lambda f: {"design_key": f["design"], "channel": "call"},
        outside=frozenset({422}),
    ),
    "service-desk PUT /tickets/{ticket_id}/complaint": Command(
        "ticket", _json({"root_cause": "matrix"})
    ),
    "service-desk PUT /tickets/{ticket_id}/watchers/{user_id}": Command("ticket"),
    "service-desk PUT /vehicles/{vin}": Command("vehicle", _json({"mileage_km": 1000})),
    # A file on the fixture's ticket: a JSON body is no file type a ticket takes (422 once the
    # ticket is reached), so only the scope check answers before it.
    "service-desk POST /tickets/{ticket_id}/attachments": Command("ticket", _json({})),
    "service-desk POST /tickets/{ticket_id}/partner-job": Command(
        "ticket", _json({"partner_org": "partner-finance"})
    ),
    # The fixture's ticket was sent to no partner: every partner is outside it.
    "service-desk POST /partner/jobs/{ticket_id}/progress": Command(
        "ticket", _json({"status": "accepted"})
    ),
    # Knowledge articles, agreements and care rules belong to the caller's own book: only the
    # book that wrote an article or a rule changes it (a region's people too get 404 for
    # the dealer's).
    "service-desk POST /knowledge-articles": Command(None, _json(ARTICLE), settings=True),
    "service-desk PUT /care-rules/{rule_id}": Command("care_rule", _json(CARE_RULE_STOPPED)),
    "service-desk PUT /knowledge-articles/{article_id}": Command("article", _json(ARTICLE)),
    # The dealer's article solved the fixture's ticket: counted by those who work the ticket.
    "service-desk POST /knowledge-articles/{article_id}/uses": Command(
        "ticket", lambda f: {"ticket_id": f["ticket"]}
    ),
    # A maintenance package the caller's book sold for a vehicle of no record here.
    "service-desk POST /service-agreements": Command(
        None,
        lambda _: {
            "kind": "maintenance_package",
            "name": "matrix",
            "vin": f"LMX{uuid.uuid4().int % 10**14:014d}",
            "valid_from": "2026-01-01",
            "valid_until": "2030-12-31",
            "visits": 4,
        },
        settings=True,
    ),
    # A parts claim of the fixture's ticket against the partner the callers include: those who
    # work the ticket file it again (409 until the maker asks for more), the maker it names
    # answers it.
    "service-desk POST /tickets/{ticket_id}/parts-claims": Command("ticket", _json(PARTS_CLAIM)),
    "service-desk POST /parts-claims/{claim_id}/refiling": Command(
        "claim", _json({"information": "matrix"})
    ),
    "service-desk POST /partner/parts-claims/{claim_id}/answer": Command(
        "claim", _json({"status": "accepted"})
    ),
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
    "{task_id}": "task",
    "{queue_id}": "queue",
    "{ticket_id}": "ticket",
    "{survey_id}": "survey",
    "{design_key}": "design",
    "{trigger}": "trigger",
    "{vin}": "vehicle",
    "{name}": "unknown",
    "{token}": "unknown",
    "{date}": "unknown",
    "{notification_id}": "notification",
    "{pipeline_id}": "pipeline",
    "{application_id}": "application",
    "{article_id}": "article",
    "{claim_id}": "claim",
    "{rule_id}": "care_rule",
    "{competitor_id}": "competitor",
    "{assessment_id}": "assessment",
    "{org_id}": "dealer",
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
    home: bool = False
    """The caller's own book is the fixture dealer or its region: its settings may change."""
    user: str = field(default_factory=lambda: f"m-{uuid.uuid4().hex[:10]}")


def _valid_body(command: Command, caller: Caller) -> bool:
    """Whether the caller gets the command's valid body (the others an empty one)."""
    return caller.role in command.done_by or caller.home or not command.settings


def _expected(command: Command, caller: Caller, function: str | None) -> str:
    if function is not None and not has_function(frozenset({caller.role}), function):
        return "403"
    if command.target is None:
        if command.done_by and caller.role not in command.done_by and not command.settings:
            return "403"
        if command.owned_by is not None:
            # Acting on oneself (an agent's own state): the one it names succeeds, others of
            # the book may or may not be agents too, anyone else is none (404).
            if caller.name == command.owned_by:
                return "done"
            return "any" if caller.home else "outside"
        if command.body is not None and (
            caller.role in command.done_by or (command.settings and caller.home)
        ):
            return "done"  # a valid body on the caller's own book
        return "any"  # the caller's own book: no record of the fixture dealer at stake
    owner = command.owned_by
    reaches = command.target in caller.changes and owner in (None, caller.name)
    return "reached" if reaches or caller.role in command.inside_roles else "outside"


SCOPED = ("leads", "opportunities", "kpi", "service-desk", "call-center")
"""The services whose copy of the org tree and sharing agreements the matrix relies on."""
STAFFED = ("leads", "opportunities", "kpi", "service-desk", "notifications")
"""The services keeping a copy of identity's users (who may own their records)."""


async def _sharing_applied(spine: Spine, dealer: str, level: int) -> bool:
    for service in SCOPED:
        levels = await rows(
            spine,
            service,
            "SELECT data_type, level FROM sharing_levels"
            " WHERE dealer_id = :d AND direction = 'dealer_to_oem'",
            d=dealer,
        )
        if {t for t, v in levels if v == level} != set(SHARED_TYPES):
            return False
    return True


async def _known_everywhere(spine: Spine, nodes: list[str], users: list[str]) -> bool:
    for service in SCOPED:
        known = await rows(
            spine, service, "SELECT 1 FROM org_directory WHERE id = ANY(:n)", n=nodes
        )
        if len(known) != len(nodes):
            return False
    for service in STAFFED:
        known = await rows(
            spine, service, "SELECT user_id FROM staff WHERE user_id = ANY(:u)", u=users
        )
        if len(known) != len(users):
            return False
    return True


LEVELS = {"none": 0, "aggregate": 1, "masked": 2, "full": 3}
FRESH = frozenset(
    {
        "lead",
        "customer",
        "opportunity",
        "quote",
        "order",
        "application",
        "definition",
        "ticket",
        "survey",
        "task",
        "call",
        "subject",
        "assessment",
    }
)
"""Kinds a command changes for good: each command reaching one gets its own (the others —
the dealer, its plan, pool, design, vehicle, statement — are the fixture's). A subject to
score is the fixture's consultant on a form of its own."""
SERIAL = ("kpi POST /kpi/commission/runs", "/kpi/commission/statements/")
"""Commands on the month's statements, taken one at a time after a fresh run (a run
replaces the statements a review step works on)."""


class World:
    """The fixture dealer, its people and records, built once for the module's tests."""

    def __init__(self, spine: Spine) -> None:
        self.spine = spine
        # A region of its own: other tests of the session count what the demo regions see.
        self.region = f"region-mx-{uuid.uuid4().hex[:8]}"
        self.dealer = f"dealer-mx-{uuid.uuid4().hex[:8]}"
        self.hq = spine.token(TENANT, "demo-hq", DataScope.TENANT, {"hq_admin"}, "mx-hq")
        self.extension = f"{uuid.uuid4().int % 10**6:06d}"
        self.region_scorer = f"mx-region-{uuid.uuid4().hex[:8]}"
        self.people: dict[str, Caller] = {}
        self.base: Fixtures = {}
        self.fixtures: Fixtures = {}
        # One client per service for the whole run: a client's set-up (its TLS context) costs
        # more than a request. No kept-alive connections: one the server closes as idle while
        # a request starts on it fails that request.
        fresh = httpx.Limits(max_keepalive_connections=0)
        self.clients = {
            name: httpx.AsyncClient(base_url=url, timeout=60, limits=fresh)
            for name, url in spine.urls.items()
        }

    async def close(self) -> None:
        for client in self.clients.values():
            await client.aclose()

    def token(self, caller: Caller) -> str:
        return self.spine.token(TENANT, caller.org, caller.scope, {caller.role}, caller.user)

    def region_manager(self, name: str) -> Caller:
        """The fixture region's manager: its book is the fixture's; it scores the dealer's
        consultants and reaches nothing else of the dealer's."""
        return Caller(
            name,
            self.region,
            "region_manager",
            DataScope.SUBTREE,
            home=True,
            changes=frozenset({"subject"}),
            user=self.region_scorer,
        )

    async def call(
        self,
        service: str,
        token: str,
        method: str,
        path: str,
        body: Any = None,
        media_type: str = "application/json",
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"}
        if isinstance(body, bytes):  # a file uploaded as the raw body (an import)
            headers["Content-Type"] = media_type
            return await self.clients[service].request(method, path, content=body, headers=headers)
        return await self.clients[service].request(method, path, json=body, headers=headers)

    async def ok(self, service: str, token: str, method: str, path: str, body: Any = None) -> Any:
        response = await self.call(service, token, method, path, body)
        assert response.status_code < 300, f"{method} {path}: {response.text}"
        return response.json() if response.content else None

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
        admin = self.token(self.people["dealer admin"])
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

    async def build(self) -> None:
        for node, parent, kind in (
            (self.region, "demo-hq", "region"),
            (self.dealer, self.region, "dealer"),
        ):
            await self.ok(
                "identity",
                self.hq,
                "POST",
                "/orgs",
                {"id": node, "parent_id": parent, "kind": kind, "name": f"MX {kind}"},
            )
        roles = {
            "owner": "sales_consultant",
            "colleague": "sales_consultant",
            "manager": "sales_manager",
            "dealer admin": "dealer_admin",
            "advisor": "service_advisor",
        }
        users = dict(zip(roles, await asyncio.gather(*map(self.user, roles.values())), strict=True))
        known = await eventually(
            lambda: _known_everywhere(self.spine, [self.region, self.dealer], list(users.values())),
            timeout=90,
        )
        assert known, "the new dealer and its people reached every service"
        everything = frozenset(PATH_TARGETS.values()) | {"dealer", "consultant", "user"}
        for name, role in roles.items():
            self.people[name] = Caller(
                name,
                self.dealer,
                role,
                ROLES[role].data_scope,
                reads_in_full=name != "colleague",
                home=True,
                changes={
                    "owner": frozenset(
                        {"lead", "opportunity", "quote", "order", "statement", "task", "call"}
                    ),
                    "colleague": frozenset(),
                }.get(name, everything),
                user=users[name],
            )
        self.people["partner"] = Caller(
            "partner",
            "partner-finance",
            "partner_user",
            DataScope.OWN,
            changes=frozenset({"application", "claim"}),
        )
        # Tiered assessment's people: the fixture region's manager scores the dealer's
        # consultants; HQ's sales VP and HR review every score of the tenant.
        self.assessors = [
            self.region_manager("region manager"),
            Caller("HQ sales VP", "demo-hq", "sales_vp", DataScope.TENANT),
            Caller("HQ HR", "demo-hq", "hr", DataScope.TENANT),
        ]
        await self.make_base()
        statement, notification, self.fixtures = await asyncio.gather(
            self.statement(), self.notification(), self.records(self.base, FRESH)
        )
        self.base["statement"] = self.fixtures["statement"] = statement
        self.base["notification"] = self.fixtures["notification"] = notification
        # A parts claim of the fixture's ticket, against the partner the callers include.
        claim = await self.ok(
            "service-desk",
            self.token(self.people["advisor"]),
            "POST",
            f"/tickets/{self.fixtures['ticket']}/parts-claims",
            PARTS_CLAIM,
        )
        self.base["claim"] = self.fixtures["claim"] = claim["id"]

    async def make_base(self) -> None:
        """What every command shares: the dealer's pool, questionnaire, plan, agent, survey
        design and rule, vehicle, knowledge article, care rule and competitor, HQ's pipeline
        template, and the consultant's statement."""
        people = self.people
        managing, admin = self.token(people["manager"]), self.token(people["dealer admin"])
        advising = self.token(people["advisor"])
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
            "opportunities", managing, "POST", "/questionnaires", QUESTIONNAIRE
        )
        plan = await self.ok(
            "kpi",
            managing,
            "POST",
            "/kpi/commission/plans",
            {"name": "matrix", "effective_from": "2020-01-01", "rules": PLAN_RULES},
        )
        await self.ok(
            "call-center",
            managing,
            "POST",
            "/agents",
            {"user_id": people["owner"].user, "display_name": "MX", "extension": self.extension},
        )
        queue = await self.ok(
            "call-center",
            managing,
            "POST",
            "/queues",
            {"name": "MX desk", "pbx_queue": f"mx-{uuid.uuid4().hex[:12]}"},
        )
        design = await self.ok("service-desk", admin, "POST", "/survey-designs", DESIGN)
        await self.ok(
            "service-desk",
            admin,
            "PUT",
            "/survey-rules/ticket_resolved",
            {"design_key": design["design_key"], "channel": "call"},
        )
        vin = f"LMX{uuid.uuid4().int % 10**14:014d}"
        await self.ok("service-desk", advising, "PUT", f"/vehicles/{vin}", {"model": "SUV X"})
        # HQ's template: the built-in stages, so the dealers of the shared spine that start
        # from it see no difference.
        template = await self.ok("opportunities", self.hq, "POST", "/pipelines", PIPELINE)
        article = await self.ok("service-desk", admin, "POST", "/knowledge-articles", ARTICLE)
        rule = await self.ok("service-desk", admin, "POST", "/care-rules", CARE_RULE)
        competitor = await self.ok("opportunities", managing, "POST", "/competitors", COMPETITOR)
        # The catalogue the portal's tests publish too: the dealer prices and configures in it.
        catalogue = await self.ok(
            "opportunities", self.hq, "POST", "/catalog/publications", CATALOG
        )

        async def catalogue_arrived() -> bool:
            seen = await self.call("opportunities", managing, "GET", "/catalog")
            return seen.status_code == 200 and seen.json()["version"] >= catalogue["version"]

        assert await eventually(catalogue_arrived, timeout=60), "the dealer has the catalogue"
        self.base = {
            "dealer": self.dealer,
            "region": self.region,
            "consultant": people["owner"].user,
            "colleague": people["colleague"].user,
            "advisor": people["advisor"].user,
            "user": people["owner"].user,
            "pool": next(p["id"] for p in pools if p["owner_org"] == self.dealer),
            "questionnaire": questionnaire["id"],
            "plan": plan["id"],
            "design": design["design_key"],
            "trigger": "ticket_resolved",
            "vehicle": vin,
            "pipeline": template["id"],
            "queue": queue["id"],
            "article": article["id"],
            "care_rule": rule["id"],
            "competitor": competitor["id"],
            "unknown": str(uuid.uuid4()),
        }

    async def sell(self, token: str, quote_lines: Any, *, customer: tuple[str, str]) -> Fixtures:
        """An opportunity of the caller's with a test drive and an issued quote."""
        name, phone = customer
        opportunity = await self.ok(
            "opportunities",
            token,
            "POST",
            "/opportunities",
            {"customer_name": name, "phone": phone},
        )
        quote = await quote_issued(self.seller(token), opportunity["id"], quote_lines)
        return {"opportunity": opportunity["id"], "quote": quote}

    def seller(self, token: str) -> Seller:
        async def call(method: str, path: str, body: Any) -> Any:
            return await self.ok("opportunities", token, method, path, body)

        return call

    async def statement(self) -> str:
        """The consultant's statement of the month: a car sold and delivered (to another
        customer: its events must not touch the fixture's lead), counted by kpi, the month
        run."""
        mine = self.token(self.people["owner"])
        sale = await self.sell(mine, LINES, customer=("钱八", _phone()))
        await delivered(self.seller(mine), sale["quote"], vin_prefix="LMX")
        await counted_as_won(self.spine, sale["opportunity"], timeout=60)
        await self.run_month()
        return str(statement_id(TENANT, self.dealer, self.people["owner"].user, MONTH))

    async def notification(self) -> str:
        """The manager's notice of a discount awaiting their approval (5 %: beyond the
        consultant's 3 %, within the manager's 8 %)."""
        mine, managing = self.token(self.people["owner"]), self.token(self.people["manager"])
        discounted = {"lines": [VEHICLE | {"price": "190000"}]}
        sold = await self.sell(mine, discounted, customer=("钱九", _phone()))

        async def notices() -> list[str]:
            found = await self.ok("notifications", managing, "GET", "/notifications")
            return [n["id"] for n in found if n["link"] == f"/quotes/{sold['quote']}"]

        found = await eventually(notices, timeout=60)
        assert found, "the manager was told of the discount awaiting approval"
        return str(found[0])

    async def run_month(self) -> None:
        await self.ok(
            "kpi",
            self.token(self.people["manager"]),
            "POST",
            "/kpi/commission/runs",
            {"month": MONTH, "dealer_id": self.dealer},
        )

    async def scoring_form(self) -> Fixtures:
        """A form of HQ's planners for consultants."""
        made = await self.ok("kpi", self.hq, "POST", "/kpi/assessment-forms", SCORING_FORM)
        return {"form": made["id"]}

    async def assessment(self, vp_approved: bool) -> Fixtures:
        """The consultant scored by the region's manager on a form of its own, approved by
        the sales VP when HR reviews it."""
        form = (await self.scoring_form())["form"]
        scored = await self.ok(
            "kpi",
            self.token(self.region_manager("scorer")),
            "POST",
            "/kpi/assessments",
            {"form_id": form, "subject_user": self.base["consultant"], "period": MONTH}
            | {"scores": SCORES},
        )
        if vp_approved:
            vp = self.spine.token(TENANT, "demo-hq", DataScope.TENANT, {"sales_vp"}, "mx-vp")
            await self.ok(
                "kpi",
                vp,
                "POST",
                f"/kpi/assessments/{scored['id']}/review",
                {"step": "vp", "approve": True},
            )
        return {"assessment": scored["id"]}

    async def records(
        self, base: Fixtures, kinds: set[str] | frozenset[str], *, vp_approved: bool = False
    ) -> Fixtures:
        """Fresh records of the fixture dealer, owned by the consultant (tickets by the
        advisor): those of ``kinds``, made side by side."""
        made = dict(base)
        parts = []
        if "subject" in kinds:
            parts.append(self.scoring_form())
        if "assessment" in kinds:
            parts.append(self.assessment(vp_approved))
        if kinds & {"lead", "customer"}:
            parts.append(self.lead())
        if kinds & {"opportunity", "quote"}:
            parts.append(self.opportunity())
        if kinds & {"order", "application"}:
            parts.append(self.order())
        if "definition" in kinds:
            parts.append(self.definition())
        if "ticket" in kinds:
            parts.append(self.tickets())
        if "survey" in kinds:
            parts.append(self.survey())
        if "task" in kinds:
            parts.append(self.task())
        if "call" in kinds:
            parts.append(self.phone_call())
        for part in await asyncio.gather(*parts):
            made |= part
        return made

    def customer_phone(self) -> str:
        """The fixture customer's number for the shared records; a fresh one for each command's
        own (a lead on a known number is attached to the customer's lead, not made)."""
        return _phone() if self.fixtures else PHONE

    async def lead(self) -> Fixtures:
        mine, advising = self.token(self.people["owner"]), self.token(self.people["advisor"])
        phone = self.customer_phone()
        lead = await self.ok(
            "leads",
            mine,
            "POST",
            "/leads",
            {"customer_name": NAME, "phone": phone, "source": "phone"},
        )
        other = await self.ok(
            "leads",
            mine,
            "POST",
            "/leads",
            {"customer_name": "钱七", "phone": _phone(), "source": "phone"},
        )
        # The customer's after-sales file in the dealer's book.
        await self.ok(
            "service-desk",
            advising,
            "PUT",
            f"/customer-profiles/{lead['customer_id']}",
            {"name": NAME, "phone": phone, "segment": "toc"},
        )
        return {
            "lead": lead["id"],
            "customer": lead["customer_id"],
            "other_customer": other["customer_id"],
        }

    async def opportunity(self) -> Fixtures:
        """An opportunity with an issued quote and a credit split waiting for the manager."""
        mine = self.token(self.people["owner"])
        sold = await self.sell(mine, LINES, customer=(NAME, self.customer_phone()))
        shares = [
            {"user_id": self.base["consultant"], "share_percent": "60"},
            {"user_id": self.base["colleague"], "share_percent": "40"},
        ]
        await self.ok(
            "opportunities",
            mine,
            "PUT",
            f"/opportunities/{sold['opportunity']}/credit-split",
            {"shares": shares},
        )
        return sold

    async def order(self) -> Fixtures:
        """An accepted quote's order, its loan an application with the finance partner."""
        mine = self.token(self.people["owner"])
        sold = await self.sell(mine, FINANCED, customer=(NAME, self.customer_phone()))
        order = await self.ok("opportunities", mine, "POST", f"/quotes/{sold['quote']}/acceptance")
        [application] = await self.ok(
            "opportunities", mine, "GET", f"/orders/{order['id']}/applications"
        )
        return {"order": order["id"], "application": application["id"]}

    async def definition(self) -> Fixtures:
        managing = self.token(self.people["manager"])
        made = await self.ok("kpi", managing, "POST", "/kpi/definitions", DEFINITION)
        return {"definition": made["id"]}

    async def tickets(self) -> Fixtures:
        """A complaint of the customer's (and another one to merge it into)."""
        advising = self.token(self.people["advisor"])
        complaint = {
            "subject": "刹车异响",
            "customer_name": NAME,
            "phone": PHONE,
            "kind": "complaint",
        }
        made = [
            await self.ok("service-desk", advising, "POST", "/tickets", complaint) for _ in range(2)
        ]
        return {"ticket": made[0]["id"], "other_ticket": made[1]["id"]}

    async def task(self) -> Fixtures:
        """The manager's callback task for the consultant."""
        task = await self.ok(
            "call-center",
            self.token(self.people["manager"]),
            "POST",
            "/call-tasks",
            {
                "kind": "lead_callback",
                "assignee": self.people["owner"].user,
                "due_at": datetime.now(UTC).isoformat(),
                "customer_name": NAME,
                "phone": PHONE,
            },
        )
        return {"task": task["id"]}

    async def survey(self) -> Fixtures:
        """A resolved ticket's survey, taken by phone (the dealer's rule)."""
        advising = self.token(self.people["advisor"])
        ticket = await self.ok(
            "service-desk",
            advising,
            "POST",
            "/tickets",
            {"subject": "保养", "customer_name": NAME, "phone": PHONE},
        )
        await self.ok(
            "service-desk",
            advising,
            "POST",
            f"/tickets/{ticket['id']}/resolution",
            {"resolution": "done"},
        )
        found = await eventually(
            lambda: rows(
                self.spine,
                "service-desk",
                "SELECT id FROM survey_responses WHERE ticket_id = :t",
                t=uuid.UUID(ticket["id"]),
            ),
            timeout=60,
        )
        assert found, "the resolved ticket's survey was requested"
        return {"survey": str(found[0][0])}

    async def phone_call(self) -> Fixtures:
        """An outbound call of the consultant, as the contact center's webhooks report it (to
        a number of no lead: the call's events must not touch the fixture's lead)."""
        key, phone = f"mx-{uuid.uuid4().hex}", _phone()
        start = datetime.now(UTC) - timedelta(minutes=2)
        for seconds, event in (
            (0, {"type": "call.created", "agent_extension": self.extension, "to": phone}),
            (1, {"type": "call.ringing", "to": phone}),
            (8, {"type": "call.answered"}),
            (60, {"type": "call.ended"}),
        ):
            at = (start + timedelta(seconds=seconds)).isoformat()
            await self.webhook({"call_id": key, "direction": "outbound", "at": at, **event})
        [(call_id,)] = await rows(
            self.spine, "call-center", "SELECT id FROM calls WHERE call_key = :k", k=key
        )
        return {"call": str(call_id)}

    async def webhook(self, event: dict[str, Any]) -> None:
        body = json.dumps(event).encode()
        stamp = str(int(time.time()))
        response = await self.clients["call-center"].post(
            "/cti/webhooks/cloud-cc",
            content=body,
            headers={
                "content-type": "application/json",
                "X-CRM-Timestamp": stamp,
                "X-CRM-Signature": sign(CTI_WEBHOOK_SECRET.encode(), stamp, body),
            },
        )
        assert response.status_code == 202, response.text

    async def snapshot(self) -> list[Any]:
        token, f = self.token(self.people["manager"]), self.fixtures
        admin = self.token(self.people["dealer admin"])
        reads = [
            ("leads", token, f"/leads/{f['lead']}"),
            ("leads", token, f"/leads/{f['lead']}/history"),
            ("opportunities", token, f"/opportunities/{f['opportunity']}"),
            ("opportunities", token, f"/quotes/{f['quote']}"),
            ("opportunities", token, f"/orders/{f['order']}"),
            ("opportunities", token, f"/orders/{f['order']}/applications"),
            ("kpi", token, f"/kpi/commission/statements/{f['statement']}"),
            ("call-center", token, f"/call-tasks/{f['task']}"),
            ("service-desk", admin, f"/tickets/{f['ticket']}"),
            ("service-desk", admin, f"/tickets/{f['ticket']}/history"),
            ("service-desk", admin, f"/tickets/{f['ticket']}/watchers"),
        ]
        return [(await self.call(s, t, "GET", path)).json() for s, t, path in reads]


def _phone() -> str:
    return f"137{uuid.uuid4().int % 10**8:08d}"


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
        these = fixtures | {"role": caller.role}
        if key in USER_MADE_FOR_IT and expected == "reached":
            # A user made for it: the fixture's consultant must keep working.
            these = fixtures | {"user": await world.user("sales_consultant")}
            if key == "leads POST /hand-overs":
                # Leads' copy of the staff names them once identity's event has reached it.
                known = await eventually(
                    partial(_known_everywhere, world.spine, [], [these["user"]])
                )
                assert known, "the new user reached every service's staff copy"
        valid = command.body is not None and _valid_body(command, caller)
        body = command.body(these) if valid and command.body is not None else {}
        response = await world.call(
            service, token, method, concrete(path, these) + command.query, body, command.media_type
        )
        status = response.status_code
        fine = {
            "403": status == 403,
            "outside": status in command.outside,
            # A rule of the record may still refuse (409, or 403 "only the owner …").
            "reached": (status < 500 and status != 404) or status in command.unavailable,
            # Another of the book's people may have changed the same settings meanwhile.
            "done": status < 300 or status == 409,
            "any": status < 500,
        }[expected]
        if not fine:
            wrong.append(f"{caller.name} {key}: {status} (expected {expected}) {response.text}")
        if not caller.reads_in_full and (NAME in response.text or PHONE in response.text):
            wrong.append(f"{caller.name} {key}: unmasked customer in {response.text}")
    return wrong


USER_MADE_FOR_IT = ("identity POST /users/{user_id}/deactivate", "leads POST /hand-overs")
"""Commands on a user that reach theirs act on a user made for each run."""


def on_records(caller: Caller) -> list[str]:
    """The commands on a record of the fixture dealer the caller has the function for."""
    return [
        k for k, c in OPERATIONS.items() if _expected(c, caller, NEEDS[k]) in ("outside", "reached")
    ]


def _not_reaching(caller: Caller) -> list[str]:
    return [k for k, c in OPERATIONS.items() if _expected(c, caller, NEEDS[k]) != "reached"]


@pytest.fixture(scope="module")
async def world(spine: Spine) -> AsyncIterator[World]:
    built = World(spine)
    try:
        await built.build()
        yield built
    finally:
        await built.close()


async def test_nobody_changes_what_lies_outside_their_write_scope(world: World) -> None:
    """Every caller x every command it may not reach, on the fixture's records: 403 or 404,
    the records unchanged, no answer richer than the caller's read; the dealer's region
    manager with the dealer sharing at each level (reads, never changes)."""
    outsiders = [
        Caller("other region's manager", "region-north", "region_manager", DataScope.SUBTREE),
        Caller("other dealer's manager", "dealer-hz-01", "sales_manager", DataScope.DEALER),
        Caller("other dealer's admin", "dealer-hz-01", "dealer_admin", DataScope.DEALER),
        Caller("HQ admin", "demo-hq", "hq_admin", DataScope.TENANT),
        Caller("HQ analyst", "demo-hq", "hq_analyst", DataScope.TENANT),
        Caller("call center agent", "demo-hq", "call_center_agent", DataScope.OWN),
        Caller("call center supervisor", "demo-hq", "call_center_supervisor", DataScope.SUBTREE),
        Caller("another partner", "partner-insurance", "partner_user", DataScope.OWN),
        *world.assessors[1:],
    ]
    before = await world.snapshot()

    async def region_at_every_level() -> list[str]:
        wrong: list[str] = []
        try:
            for level in LEVELS:
                await world.share(level)
                # Whatever the dealer shares, its customers reach the region masked at most.
                reader = world.region_manager(f"region manager ({level})")
                # Functions and the region's own book do not depend on the level: once.
                keys = None if level == "none" else on_records(reader)
                wrong += await run_as(world, reader, world.fixtures, keys)
        finally:
            await world.share("aggregate")
        return wrong

    runs = [region_at_every_level()]
    runs += [run_as(world, caller, world.fixtures) for caller in outsiders]
    # The dealer's own people and the partner, for the commands they may not reach.
    runs += [
        run_as(world, caller, world.fixtures, _not_reaching(caller))
        for caller in world.people.values()
    ]
    wrong = [line for lines in await asyncio.gather(*runs) for line in lines]
    assert not wrong, "\n".join(wrong)
    assert await world.snapshot() == before, "a caller outside the write scope changed a record"


async def test_the_dealer_s_people_reach_their_records(world: World) -> None:
    """Inside the write scope every command reaches its record (its rules may still refuse):
    fresh records for each one (the commands change them); the partner's answer masked; the
    region's manager scores the consultant, HQ's reviewers review the score."""
    plain: list[tuple[Caller, str]] = []
    serial: list[tuple[Caller, str]] = []
    for caller in [*world.people.values(), *world.assessors]:
        for key, command in OPERATIONS.items():
            if _expected(command, caller, NEEDS[key]) != "reached":
                continue
            (serial if any(k in key for k in SERIAL) else plain).append((caller, key))
    assert len(plain) + len(serial) > 50, "the inside run reaches most commands"
    slots = asyncio.Semaphore(8)

    async def fresh_run(caller: Caller, key: str) -> list[str]:
        target = OPERATIONS[key].target
        async with slots:
            kinds = {target} & FRESH if target is not None else set()
            fixtures = (
                await world.records(world.fixtures, kinds, vp_approved=caller.role == "hr")
                if kinds
                else world.fixtures
            )
            return await run_as(world, caller, fixtures, [key])

    async def statements() -> list[str]:
        wrong: list[str] = []
        for caller, key in serial:
            await world.run_month()
            wrong += await run_as(world, caller, world.fixtures, [key])
        return wrong

    runs = [fresh_run(caller, key) for caller, key in plain] + [statements()]
    wrong = [line for lines in await asyncio.gather(*runs) for line in lines]
    assert not wrong, "\n".join(wrong)


def test_month_and_records_are_concrete() -> None:
    fixtures = {target: target for target in PATH_TARGETS.values()} | {"user": "u"}
    for key in OPERATIONS:
        assert "{" not in concrete(key, fixtures), key
