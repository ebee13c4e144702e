"""The demo tenant of `./platform up`: one OEM, 2 regions, 6 dealers, 4 partners, every role;
and a dealer's own deployment of it (`./platform up --profile dealer`): that dealer's users
only, under names and ids of their own."""

from __future__ import annotations

from uuid import UUID, uuid5

from crm_common.contracts import new_event
from crm_common.contracts.events.identity.v1 import OrgChanged
from crm_common.contracts.events.identity.v2 import UserChangedV2
from crm_common.db import UnitOfWork
from crm_identity.adapters import repository
from crm_identity.application.passwords import Passwords
from crm_identity.domain.org_tree import OrgKind, child_path

TENANT = "oem-demo"
# (id, parent, kind, name, partner type)
ORG_TREE: list[tuple[str, str | None, OrgKind, str, str | None]] = [
    ("demo-hq", None, OrgKind.HQ, "Demo Motors HQ", None),
    ("region-east", "demo-hq", OrgKind.REGION, "East region", None),
    ("region-north", "demo-hq", OrgKind.REGION, "North region", None),
    ("dealer-sh-01", "region-east", OrgKind.DEALER, "Shanghai Pudong 4S", None),
    ("dealer-sh-02", "region-east", OrgKind.DEALER, "Shanghai Minhang 4S", None),
    ("dealer-hz-01", "region-east", OrgKind.DEALER, "Hangzhou Xihu 4S", None),
    ("dealer-bj-01", "region-north", OrgKind.DEALER, "Beijing Chaoyang 4S", None),
    ("dealer-bj-02", "region-north", OrgKind.DEALER, "Beijing Haidian 4S", None),
    ("dealer-tj-01", "region-north", OrgKind.DEALER, "Tianjin Binhai 4S", None),
    ("team-sh-01-a", "dealer-sh-01", OrgKind.TEAM, "Pudong sales team A", None),
    ("partner-finance", "demo-hq", OrgKind.PARTNER, "Demo Auto Finance", "finance"),
    ("partner-insurance", "demo-hq", OrgKind.PARTNER, "Demo Insurance", "insurance"),
    ("partner-parts", "demo-hq", OrgKind.PARTNER, "Demo Parts Co.", "parts"),
    ("partner-repair", "demo-hq", OrgKind.PARTNER, "Demo Body & Paint Works", "service"),
]
# (username, org node, roles)
USERS: list[tuple[str, str, list[str]]] = [
    ("hq.admin", "demo-hq", ["hq_admin"]),
    ("hq.analyst", "demo-hq", ["hq_analyst"]),
    # Tiered assessment's reviewers: the sales VP, then HR.
    ("hq.vp", "demo-hq", ["sales_vp"]),
    ("hq.hr", "demo-hq", ["hr"]),
    ("east.manager", "region-east", ["region_manager"]),
    ("sh01.admin", "dealer-sh-01", ["dealer_admin"]),
    ("sh01.manager", "dealer-sh-01", ["sales_manager"]),
    ("sh01.consultant1", "dealer-sh-01", ["sales_consultant"]),
    ("sh01.consultant2", "dealer-sh-01", ["sales_consultant"]),
    ("sh01.service", "dealer-sh-01", ["service_advisor"]),
    ("sh01.renewal", "dealer-sh-01", ["renewal_specialist"]),
    ("sh02.consultant1", "dealer-sh-02", ["sales_consultant"]),
    ("bj01.consultant1", "dealer-bj-01", ["sales_consultant"]),
    ("cc.agent", "demo-hq", ["call_center_agent"]),
    ("cc.supervisor", "demo-hq", ["call_center_supervisor"]),
    ("finance.partner", "partner-finance", ["partner_user"]),
    ("insurance.partner", "partner-insurance", ["partner_user"]),
    # The repair shop works the jobs dealers send it; the parts maker answers parts claims.
    ("repair.partner", "partner-repair", ["partner_user"]),
    ("parts.partner", "partner-parts", ["partner_user"]),
]


DEALER_DEPLOYMENT_USERS: list[tuple[str, list[str]]] = [
    ("admin", ["dealer_admin"]),
    ("manager", ["sales_manager"]),
    ("consultant1", ["sales_consultant"]),
    ("consultant2", ["sales_consultant"]),
    ("service", ["service_advisor"]),
    ("renewal", ["renewal_specialist"]),
]
"""(name, roles) of the demo users of a dealer's own deployment, each ``<dealer>.<name>``."""

_DEMO_USER_IDS = UUID("5f0c1d2e-8a4b-4c6d-9e7f-0a1b2c3d4e5f")
"""The namespace of demo users' ids (``uuid5`` of the tenant and username)."""


def demo_user_id(username: str) -> UUID:
    """A demo user's id: the same on every seeding, and another for every username — so HQ's
    demo users and a dealer deployment's, whose users go up to HQ's identity, never share
    one."""
    return uuid5(_DEMO_USER_IDS, f"{TENANT}/{username}")


def _placed() -> tuple[dict[str | None, str], dict[str | None, str | None]]:
    """Each node of the demo tree → its path, and → its dealer (itself for a dealer; None
    above dealers)."""
    paths: dict[str | None, str] = {None: "/"}
    dealers: dict[str | None, str | None] = {None: None}
    for node_id, parent, kind, _, _ in ORG_TREE:
        paths[node_id] = child_path(paths[parent], node_id)
        dealers[node_id] = node_id if kind is OrgKind.DEALER else dealers[parent]
    return paths, dealers


async def seed_demo_tenant(uow: UnitOfWork, passwords: Passwords, password: str) -> bool:
    """Creates the demo tenant once; False when it exists already."""
    password_hash = await passwords.hash(password)
    async with uow:
        if await repository.tenant_exists(uow.session, TENANT):
            return False
        paths, dealers = _placed()
        for node_id, parent, kind, name, partner_type in ORG_TREE:
            await uow.publish(
                new_event(
                    OrgChanged(
                        org_id=node_id,
                        parent_id=parent,
                        kind=kind.value,
                        name=name,
                        path=paths[node_id],
                        dealer_id=dealers[node_id],
                        active=True,
                    ),
                    tenant=TENANT,
                    owner_org=node_id,
                    actor="seed-demo",
                )
            )
            await repository.add_org_node(
                uow.session,
                repository.OrgNodeRecord(
                    id=node_id,
                    tenant=TENANT,
                    parent_id=parent,
                    kind=kind.value,
                    name=name,
                    partner_type=partner_type,
                    path=paths[node_id],
                ),
            )
        for username, org_node, roles in USERS:
            await _add_demo_user(uow, username, org_node, dealers[org_node], roles, password_hash)
    return True


async def seed_dealer_deployment(
    uow: UnitOfWork, passwords: Passwords, password: str, dealer: str
) -> bool:
    """The demo tenant at ``dealer``'s own deployment: its nodes of the demo tree kept here
    unpublished (a dealer's deployment never says how HQ's tree looks: HQ's tree comes down
    and replaces them in place), and its demo users (``DEALER_DEPLOYMENT_USERS``, named
    ``<dealer>.<name>``, ids from ``demo_user_id``), published — they go up to HQ, whose
    identity keeps usernames unique and already has HQ's demo users of the dealer
    (``sh01.admin``…). Once; False when seeded already."""
    paths, dealers = _placed()
    nodes = [node for node in ORG_TREE if dealers[node[0]] == dealer]
    if not nodes:
        raise ValueError(f"{dealer!r} is no dealer of the demo tenant")
    password_hash = await passwords.hash(password)
    async with uow:
        first = f"{dealer}.{DEALER_DEPLOYMENT_USERS[0][0]}"
        if await repository.user(uow.session, demo_user_id(first)) is not None:
            return False
        for node_id, parent, kind, name, partner_type in nodes:
            await repository.keep_org_node(
                uow.session,
                repository.OrgNodeRecord(
                    id=node_id,
                    tenant=TENANT,
                    parent_id=parent,
                    kind=kind.value,
                    name=name,
                    partner_type=partner_type,
                    path=paths[node_id],
                ),
                active=True,
            )
        for name, roles in DEALER_DEPLOYMENT_USERS:
            await _add_demo_user(uow, f"{dealer}.{name}", dealer, dealer, roles, password_hash)
    return True


async def _add_demo_user(
    uow: UnitOfWork,
    username: str,
    org_node: str,
    dealer_id: str | None,
    roles: list[str],
    password_hash: str,
) -> None:
    """A demo user under its fixed id, stored and announced as any created user is."""
    user_id = demo_user_id(username)
    await uow.publish(
        new_event(
            UserChangedV2(
                user_id=user_id,
                org_id=org_node,
                dealer_id=dealer_id,
                username=username,
                display_name=username,
                roles=roles,
                active=True,
                change="created",
            ),
            tenant=TENANT,
            owner_org=org_node,
            actor="seed-demo",
        )
    )
    await repository.add_user(
        uow.session,
        repository.NewUser(
            id=user_id,
            tenant=TENANT,
            org_node=org_node,
            username=username,
            display_name=username,
            password_hash=password_hash,
            roles=roles,
        ),
    )
