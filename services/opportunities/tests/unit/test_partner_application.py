"""The status a finance or insurance partner moves its application through."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from uuid import uuid4

import pytest

from crm_opportunities.domain.partner_application import (
    ApplicationConflict,
    ApplicationStatus,
    PartnerApplication,
)
from crm_opportunities.domain.quote import LineKind

NOW = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
SUBMITTED, APPROVED, DECLINED = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.APPROVED,
    ApplicationStatus.DECLINED,
)


def submitted() -> PartnerApplication:
    return PartnerApplication(
        id=uuid4(),
        tenant="t",
        owner_org="dealer-a",
        opportunity_id=uuid4(),
        quote_id=uuid4(),
        order_id=uuid4(),
        partner_id="bank-1",
        kind=LineKind.FINANCE,
        product_code="LOAN-36",
        description="36-month loan",
        amount=Decimal("120000"),
        status=SUBMITTED,
        note=None,
        updated_by="c1",
        updated_at=NOW,
        created_at=NOW,
    )


@pytest.mark.parametrize("decision", [APPROVED, DECLINED])
def test_the_partner_decides_a_submitted_application(decision: ApplicationStatus) -> None:
    application = submitted()
    later = NOW + timedelta(hours=1)
    application.move_to(decision, "checked", "p1", later)
    assert (application.status, application.note, application.updated_by) == (
        decision,
        "checked",
        "p1",
    )
    assert (application.updated_at, application.created_at) == (later, NOW)


def test_a_declined_application_is_submitted_again_and_then_approved() -> None:
    application = submitted()
    application.move_to(DECLINED, "income proof missing", "p1", NOW)
    with pytest.raises(ApplicationConflict, match="submitted again"):
        application.move_to(APPROVED, None, "p1", NOW)
    application.move_to(SUBMITTED, "proof attached", "p1", NOW)
    application.move_to(APPROVED, None, "p1", NOW)
    assert application.status is APPROVED


@pytest.mark.parametrize("status", list(ApplicationStatus))
def test_an_approval_is_final(status: ApplicationStatus) -> None:
    application = submitted()
    application.move_to(APPROVED, None, "p1", NOW)
    with pytest.raises(ApplicationConflict):
        application.move_to(status, None, "p1", NOW + timedelta(days=1))
    assert (application.status, application.updated_at) == (APPROVED, NOW)


@pytest.mark.parametrize("path", [[], [DECLINED]])
def test_the_same_status_again_is_a_conflict(path: list[ApplicationStatus]) -> None:
    application = submitted()
    for status in path:
        application.move_to(status, None, "p1", NOW)
    before = application.status
    with pytest.raises(ApplicationConflict, match="already"):
        application.move_to(before, None, "p2", NOW)
    assert (application.status, application.updated_by) == (before, "p1" if path else "c1")
