"""Finance and insurance applications (金融/保险申请): what a partner is asked for when a quote
with its product is accepted, and the status the partner moves it through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from crm_common.policy.sharing import DataType
from crm_opportunities.domain.quote import LineKind

# Applications are part of the order a dealer shares with the partner (its agreements on
# "order" data decide what the partner sees).
APPLICATION_DATA = DataType.ORDER


class ApplicationNotFound(LookupError):
    """No such application the caller may act on (answered 404)."""


class ApplicationStatus(StrEnum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    DECLINED = "declined"


# A declined application may be submitted again (amended papers); an approval is final.
NEXT: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    ApplicationStatus.SUBMITTED: frozenset(
        {ApplicationStatus.APPROVED, ApplicationStatus.DECLINED}
    ),
    ApplicationStatus.DECLINED: frozenset({ApplicationStatus.SUBMITTED}),
    ApplicationStatus.APPROVED: frozenset(),
}


class ApplicationConflict(Exception):
    """The application's status does not allow the move (answered 409)."""


@dataclass
class PartnerApplication:
    id: UUID
    tenant: str
    owner_org: str
    opportunity_id: UUID
    quote_id: UUID
    order_id: UUID | None
    partner_id: str
    kind: LineKind
    product_code: str
    description: str
    amount: Decimal
    status: ApplicationStatus
    note: str | None
    updated_by: str
    updated_at: datetime
    created_at: datetime

    def move_to(self, status: ApplicationStatus, note: str | None, by: str, now: datetime) -> None:
        if status is self.status:
            raise ApplicationConflict(f"the application is {status.value} already")
        if status not in NEXT[self.status]:
            raise ApplicationConflict(
                "an approved application is final"
                if self.status is ApplicationStatus.APPROVED
                else f"a {self.status.value} application is submitted again before it is "
                f"{status.value}"
            )
        self.status, self.note, self.updated_by, self.updated_at = status, note, by, now
