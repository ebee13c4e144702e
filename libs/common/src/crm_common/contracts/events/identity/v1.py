"""Events published by services/identity, version 1."""

from __future__ import annotations

from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from crm_common.contracts.envelope import Envelope, EventData

ORG_TOPIC = "crm.identity.org.v1"
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


OrgChangedEvent = Envelope[OrgChanged]
UserChangedEvent = Envelope[UserChanged]

ALL = (OrgChanged, UserChanged)
