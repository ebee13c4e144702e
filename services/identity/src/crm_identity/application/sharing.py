"""Setting sharing agreements; every change publishes identity.SharingPolicyChanged."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert

from crm_common.auth.principal import Principal
from crm_common.contracts import new_event
from crm_common.contracts.events.identity.v1 import SharingPolicyChanged
from crm_common.db import UnitOfWork
from crm_common.policy.sharing import DataType, Direction, SharingLevel
from crm_identity.adapters.tables import org_nodes, sharing_agreements
from crm_identity.application.errors import Forbidden
from crm_identity.domain.sharing import may_set_agreement


@dataclass(frozen=True)
class SetAgreement:
    data_type: DataType
    direction: Direction
    dealer_id: str
    partner_id: str
    level: SharingLevel


async def dealer_of(uow: UnitOfWork, tenant: str, org_id: str) -> str | None:
    """The dealer an org node belongs to: itself if it is one, else the dealer above it."""
    own_path = (
        select(org_nodes.c.path)
        .where(org_nodes.c.id == org_id, org_nodes.c.tenant == tenant)
        .scalar_subquery()
    )
    dealer: str | None = (
        await uow.session.execute(
            select(org_nodes.c.id).where(
                org_nodes.c.tenant == tenant,
                org_nodes.c.kind == "dealer",
                own_path.startswith(org_nodes.c.path),
            )
        )
    ).scalar_one_or_none()
    return dealer


async def set_agreement(uow: UnitOfWork, actor: Principal, command: SetAgreement) -> None:
    async with uow:
        actor_dealer = await dealer_of(uow, actor.tenant, actor.org_node)
        if not may_set_agreement(actor.roles, actor_dealer, command.direction, command.dealer_id):
            raise Forbidden("the providing party sets how much of its data it shares")
        values = {
            "level": command.level.label,
            "updated_by": actor.user_id,
            "updated_at": func.now(),
        }
        await uow.session.execute(
            insert(sharing_agreements)
            .values(
                tenant=actor.tenant,
                data_type=command.data_type.value,
                direction=command.direction.value,
                dealer_id=command.dealer_id,
                partner_id=command.partner_id,
                **values,
            )
            .on_conflict_do_update(index_elements=list(sharing_agreements.primary_key), set_=values)
        )
        await uow.publish(
            new_event(
                SharingPolicyChanged(
                    data_type=command.data_type.value,
                    direction=command.direction.value,
                    dealer_id=command.dealer_id,
                    partner_id=command.partner_id,
                    level=command.level.label,
                ),
                tenant=actor.tenant,
                owner_org=actor.org_node,
                actor=actor.user_id,
            )
        )
