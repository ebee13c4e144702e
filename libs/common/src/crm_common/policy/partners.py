"""What a finance or insurance partner may see of a dealer's records: only rows naming the
partner's org, and only as far as the dealer→partner sharing agreement reaches."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, func, select

from crm_common.auth.principal import Principal
from crm_common.db.tables import sharing_levels
from crm_common.policy.sharing import (
    ALL_ORGS,
    DataType,
    Direction,
    SharingLevel,
    default_level,
)
from crm_common.policy.visibility import Column

_DIRECTION = Direction.DEALER_TO_PARTNER


def partner_level(
    tenant: str, data_type: DataType, *, dealer_id: Column, partner_id: str
) -> ColumnElement[int]:
    """SQL expression: the level a dealer agreed to share with one partner. The most specific
    agreement wins — this dealer with this partner, this dealer with every partner, every
    dealer with this partner, the tenant's — else the default (masked)."""
    s = sharing_levels

    def agreed(dealer: Column | str, partner: str) -> ColumnElement[int]:
        return (
            select(s.c.level)
            .where(
                s.c.tenant == tenant,
                s.c.data_type == data_type.value,
                s.c.direction == _DIRECTION.value,
                s.c.dealer_id == dealer,
                s.c.partner_id == partner,
            )
            .correlate_except(s)
            .scalar_subquery()
        )

    return func.coalesce(
        agreed(dealer_id, partner_id),
        agreed(dealer_id, ALL_ORGS),
        agreed(ALL_ORGS, partner_id),
        agreed(ALL_ORGS, ALL_ORGS),
        default_level(_DIRECTION, data_type).value,
    )


def visible_to_partner(
    principal: Principal,
    data_type: DataType,
    *,
    tenant: Column,
    owner_org: Column,
    partner_column: Column,
    need: SharingLevel = SharingLevel.MASKED,
) -> ColumnElement[bool]:
    """SQL condition: the rows naming the principal's org as their partner whose dealer
    (``owner_org``) shares ``data_type`` with that partner at level ``need`` or more. A row
    naming no partner, or another one, matches nothing: partners never see by data scope."""
    return and_(
        tenant == principal.tenant,
        partner_column == principal.org_node,
        partner_level(
            principal.tenant, data_type, dealer_id=owner_org, partner_id=principal.org_node
        )
        >= need.value,
    )
