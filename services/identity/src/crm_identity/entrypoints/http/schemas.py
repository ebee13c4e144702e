from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from crm_common.policy.sharing import DataType, Direction
from crm_identity.domain.org_tree import OrgKind, PartnerType

_ID = r"^[a-z0-9][a-z0-9-]{1,63}$"


class TokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=200)


class RefreshRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    refresh_token: str = Field(min_length=20, max_length=200)


class TokenResponse(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "Bearer"  # noqa: S105 - the OAuth token type, not a secret
    expires_in: int


class MePublic(BaseModel):
    user_id: str
    tenant: str
    org_node: str
    roles: list[str]
    data_scope: str


class OrgNodeCreate(BaseModel):
    """A new org node of the caller's tenant."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=_ID, examples=["dealer-sh-03"])
    parent_id: str | None = Field(default=None, pattern=_ID)
    kind: OrgKind
    name: str = Field(min_length=1, max_length=200)
    partner_type: PartnerType | None = None


class OrgNodeMove(BaseModel):
    """Where the node goes: below this parent, with everything below it."""

    model_config = ConfigDict(extra="forbid")
    parent_id: str = Field(pattern=_ID, examples=["north"])


class UserCreate(BaseModel):
    """A new user; the tenant is the caller's, never taken from the body."""

    model_config = ConfigDict(extra="forbid")
    username: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{2,99}$")
    display_name: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=12, max_length=200)
    org_node: str = Field(pattern=_ID)
    roles: list[str] = Field(min_length=1, max_length=5)


class SharingAgreementSet(BaseModel):
    """How much of one data type flows in one direction; ``*`` ids mean every dealer/partner."""

    model_config = ConfigDict(extra="forbid")
    data_type: DataType
    direction: Direction
    dealer_id: str = Field(default="*", pattern=r"^(\*|[a-z0-9][a-z0-9-]{1,63})$")
    partner_id: str = Field(default="*", pattern=r"^(\*|[a-z0-9][a-z0-9-]{1,63})$")
    level: Literal["none", "aggregate", "masked", "full"]
