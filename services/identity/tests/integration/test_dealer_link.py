"""What identity keeps of the other side of a dealer deployment's link, on real PostgreSQL: at a
dealer, HQ's tree and agreements as they come down; at HQ, the users a dealer's admin created,
taken only for the dealer's own people. The events are handed to the subscriptions' effects
through the inbox, as the worker does (the link itself is tests/dealer_link's)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID, uuid4

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts import new_event
from crm_common.contracts.envelope import Envelope, EventData
from crm_common.contracts.events.identity.v1 import OrgChanged, SharingPolicyChanged
from crm_common.contracts.events.identity.v2 import UserChangedV2
from crm_common.db import UnitOfWork, create_engine, create_session_factory
from crm_common.db.tables import outbox
from crm_common.inbox.store import process_once
from crm_common.settings import Settings
from crm_common.testing.plugin import Databases
from crm_common.testing.services import migrated_database
from crm_identity.adapters import repository
from crm_identity.adapters.tables import org_nodes, sharing_agreements, users
from crm_identity.application import demo
from crm_identity.application.link import NotTheDealersOwn
from crm_identity.application.passwords import Passwords
from crm_identity.entrypoints.consumers import subscriptions

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]
TENANT = "oem-link-identity"
DEALER = "dealer-sh-01"
TREE = [
    ("hq", None, "oem", "/hq/", None),
    ("east", "hq", "region", "/hq/east/", None),
    (DEALER, "east", "dealer", f"/hq/east/{DEALER}/", DEALER),
    ("sh01-sales", DEALER, "team", f"/hq/east/{DEALER}/sh01-sales/", DEALER),
    ("dealer-bj-01", "east", "dealer", "/hq/east/dealer-bj-01/", "dealer-bj-01"),
]
SUBSCRIPTIONS = {s.topic: s for s in subscriptions(Settings(env="test"))}
PASSWORDS = Passwords(concurrency=1, queue=4)


async def _sessions(
    databases: Databases, purpose: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Sessions]:
    url = await migrated_database("identity", databases, purpose, tmp_path_factory.mktemp(purpose))
    engine = create_engine(Settings(env="test", database_url=url))
    try:
        yield create_session_factory(engine)
    finally:
        await engine.dispose()


@pytest.fixture(scope="module")
async def dealer(
    databases: Databases, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Sessions]:
    """A dealer's own identity, empty until HQ's tree comes down."""
    async for sessions in _sessions(databases, "identity_link_dealer", tmp_path_factory):
        yield sessions


@pytest.fixture(scope="module")
async def hq(
    databases: Databases, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Sessions]:
    """HQ's identity, with its tree (built by its admins) and a user of its own."""
    async for sessions in _sessions(databases, "identity_link_hq", tmp_path_factory):
        async with sessions.begin() as session:
            for node, parent, kind, path, _ in TREE:
                await repository.add_org_node(
                    session, repository.OrgNodeRecord(node, TENANT, parent, kind, node, None, path)
                )
        yield sessions


async def deliver(sessions: Sessions, data: EventData, *, owner: str = "hq") -> bool:
    """The identity worker consumes one event that crossed the link (once, through its inbox)."""
    event = new_event(data, tenant=TENANT, owner_org=owner, actor="admin")
    return await redeliver(sessions, event)


async def redeliver(sessions: Sessions, event: Any) -> bool:
    subscription = SUBSCRIPTIONS[type(event.data).topic]
    [handles] = [h for h in subscription.handles if h.event is type(event.data)]
    return await process_once(
        sessions, subscription.consumer, event, lambda uow: handles.apply(uow, [event])
    )


def org_changed(
    node: str, parent: str | None, kind: str, path: str, dealer: str | None
) -> OrgChanged:
    return OrgChanged(
        org_id=node,
        parent_id=parent,
        kind=kind,
        name=node,
        path=path,
        dealer_id=dealer,
        active=True,
    )


def dealers_user(
    user_id: UUID,
    org: str,
    *,
    roles: list[str] | None = None,
    dealer: str | None = DEALER,
    active: bool = True,
    username: str | None = None,
) -> UserChangedV2:
    return UserChangedV2(
        user_id=user_id,
        org_id=org,
        dealer_id=dealer,
        username=username or f"u-{user_id.hex[:8]}",
        display_name="新顾问",
        roles=roles or ["sales_consultant"],
        active=active,
        change="created" if active else "deactivated",
    )


async def test_a_dealers_identity_keeps_hqs_tree_and_agreements_as_they_come_down(
    dealer: Sessions,
) -> None:
    # Each node's events keep their order, not the tree's: a team may come before its dealer.
    for node in reversed(TREE):
        assert await deliver(dealer, org_changed(*node))
    renamed = org_changed(*TREE[3]).model_copy(update={"name": "销售一部"})
    assert await deliver(dealer, renamed)
    agreement = SharingPolicyChanged(
        data_type="lead",
        direction="dealer_to_oem",
        dealer_id=DEALER,
        partner_id="*",
        level="masked",
    )
    assert await deliver(dealer, agreement)

    async with dealer() as session:
        nodes = {r.id: r for r in await session.execute(select(org_nodes))}
        assert set(nodes) == {node for node, *_ in TREE}
        assert nodes["sh01-sales"].name == "销售一部"
        assert nodes["sh01-sales"].parent_id == DEALER
        assert await repository.dealer_of(session, TENANT, "sh01-sales") == DEALER
        level = await session.scalar(
            select(sharing_agreements.c.level).where(sharing_agreements.c.dealer_id == DEALER)
        )
        assert level == "masked"


async def test_hq_lists_the_users_a_dealers_admin_created_who_never_log_in_there(
    hq: Sessions,
) -> None:
    user_id = uuid4()
    event = new_event(
        dealers_user(user_id, "sh01-sales"), tenant=TENANT, owner_org=DEALER, actor="a1"
    )
    assert await redeliver(hq, event)
    assert not await redeliver(hq, event), "redelivered: kept once"

    async with hq() as session:
        kept = (await session.execute(select(users).where(users.c.id == user_id))).one()
        assert (kept.org_node, kept.roles, kept.active, kept.deployment) == (
            "sh01-sales",
            ["sales_consultant"],
            True,
            DEALER,
        )
        assert await repository.user_for_login(session, kept.username) is None, (
            "a dealer's user logs in at the dealer only"
        )

    assert await deliver(hq, dealers_user(user_id, "sh01-sales", active=False), owner=DEALER)
    async with hq() as session:
        assert await session.scalar(select(users.c.active).where(users.c.id == user_id)) is False


async def test_hq_takes_a_dealers_word_for_its_own_people_only(hq: Sessions) -> None:
    own = uuid4()
    async with hq.begin() as session:
        await repository.add_user(
            session,
            repository.NewUser(own, TENANT, "hq", "hq.own-admin", "HQ", "x", ["hq_admin"]),
        )
    for refused in (
        dealers_user(uuid4(), "dealer-bj-01"),  # another dealer's node
        dealers_user(uuid4(), "east"),  # a node above dealers
        dealers_user(uuid4(), DEALER, dealer="dealer-bj-01"),  # claims to be another dealer
        dealers_user(uuid4(), DEALER, roles=["hq_admin"]),  # a role its admin may not grant
        dealers_user(own, DEALER, username="hq.own-admin"),  # HQ's own user's id
    ):
        with pytest.raises(NotTheDealersOwn):
            await deliver(hq, refused, owner=DEALER)
    async with hq() as session:
        mine = (await session.execute(select(users).where(users.c.id == own))).one()
        assert (mine.org_node, mine.roles, mine.deployment) == ("hq", ["hq_admin"], None)


async def test_a_dealers_demo_deployment_has_users_of_its_own_that_hq_keeps_beside_its_own(
    databases: Databases, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """`./platform up --profile dealer`: the dealer's identity seeds the dealer's demo users
    under names and ids of their own (once), publishes no node of HQ's tree, and HQ — whose
    demo has the dealer's HQ-side users (`sh01.admin`…) — keeps every one of them."""
    async for hq_sessions in _sessions(databases, "identity_demo_hq", tmp_path_factory):
        async for dealer_sessions in _sessions(databases, "identity_demo_dealer", tmp_path_factory):
            assert await demo.seed_demo_tenant(
                UnitOfWork(hq_sessions), PASSWORDS, "demo-password-1"
            )
            seeded = UnitOfWork(dealer_sessions)
            assert await demo.seed_dealer_deployment(seeded, PASSWORDS, "demo-password-1", DEALER)
            assert not await demo.seed_dealer_deployment(
                UnitOfWork(dealer_sessions), PASSWORDS, "demo-password-1", DEALER
            )
            async with dealer_sessions() as session:
                published = (await session.execute(select(outbox.c.payload))).scalars().all()
                names = (await session.execute(select(users.c.username))).scalars().all()
            assert {p["type"] for p in published} == {UserChangedV2.event_type}
            assert sorted(names) == sorted(f"{DEALER}.{n}" for n, _ in demo.DEALER_DEPLOYMENT_USERS)
            # Up at HQ, through its identity's intake of the dealer's users.
            for payload in published:
                event = Envelope[UserChangedV2].model_validate(payload)
                assert await redeliver(hq_sessions, event), payload["data"]["username"]
            async with hq_sessions() as session:
                at_hq = dict(
                    (await session.execute(select(users.c.username, users.c.deployment))).all()
                )
            assert at_hq["sh01.admin"] is None, "HQ's own demo user of the dealer"
            assert {at_hq[f"{DEALER}.{n}"] for n, _ in demo.DEALER_DEPLOYMENT_USERS} == {DEALER}
