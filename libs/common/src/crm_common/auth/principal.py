from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class DataScope(StrEnum):
    """How far a user's data visibility reaches in the org tree (DOMAIN.md "permissions")."""

    OWN = "own"
    TEAM = "team"
    DEALER = "dealer"
    SUBTREE = "subtree"
    TENANT = "tenant"


class Principal(BaseModel):
    """The verified caller of a request or the actor of a command."""

    model_config = ConfigDict(frozen=True)

    user_id: str = Field(min_length=1)
    tenant: str = Field(min_length=1, description="OEM the user belongs to")
    org_node: str = Field(
        min_length=1, description="Org node the user works in (dealer, team, HQ…)"
    )
    roles: frozenset[str] = frozenset()
    data_scope: DataScope = DataScope.OWN
