"""Events published by services/identity, version 1."""

from __future__ import annotations

from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from crm_common.contracts.envelope import Envelope, EventData

ORG_TOPIC = "crm.identity.org.v1"
SHARING_TOPIC = "crm.identity.sharing.v1"
USER_TOPIC = "crm.identity.user.v1"


class OrgChanged(EventData):
    """An org node was created, moved, renamed or deactivated (services keep their copy)."""

    event_type: ClassVar[str] = "identity.OrgChanged"
    event_version: ClassVar[int] = 1
    topic: ClassVar[str] = ORG_TOPIC

    org_id: str
    parent_id: str | None
    kind: str
    name: str
    path: str = Field(description="Materialised path, e.g. /hq/east/dealer-sh-01/")
    dealer_id: str | None = Field(
        description="The dealer this node belongs to (itself for a dealer); none above dealers"
    )
    active: bool

    def aggregate_key(self) -> str:
        return self.org_id


class UserChanged(EventData):
    """A user was added, changed or deactivated; leads reassign a deactivated user's records."""

    event_type: ClassVar[str] = "identity.UserChanged"
    event_version: ClassVar[int] = 1
    topic: ClassVar[str] = USER_TOPIC

    user_id: UUID
    org_id: str
    roles: list[str]
    active: bool
    change: Literal["created", "updated", "deactivated"]

    def aggregate_key(self) -> str:
        return str(self.user_id)


class SharingPolicyChanged(EventData):
    """A sharing agreement was set: how much of one data type flows in one direction.

    ``dealer_id``/``partner_id`` of ``*`` make it the tenant-wide default for that direction.
    """

    event_type: ClassVar[str] = "identity.SharingPolicyChanged"
    event_version: ClassVar[int] = 1
    topic: ClassVar[str] = SHARING_TOPIC

    data_type: str = Field(
        description="lead, customer, opportunity, quote, order, ticket, call, kpi"
    )
    direction: str = Field(description="dealer_to_oem, oem_to_dealer, dealer_to_partner, ...")
    dealer_id: str = Field(description="The dealer the agreement is for, or * for all")
    partner_id: str = Field(description="The partner the agreement is for, or * for all")
    level: Literal["none", "aggregate", "masked", "full"]

    def aggregate_key(self) -> str:
        return f"{self.data_type}:{self.direction}:{self.dealer_id}:{self.partner_id}"


OrgChangedEvent = Envelope[OrgChanged]
SharingPolicyChangedEvent = Envelope[SharingPolicyChanged]
UserChangedEvent = Envelope[UserChanged]

ALL = (OrgChanged, UserChanged, SharingPolicyChanged)
