"""Proposing and deciding a split of a deal's credit; each one unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.policy.directory import dealer_of
from crm_common.policy.roles import has_function
from crm_opportunities.adapters import credit_split_store, repository
from crm_opportunities.application.opportunities import opportunity_for_change
from crm_opportunities.domain.credit_split import (
    CreditSplitInvalid,
    Share,
    SplitStatus,
    decide,
    validate_split,
)
from crm_opportunities.domain.opportunity import OpportunityClosed, OpportunityStatus


@dataclass(frozen=True, slots=True)
class ProposedShare:
    user_id: str
    share_percent: Decimal


async def propose_credit_split(
    opportunity_id: UUID,
    proposed: Sequence[ProposedShare],
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
) -> None:
    """The owner (or a manager) proposes how the open deal's credit is shared; every other
    consultant must be an active seller of the same dealer. It waits for a manager."""
    async with uow:
        opportunity = await opportunity_for_change(uow, opportunity_id, actor)
        if opportunity.status is not OpportunityStatus.OPEN:
            raise OpportunityClosed(f"opportunity is {opportunity.status.value}")
        shares = []
        for share in proposed:
            if share.user_id == opportunity.owner_user:
                team = opportunity.owner_team
            else:
                member = await repository.active_staff_node(
                    uow.session, actor.tenant, share.user_id
                )
                if (
                    member is None
                    or await dealer_of(uow.session, actor.tenant, member[0])
                    != opportunity.owner_org
                    or not has_function(frozenset(member[1]), "opportunity.work")
                ):
                    raise CreditSplitInvalid(
                        f"{share.user_id!r} is not an active consultant of the dealer"
                    )
                team = member[0]
            shares.append(Share(share.user_id, team, share.share_percent))
        await credit_split_store.propose(
            uow.session,
            opportunity_id=opportunity.id,
            tenant=opportunity.tenant,
            owner_org=opportunity.owner_org,
            shares=validate_split(opportunity.owner_user, shares),
            by=actor.user_id,
            at=now,
        )


class CreditSplitNotFound(LookupError):
    """No split was proposed for the opportunity."""


async def decide_credit_split(
    opportunity_id: UUID,
    approved: bool,
    note: str | None,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
) -> SplitStatus:
    """A manager approves or rejects the proposed split (approved: it counts when the deal is
    won; rejected: the owner keeps all of it)."""
    async with uow:
        opportunity = await opportunity_for_change(uow, opportunity_id, actor)
        split = await credit_split_store.split_of(uow.session, opportunity.id, lock=True)
        if split is None:
            raise CreditSplitNotFound("no credit split was proposed for this opportunity")
        status = decide(split[0], approved)
        await credit_split_store.record_decision(
            uow.session, opportunity.id, status, by=actor.user_id, at=now, note=note
        )
    return status
