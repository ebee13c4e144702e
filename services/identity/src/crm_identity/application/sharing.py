"""Setting sharing agreements; every change publishes identity.SharingPolicyChanged."""

from __future__ import annotations

from dataclasses import dataclass

from crm_common.auth.principal import Principal
from crm_common.contracts import new_event
from crm_common.contracts.events.identity.v1 import SharingPolicyChanged
from crm_common.db import UnitOfWork
from crm_common.policy.sharing import DataType, Direction, SharingLevel
from crm_identity.adapters import repository
from crm_identity.application.errors import Forbidden
from crm_identity.domain.sharing import may_set_agreement


@dataclass(frozen=True)
class SetAgreement:
    data_type: DataType
    direction: Direction
    dealer_id: str
    partner_id: str
    level: SharingLevel


async def set_agreement(uow: UnitOfWork, actor: Principal, command: SetAgreement) -> None:
    async with uow:
        actor_dealer = await repository.dealer_of(uow.session, actor.tenant, actor.org_node)
        if not may_set_agreement(actor.roles, actor_dealer, command.direction, command.dealer_id):
            raise Forbidden("the providing party sets how much of its data it shares")
        await repository.set_agreement(
            uow.session,
            tenant=actor.tenant,
            data_type=command.data_type.value,
            direction=command.direction.value,
            dealer_id=command.dealer_id,
            partner_id=command.partner_id,
            level=command.level.label,
            updated_by=actor.user_id,
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
