"""What identity keeps of the other side of a dealer deployment's link
(docs/dealer-deployments.md, "Identity: who signs what").

- At a dealer's deployment: HQ's org tree and sharing agreements, come down as HQ's identity
  published them, so the dealer's own identity (its logins, its users' placement, its admin's
  agreements) works on HQ's tree while HQ is unreachable. Nothing is published for them: they
  are HQ's events, on the deployment's topics already.
- At HQ: the users a dealer's admin created in the dealer's deployment, come up, so that HQ's
  directory lists them. They never log in at HQ (the dealer's identity vouches for them at the
  dealer only), and only the dealer's deployment changes them. HQ takes a dealer's word only
  for its own people: a user placed in a node that is not the dealer's in HQ's tree, with a
  role a dealer's admin may not grant, or under the id of a user who is not the dealer's, is
  refused (dead-lettered). The agreements a dealer's admin sets come up too, and HQ's
  directory keeps them like its own.
"""

from __future__ import annotations

from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.identity.v1 import OrgChanged, SharingPolicyChanged
from crm_common.contracts.events.identity.v2 import UserChangedV2
from crm_common.db import UnitOfWork
from crm_common.policy.roles import role
from crm_identity.adapters import repository

NO_PASSWORD = "!"  # noqa: S105 - not a password: a hash no password matches
"""The password hash of a user who never logs in here: no password verifies against it."""


class NotTheDealersOwn(ValueError):
    """A dealer's deployment described something that is not the dealer's to describe."""


async def follow_org_change(uow: UnitOfWork, event: Envelope[OrgChanged]) -> None:
    node = event.data
    await repository.keep_org_node(
        uow.session,
        repository.OrgNodeRecord(
            id=node.org_id,
            tenant=event.tenant,
            parent_id=node.parent_id,
            kind=node.kind,
            name=node.name,
            partner_type=None,
            path=node.path,
        ),
        active=node.active,
    )


async def follow_agreement(uow: UnitOfWork, event: Envelope[SharingPolicyChanged]) -> None:
    agreement = event.data
    await repository.set_agreement(
        uow.session,
        tenant=event.tenant,
        data_type=agreement.data_type,
        direction=agreement.direction,
        dealer_id=agreement.dealer_id,
        partner_id=agreement.partner_id,
        level=agreement.level,
        updated_by=event.actor or agreement.dealer_id,
    )


async def keep_dealers_user(uow: UnitOfWork, event: Envelope[UserChangedV2]) -> None:
    user, session = event.data, uow.session
    dealer = user.dealer_id
    if dealer is None or await repository.dealer_of(session, event.tenant, user.org_id) != dealer:
        raise NotTheDealersOwn(
            f"a dealer's user placed in {user.org_id!r}, which is not {dealer!r}'s in HQ's tree"
        )
    if not all(role(r).dealer_level for r in user.roles):
        raise NotTheDealersOwn(f"{dealer!r} gave its user {user.roles!r}: beyond a dealer's roles")
    kept = await repository.keep_user_of_deployment(
        session,
        repository.NewUser(
            id=user.user_id,
            tenant=event.tenant,
            org_node=user.org_id,
            username=user.username,
            display_name=user.display_name,
            password_hash=NO_PASSWORD,
            roles=sorted(user.roles),
        ),
        dealer=dealer,
        active=user.active,
    )
    if not kept:
        raise NotTheDealersOwn(f"user {user.user_id} is not {dealer!r}'s")
