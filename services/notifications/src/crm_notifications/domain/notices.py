"""Which events need a person, who that person is, and what they are told.

A notice names the record (a short id and a link into the portal) and the facts of the event,
never a customer's name or phone: whoever reads it opens the record, where the shared policy
decides what they see. So a notice carries no more personal data than its reader may see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from uuid import UUID
from zoneinfo import ZoneInfo

from crm_common.contracts.events.leads.v1 import (
    LeadCallbackDue,
    LeadClaimBlocked,
    LeadEscalated,
    LeadRecycleDue,
)
from crm_common.contracts.events.opportunities.v1 import QuoteApprovalRequested
from crm_common.mail import Mail


class NoticeKind(StrEnum):
    LEAD_RECYCLE_DUE = "lead_recycle_due"
    LEAD_ESCALATED = "lead_escalated"
    LEAD_CLAIM_BLOCKED = "lead_claim_blocked"
    LEAD_CALLBACK_DUE = "lead_callback_due"
    QUOTE_APPROVAL_REQUESTED = "quote_approval_requested"


class Delivery(StrEnum):
    """How a user wants a kind of notice by e-mail; the in-app inbox always has it."""

    IMMEDIATE = "immediate"
    DIGEST = "digest"
    OFF = "off"


DEFAULT_DELIVERY: dict[NoticeKind, Delivery] = {
    NoticeKind.LEAD_RECYCLE_DUE: Delivery.DIGEST,
    NoticeKind.LEAD_ESCALATED: Delivery.DIGEST,
    NoticeKind.LEAD_CLAIM_BLOCKED: Delivery.DIGEST,
    NoticeKind.LEAD_CALLBACK_DUE: Delivery.DIGEST,
    # Someone waits on the decision.
    NoticeKind.QUOTE_APPROVAL_REQUESTED: Delivery.IMMEDIATE,
}

MANAGER_ROLES = frozenset({"sales_manager", "dealer_admin"})


@dataclass(frozen=True, slots=True)
class Audience:
    """Named users, and/or the holders of ``roles`` in ``dealer``'s subtree."""

    users: tuple[str, ...] = ()
    dealer: str | None = None
    roles: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class Notice:
    kind: NoticeKind
    title: str
    body: str
    link: str
    audience: Audience


NoticeSource = (
    LeadRecycleDue | LeadEscalated | LeadClaimBlocked | LeadCallbackDue | QuoteApprovalRequested
)


def _short(record: UUID) -> str:
    return str(record)[:8]


def _when(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def notice_for(event: NoticeSource, zone: ZoneInfo) -> Notice:
    """The notice an event gives rise to (texts in Chinese and English)."""
    match event:
        case LeadRecycleDue():
            lead = _short(event.lead_id)
            return Notice(
                NoticeKind.LEAD_RECYCLE_DUE,
                f"线索即将回收 Lead {lead} will be recycled",
                f"请在 {_when(event.due_by, zone)} 前跟进,否则线索将回到公海。"
                f" Follow it up before {_when(event.due_by, zone)} or it returns to the pool.",
                f"/leads/{event.lead_id}",
                Audience(users=(event.owner_user,)),
            )
        case LeadEscalated():
            lead = _short(event.lead_id)
            return Notice(
                NoticeKind.LEAD_ESCALATED,
                f"线索升级 Lead {lead} escalated",
                f"等级 {event.grade} 停留过久 (规则 {event.rule})。"
                f" Grade {event.grade} held too long (rule {event.rule}).",
                f"/leads/{event.lead_id}",
                Audience(users=(event.owner_user,), dealer=event.dealer_id, roles=MANAGER_ROLES),
            )
        case LeadClaimBlocked():
            lead = _short(event.lead_id)
            return Notice(
                NoticeKind.LEAD_CLAIM_BLOCKED,
                f"疑似串通领取已拦截 Claim of lead {lead} blocked",
                f"{event.window_days} 天内同一对顾问间领取 {event.claims_in_window} 次。"
                f" {event.claims_in_window} claims between the same consultants"
                f" within {event.window_days} days.",
                f"/leads/{event.lead_id}",
                Audience(dealer=event.dealer_id, roles=MANAGER_ROLES),
            )
        case LeadCallbackDue():
            lead = _short(event.lead_id)
            return Notice(
                NoticeKind.LEAD_CALLBACK_DUE,
                f"回访到期 Callback of lead {lead} due",
                f"等级 {event.grade} 的回访已于 {_when(event.due_at, zone)} 到期,请致电客户。"
                f" The callback grade {event.grade} sets fell due at"
                f" {_when(event.due_at, zone)}: call the customer.",
                f"/leads/{event.lead_id}",
                Audience(users=(event.owner_user,)),
            )
        case QuoteApprovalRequested():
            quote = _short(event.quote_id)
            roles = (
                frozenset({"sales_manager"})
                if event.approver_level == "sales_manager"
                else frozenset({"dealer_admin"})
            )
            return Notice(
                NoticeKind.QUOTE_APPROVAL_REQUESTED,
                f"报价待审批 Quote {quote} awaits your approval",
                f"优惠 {event.discount_percent}% 超出顾问权限。"
                f" A {event.discount_percent}% discount is beyond the consultant's limit.",
                f"/quotes/{event.quote_id}",
                Audience(dealer=event.dealer_id, roles=roles),
            )
    raise TypeError(f"no notice for {type(event).__name__}")  # pragma: no cover


def delivery_of(kind: NoticeKind, chosen: dict[str, str]) -> Delivery:
    """The user's choice for ``kind`` (unknown or absent: the default)."""
    try:
        return Delivery(chosen[kind.value])
    except (KeyError, ValueError):
        return DEFAULT_DELIVERY[kind]


DIGEST_HOUR = time(8, 0)
"""Digests go out once a day from this local time, covering what arrived since the last one."""


def digest_due(last_sent: date | None, now: datetime, zone: ZoneInfo) -> bool:
    local = now.astimezone(zone)
    return local.time() >= DIGEST_HOUR and (last_sent is None or last_sent < local.date())


def digest_window_start(now: datetime) -> datetime:
    """A user's first digest covers the day before."""
    return now - timedelta(days=1)


def immediate_mail(to: str, notice_id: UUID, title: str, body: str, link: str, base: str) -> Mail:
    return Mail(
        to=to,
        subject=title,
        text=f"{body}\n\n{base.rstrip('/')}{link}\n",
        message_id=f"<{notice_id}@crm-notifications>",
    )


def digest_mail(to: str, user: str, day: date, items: list[tuple[str, str]], base: str) -> Mail:
    lines = "\n".join(f"- {title}\n  {base.rstrip('/')}{link}" for title, link in items)
    return Mail(
        to=to,
        subject=f"每日摘要 Daily digest {day.isoformat()}: {len(items)}",
        text=f"{lines}\n",
        message_id=f"<digest-{user}-{day.isoformat()}@crm-notifications>",
    )
