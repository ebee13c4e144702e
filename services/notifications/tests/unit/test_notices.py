"""Which events need whom, what they are told, and when e-mails and digests go out."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import uuid4
from zoneinfo import ZoneInfo

from crm_notifications.domain.notices import (
    MANAGER_ROLES,
    Delivery,
    NoticeKind,
    delivery_of,
    digest_due,
    digest_mail,
    immediate_mail,
    notice_for,
)

from crm_common.contracts.events.leads.v1 import (
    LeadCallbackDue,
    LeadClaimBlocked,
    LeadEscalated,
    LeadRecycleDue,
)
from crm_common.contracts.events.opportunities.v1 import QuoteApprovalRequested

SHANGHAI = ZoneInfo("Asia/Shanghai")
AT = datetime(2026, 12, 6, 2, 0, tzinfo=UTC)


def test_a_recycle_due_lead_tells_its_owner_when_in_local_time() -> None:
    lead = uuid4()
    notice = notice_for(
        LeadRecycleDue(lead_id=lead, dealer_id="d1", at=AT, owner_user="c1", due_by=AT), SHANGHAI
    )
    assert notice.kind is NoticeKind.LEAD_RECYCLE_DUE
    assert notice.audience.users == ("c1",)
    assert notice.audience.dealer is None
    assert "2026-12-06 10:00" in notice.body
    assert notice.link == f"/leads/{lead}"


def test_a_due_callback_tells_its_owner_to_call_and_is_in_the_digest_by_default() -> None:
    lead = uuid4()
    notice = notice_for(
        LeadCallbackDue(
            lead_id=lead, dealer_id="d1", at=AT, owner_user="c1", grade="intent", due_at=AT
        ),
        SHANGHAI,
    )
    assert (notice.kind, notice.audience.users, notice.audience.roles) == (
        NoticeKind.LEAD_CALLBACK_DUE,
        ("c1",),
        frozenset(),
    )
    assert "2026-12-06 10:00" in notice.body
    assert "intent" in notice.body
    assert notice.link == f"/leads/{lead}"
    assert delivery_of(NoticeKind.LEAD_CALLBACK_DUE, {}) is Delivery.DIGEST


def test_an_escalation_tells_the_owner_and_the_dealers_managers() -> None:
    notice = notice_for(
        LeadEscalated(
            lead_id=uuid4(),
            dealer_id="d1",
            at=AT,
            owner_user="c1",
            grade="H",
            rule="H:3d",
            in_grade_since=AT,
        ),
        SHANGHAI,
    )
    assert notice.audience.users == ("c1",)
    assert (notice.audience.dealer, notice.audience.roles) == ("d1", MANAGER_ROLES)


def test_a_blocked_claim_tells_only_the_managers() -> None:
    notice = notice_for(
        LeadClaimBlocked(
            lead_id=uuid4(),
            dealer_id="d1",
            at=AT,
            claimant="c2",
            previous_owner="c1",
            claims_in_window=3,
            window_days=30,
        ),
        SHANGHAI,
    )
    assert notice.audience.users == ()
    assert notice.audience.roles == MANAGER_ROLES


def test_an_approval_goes_to_the_level_that_must_decide() -> None:
    def requested(level: str) -> QuoteApprovalRequested:
        return QuoteApprovalRequested(
            quote_id=uuid4(),
            opportunity_id=uuid4(),
            dealer_id="d1",
            at=AT,
            version=1,
            discount=Decimal(5000),
            discount_percent=Decimal("2.5"),
            approver_level=level,  # type: ignore[arg-type]
            requested_by="c1",
        )

    assert notice_for(requested("sales_manager"), SHANGHAI).audience.roles == {"sales_manager"}
    assert notice_for(requested("dealer"), SHANGHAI).audience.roles == {"dealer_admin"}


def test_notices_name_records_not_customers() -> None:
    """Events carry no customer names; a notice adds none (the reader opens the record)."""
    notice = notice_for(
        LeadRecycleDue(lead_id=uuid4(), dealer_id="d1", at=AT, owner_user="c1", due_by=AT),
        SHANGHAI,
    )
    assert set(notice.__dataclass_fields__) == {"kind", "title", "body", "link", "audience"}


def test_a_users_choice_wins_and_nonsense_falls_back_to_the_default() -> None:
    kind = NoticeKind.LEAD_ESCALATED
    assert delivery_of(kind, {}) is Delivery.DIGEST
    assert delivery_of(kind, {"lead_escalated": "immediate"}) is Delivery.IMMEDIATE
    assert delivery_of(kind, {"lead_escalated": "loud"}) is Delivery.DIGEST
    assert delivery_of(NoticeKind.QUOTE_APPROVAL_REQUESTED, {}) is Delivery.IMMEDIATE


def test_a_digest_goes_once_a_day_after_eight_local_time() -> None:
    seven = datetime(2026, 12, 6, 23, 0, tzinfo=UTC)  # 07:00 on the 7th in Shanghai
    nine = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)  # 09:00 on the 7th
    assert not digest_due(None, seven, SHANGHAI)
    assert digest_due(None, nine, SHANGHAI)
    assert digest_due(date(2026, 12, 6), nine, SHANGHAI)
    assert not digest_due(date(2026, 12, 7), nine, SHANGHAI)


def test_mails_have_stable_ids_and_links_into_the_portal() -> None:
    notice = uuid4()
    mail = immediate_mail("a@b.cn", notice, "t", "body", "/leads/x", "https://crm.example/")
    assert mail.message_id == f"<{notice}@crm-notifications>"
    assert "https://crm.example/leads/x" in mail.text
    digest = digest_mail(
        "a@b.cn", "u1", date(2026, 12, 7), [("t1", "/a"), ("t2", "/b")], "http://p"
    )
    assert digest.message_id == digest_mail("a@b.cn", "u1", date(2026, 12, 7), [], "x").message_id
    assert "2" in digest.subject
