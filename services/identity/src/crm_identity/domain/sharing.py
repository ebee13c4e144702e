"""Who may set a sharing agreement: the party that provides the data decides how much it shares."""

from __future__ import annotations

from crm_common.policy.sharing import ALL_ORGS, Direction

_FROM_DEALER = {Direction.DEALER_TO_OEM, Direction.DEALER_TO_PARTNER}


def may_set_agreement(
    actor_roles: frozenset[str], actor_dealer: str | None, direction: Direction, dealer_id: str
) -> bool:
    """A dealer's own data: only that dealer's admin, and only for that dealer (HQ cannot make
    dealers hand over their prospects). The OEM's data: HQ admins, for all or one dealer."""
    if direction in _FROM_DEALER:
        return (
            "dealer_admin" in actor_roles
            and actor_dealer is not None
            and dealer_id == actor_dealer
            and dealer_id != ALL_ORGS
        )
    return "hq_admin" in actor_roles
