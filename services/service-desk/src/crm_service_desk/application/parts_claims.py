"""Parts claims (零部件索赔): the dealer files a claim of a ticket's repair against the parts
maker (a partner org); the maker accepts, rejects or asks for more information; the dealer
files again with it. Each step publishes ``PartsClaimUpdated`` and writes a line of the
ticket's history."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from crm_common.auth import Principal
from crm_common.contracts.events.service_desk.v1 import PartsClaimUpdated
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_service_desk.adapters import partner_store, parts_claim_store, repository
from crm_service_desk.adapters.access import any_ticket
from crm_service_desk.application.tickets import changing
from crm_service_desk.domain.parts_claims import ClaimStatus, answered, check_claim, refiled


class ClaimNotFound(LookupError):
    """No such claim the caller may act on (answered 404)."""


async def _announce(
    uow: UnitOfWork, claim: dict[str, Any], status: ClaimStatus, actor: Principal, now: datetime
) -> None:
    ticket = await repository.ticket_for_change(
        uow.session, claim["ticket_id"], any_ticket(claim["tenant"])
    )
    assert ticket is not None  # a claim's ticket is never deleted
    await repository.add_history(
        uow.session,
        ticket,
        actor=actor.user_id,
        action="parts_claim",
        at=now,
        detail={"claim": str(claim["id"]), "maker": claim["partner_id"], "status": status.value},
    )
    await uow.publish_about(
        [
            PartsClaimUpdated(
                claim_id=claim["id"],
                ticket_id=claim["ticket_id"],
                dealer_id=claim["owner_org"],
                partner_id=claim["partner_id"],
                status=status.value,
                at=now,
            )
        ],
        tenant=claim["tenant"],
        owner_org=claim["owner_org"],
        actor=actor.user_id,
    )


async def file_claim(
    ticket_id: UUID,
    *,
    partner_id: str,
    part_number: str,
    quantity: int,
    description: str,
    actor: Principal,
    uow: UnitOfWork,
    now: datetime,
) -> dict[str, Any]:
    """A claim of a ticket the caller works against a parts maker (422 naming ``partner_id``
    for an org that is not a partner)."""
    check_claim(part_number, quantity)
    async with uow:
        ticket = await changing(uow, ticket_id, actor)
        if not await partner_store.is_partner(uow.session, ticket.tenant, partner_id):
            raise InvalidInput("partner_id", f"{partner_id!r} is not a partner org")
        claim_id = uuid4()
        claim: dict[str, Any] = {
            "id": claim_id,
            "tenant": ticket.tenant,
            "owner_org": ticket.owner_org,
            "ticket_id": ticket.id,
            "partner_id": partner_id,
            "part_number": part_number.strip(),
            "quantity": quantity,
            "description": description.strip(),
            "status": ClaimStatus.FILED.value,
            "answer": None,
            "filed_by": actor.user_id,
            "filed_at": now,
            "updated_at": now,
        }
        await parts_claim_store.add_claim(uow.session, claim)
        await _announce(uow, claim, ClaimStatus.FILED, actor, now)
        return await parts_claim_store.claim_row(uow.session, claim_id)


async def file_again(
    claim_id: UUID, information: str, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> dict[str, Any]:
    """The information the maker asked for; the claim is filed again (409 otherwise)."""
    if not information.strip():
        raise InvalidInput("information", "say what the maker asked for")
    async with uow:
        claim = await parts_claim_store.claim_for_dealer(uow.session, actor, claim_id)
        if claim is None:
            raise ClaimNotFound("claim not found")
        status = refiled(ClaimStatus(claim["status"]))
        description = f"{claim['description']}\n\n{information.strip()}".strip()
        await parts_claim_store.save_claim(
            uow.session,
            claim_id,
            {"status": status.value, "description": description, "updated_at": now},
        )
        await _announce(uow, claim, status, actor, now)
        return await parts_claim_store.claim_row(uow.session, claim_id)


async def answer_claim(
    claim_id: UUID,
    status: ClaimStatus,
    answer: str | None,
    maker: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
) -> dict[str, Any]:
    """The parts maker's answer to a filed claim naming it (404 for any other claim)."""
    async with uow:
        claim = await parts_claim_store.claim_for_maker(uow.session, maker, claim_id)
        if claim is None:
            raise ClaimNotFound("claim not found")
        new_status = answered(ClaimStatus(claim["status"]), status)
        await parts_claim_store.save_claim(
            uow.session,
            claim_id,
            {
                "status": new_status.value,
                "answer": (answer or "").strip() or None,
                "updated_at": now,
            },
        )
        await _announce(uow, claim, new_status, maker, now)
        return await parts_claim_store.claim_row(uow.session, claim_id)
