"""The demo tenant of `./platform up`: one OEM, 2 regions, 6 dealers, 4 partners, every role."""

from __future__ import annotations

from uuid import uuid4

from crm_common.contracts import new_event
from crm_common.contracts.events.identity.v1 import OrgChanged
from crm_common.contracts.events.identity.v2 import UserChangedV2
from crm_common.db import UnitOfWork
from crm_identity.adapters import repository
from crm_identity.application.passwords import hash_password
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


async def seed_demo_tenant(uow: UnitOfWork, password: str) -> bool:
    """Creates the demo tenant once; False when it exists already."""
    password_hash = await hash_password(password)
    async with uow:
        if await repository.tenant_exists(uow.session, TENANT):
            return False
        paths: dict[str | None, str] = {None: "/"}
        dealers: dict[str | None, str | None] = {None: None}
        for node_id, parent, kind, name, partner_type in ORG_TREE:
            paths[node_id] = child_path(paths[parent], node_id)
            dealers[node_id] = node_id if kind is OrgKind.DEALER else dealers[parent]
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
            user_id = uuid4()
            await uow.publish(
                new_event(
                    UserChangedV2(
                        user_id=user_id,
                        org_id=org_node,
                        dealer_id=dealers[org_node],
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
    return True
