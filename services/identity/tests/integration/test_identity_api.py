"""Identity as a real process on real PostgreSQL: login, tokens, the org tree, users."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import jwt
import pytest
from argon2 import PasswordHasher
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from crm_common.auth.principal import DataScope, Principal
from crm_common.auth.tokens import generate_private_key_pem, sign_access_token
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.plugin import Databases
from crm_common.testing.processes import ServiceProcess, free_port, run_command

pytestmark = pytest.mark.integration
PASSWORD = "demo-password-for-tests"


@dataclass
class Identity:
    url: str
    database_url: str
    signing_key_pem: str

    def client(self, token: str | None = None) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.AsyncClient(base_url=self.url, headers=headers, timeout=30)

    async def login(self, username: str, password: str = PASSWORD) -> httpx.Response:
        async with self.client() as client:
            return await client.post(
                "/auth/token", json={"username": username, "password": password}
            )

    async def token(self, username: str) -> str:
        response = await self.login(username)
        assert response.status_code == 200, response.text
        token: str = response.json()["access_token"]
        return token


@contextmanager
def running_identity(
    infrastructure: Infrastructure,
    databases: Databases,
    database: str,
    keys: tuple[str, str],
    log_dir: Path,
    **settings: str,
) -> Iterator[Identity]:
    """An identity api on a database of its own with the demo tenant; ``settings`` are more
    CRM_ variables."""
    asyncio.run(databases.create(database))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    signing_key_pem, signing_key_encryption_key = keys
    env = {
        "CRM_ENV": "test",
        "CRM_SERVICE_NAME": "identity",
        "CRM_DATABASE_URL": databases.url(database),
        "CRM_KAFKA_BOOTSTRAP_SERVERS": infrastructure.kafka_bootstrap_servers,
        "CRM_HTTP_PORT": str(port),
        "CRM_JWKS_URL": f"{url}/.well-known/jwks.json",
        "CRM_SIGNING_KEY_PEM": signing_key_pem,
        "CRM_SIGNING_KEY_ENCRYPTION_KEY": signing_key_encryption_key,
        "CRM_DEMO_PASSWORD": PASSWORD,
        "CRM_LOG_LEVEL": "WARNING",
        **{f"CRM_{name.upper()}": value for name, value in settings.items()},
    }
    run_command("identity", "migrate", env, log_dir)
    run_command("identity", "seed-demo", env, log_dir)
    process = ServiceProcess("identity", "api", env, log_dir, ready_url=f"{url}/readyz")
    process.start()
    try:
        yield Identity(url, databases.url(database), signing_key_pem)
    finally:
        process.stop()


@pytest.fixture(scope="module")
def identity_process(
    infrastructure: Infrastructure,
    databases: Databases,
    signing_key_pem: str,
    signing_key_encryption_key: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Identity]:
    with running_identity(
        infrastructure,
        databases,
        "identity_api",
        (signing_key_pem, signing_key_encryption_key),
        Path(tmp_path_factory.mktemp("identity-logs")),
    ) as identity:
        yield identity


@pytest.fixture
def identity(identity_process: Identity) -> Identity:
    return identity_process


async def test_login_gives_a_token_with_the_users_principal(identity: Identity) -> None:
    token = await identity.token("sh01.consultant1")
    async with identity.client(token) as client:
        me = (await client.get("/me")).json()
    assert me["tenant"] == "oem-demo"
    assert me["org_node"] == "dealer-sh-01"
    assert me["roles"] == ["sales_consultant"]
    assert me["data_scope"] == "own"


async def test_wrong_credentials_all_look_the_same(identity: Identity) -> None:
    unknown = await identity.login("nobody.here", "whatever-password")
    wrong = await identity.login("sh01.service", "wrong-password")
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json() == wrong.json()


def from_address(identity: Identity, address: str) -> httpx.AsyncClient:
    """A client whose connections come from ``address`` (any of 127.0.0.0/8 on Linux)."""
    transport = httpx.AsyncHTTPTransport(local_address=address)
    return httpx.AsyncClient(base_url=identity.url, transport=transport, timeout=30)


async def test_failures_from_one_address_do_not_lock_the_owner_out(identity: Identity) -> None:
    """The lockout holds per username *and* address: knowing a username no longer lets
    anyone keep its owner out."""
    async with from_address(identity, "127.0.0.2") as attacker:
        for _ in range(5):
            wrong = {"username": "sh01.renewal", "password": "wrong-password"}
            assert (await attacker.post("/auth/token", json=wrong)).status_code == 401
        right = {"username": "sh01.renewal", "password": PASSWORD}
        locked = await attacker.post("/auth/token", json=right)
        assert locked.status_code == 429, "the guessing address is locked out"
        assert int(locked.headers["retry-after"]) > 0
    assert (await identity.login("sh01.renewal")).status_code == 200, "the owner logs in"


async def test_one_address_may_try_only_so_often(identity: Identity) -> None:
    async with from_address(identity, "127.0.0.3") as client:
        statuses = [
            (
                await client.post(
                    "/auth/token", json={"username": f"nobody{n}", "password": "whatever-pw"}
                )
            ).status_code
            for n in range(31)
        ]
    assert statuses[:30] == [401] * 30
    assert statuses[30] == 429


async def test_many_people_log_in_from_one_address(identity: Identity) -> None:
    """A dealer's office behind one public address, or the portal's backend: successes do not
    use up the address's budget of attempts."""
    users = ["sh01.consultant1", "sh01.consultant2", "sh01.manager", "sh02.consultant1"]
    async with from_address(identity, "127.0.0.4") as client:
        statuses = [
            (
                await client.post(
                    "/auth/token",
                    json={"username": users[n % len(users)], "password": PASSWORD},
                )
            ).status_code
            for n in range(40)
        ]
    assert statuses == [200] * 40


async def test_a_password_hash_of_older_parameters_is_made_again_at_login(
    identity: Identity,
) -> None:
    """Hashes made before logins hashed on one lane (argon2-cffi's default of four) still log
    in, and are replaced by a hash of today's parameters."""
    old = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4).hash(PASSWORD)
    engine = create_async_engine(identity.database_url)
    stored = text("SELECT password_hash FROM users WHERE username = 'hq.vp'")
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text("UPDATE users SET password_hash = :old WHERE username = 'hq.vp'"),
                {"old": old},
            )
        assert (await identity.login("hq.vp")).status_code == 200
        async with engine.connect() as conn:
            upgraded = (await conn.execute(stored)).scalar_one()
    finally:
        await engine.dispose()
    assert upgraded != old
    assert "p=1" in upgraded
    assert not PasswordHasher(parallelism=1).check_needs_rehash(upgraded)
    assert (await identity.login("hq.vp")).status_code == 200
    assert (await identity.login("hq.vp", "not-the-password")).status_code == 401


@pytest.fixture(scope="module")
def busy_identity(
    infrastructure: Infrastructure,
    databases: Databases,
    signing_key_pem: str,
    signing_key_encryption_key: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Identity]:
    """One password hash at a time, eight more waiting."""
    with running_identity(
        infrastructure,
        databases,
        "identity_busy",
        (signing_key_pem, signing_key_encryption_key),
        Path(tmp_path_factory.mktemp("identity-busy-logs")),
        password_hash_concurrency="1",
        password_hash_queue="8",
    ) as identity:
        yield identity


async def test_forty_logins_at_once_wait_in_a_bounded_queue_while_refreshes_go_on(
    busy_identity: Identity,
) -> None:
    """Forty logins at once, from one address, against one hashing thread with eight places to
    wait: each logs in or is refused with 503 and Retry-After (never a 500, never counted as a
    failed attempt), and a refresh and the JWKS asked for once the queue is full are answered
    while logins still wait for their hash."""
    session = (await busy_identity.login("sh01.admin")).json()
    users = ["sh01.consultant1", "sh01.consultant2", "sh01.manager", "sh02.consultant1"]
    limits = httpx.Limits(max_connections=50)
    async with httpx.AsyncClient(base_url=busy_identity.url, timeout=300, limits=limits) as client:
        logins = [
            asyncio.create_task(
                client.post(
                    "/auth/token",
                    json={"username": users[n % len(users)], "password": PASSWORD},
                )
            )
            for n in range(40)
        ]
        for answered in asyncio.as_completed(logins):
            if (await answered).status_code != 200:
                break  # the queue is full: every admitted login is still waiting or hashing
        refreshed = await client.post(
            "/auth/refresh", json={"refresh_token": session["refresh_token"]}
        )
        keys = await client.get("/.well-known/jwks.json")
        still_waiting = sum(not login.done() for login in logins)
        answers = await asyncio.gather(*logins)
    assert refreshed.status_code == 200, refreshed.text
    assert keys.status_code == 200
    assert still_waiting > 0
    assert {a.status_code for a in answers} == {200, 503}
    refused = [a for a in answers if a.status_code == 503]
    assert all(int(a.headers["Retry-After"]) >= 1 for a in refused)
    # The refusals were no failed attempts: nobody is locked out of this address.
    for username in users:
        assert (await busy_identity.login(username)).status_code == 200
    async with busy_identity.client(refreshed.json()["access_token"]) as client:
        assert (await client.get("/me")).json()["org_node"] == "dealer-sh-01"


async def test_refresh_rotates_and_reuse_revokes_the_family(identity: Identity) -> None:
    first = (await identity.login("sh02.consultant1")).json()
    async with identity.client() as client:
        second = await client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
        assert second.status_code == 200
        rotated = second.json()
        assert rotated["refresh_token"] != first["refresh_token"]
        # The old token again: someone holds a copy. Everything of this login is revoked.
        reuse = await client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
        assert reuse.status_code == 401
        assert "reused" in reuse.json()["detail"]
        after = await client.post("/auth/refresh", json={"refresh_token": rotated["refresh_token"]})
        assert after.status_code == 401


async def test_logout_revokes_the_refresh_token(identity: Identity) -> None:
    pair = (await identity.login("bj01.consultant1")).json()
    async with identity.client(pair["access_token"]) as client:
        response = await client.post("/auth/logout", json={"refresh_token": pair["refresh_token"]})
        assert response.status_code == 204
        again = await client.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]})
        assert again.status_code == 401


def _forge(token: str, **claims: object) -> str:
    header, payload, signature = token.split(".")
    body = json.loads(base64.urlsafe_b64decode(payload + "=="))
    body.update(claims)
    encoded = base64.urlsafe_b64encode(json.dumps(body).encode()).rstrip(b"=").decode()
    return f"{header}.{encoded}.{signature}"


async def test_token_attacks_get_401(identity: Identity) -> None:
    good = await identity.token("sh01.consultant2")
    principal = Principal(
        user_id="x",
        tenant="oem-demo",
        org_node="demo-hq",
        roles=frozenset({"hq_admin"}),
        data_scope=DataScope.TENANT,
    )
    attacks = {
        "expired": sign_access_token(
            identity.signing_key_pem,
            principal,
            issuer="crm-identity",
            audience="crm",
            ttl_seconds=60,
            now=1_000_000_000,
        ),
        "wrong key": sign_access_token(
            generate_private_key_pem(), principal, issuer="crm-identity", audience="crm"
        ),
        "alg none": jwt.encode({"sub": "x", "tenant": "oem-demo"}, None, algorithm="none"),
        "tampered claims": _forge(good, roles=["hq_admin"], data_scope="tenant"),
        "wrong audience": sign_access_token(
            identity.signing_key_pem, principal, issuer="crm-identity", audience="someone-else"
        ),
    }
    async with identity.client() as client:
        for name, token in attacks.items():
            response = await client.get("/me", headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 401, name


async def test_a_dealer_admin_adds_employees_to_the_own_dealer_only(identity: Identity) -> None:
    admin = await identity.token("sh01.admin")
    new_user = {
        "username": "sh01.newhire",
        "display_name": "New Hire",
        "password": "a-long-password-1",
        "org_node": "team-sh-01-a",
        "roles": ["sales_consultant"],
    }
    async with identity.client(admin) as client:
        assert (await client.post("/users", json=new_user)).status_code == 201
        assert (await client.post("/users", json=new_user)).status_code == 409
        other_dealer = new_user | {"username": "bj01.newhire", "org_node": "dealer-bj-01"}
        assert (await client.post("/users", json=other_dealer)).status_code == 404
        too_powerful = new_user | {"username": "sh01.boss", "roles": ["hq_admin"]}
        assert (await client.post("/users", json=too_powerful)).status_code == 403
        smuggled = new_user | {"username": "sh01.smuggler", "tenant": "another-oem"}
        response = await client.post("/users", json=smuggled)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "tenant"]
        visible = {u["username"] for u in (await client.get("/users")).json()}
    assert "sh01.newhire" in visible
    assert "bj01.consultant1" not in visible
    assert (await identity.login("sh01.newhire", "a-long-password-1")).status_code == 200

    consultant = await identity.token("sh01.consultant1")
    async with identity.client(consultant) as client:
        denied = new_user | {"username": "sh01.byconsultant"}
        assert (await client.post("/users", json=denied)).status_code == 403


async def test_deactivation_blocks_login_and_publishes_user_changed(identity: Identity) -> None:
    admin = await identity.token("hq.admin")
    created = {
        "username": "hz01.leaver",
        "display_name": "Leaver",
        "password": "a-long-password-2",
        "org_node": "dealer-hz-01",
        "roles": ["sales_consultant"],
    }
    async with identity.client(admin) as client:
        user_id = (await client.post("/users", json=created)).json()["id"]
    pair = (await identity.login("hz01.leaver", "a-long-password-2")).json()
    foreign_admin = await identity.token("sh01.admin")
    async with identity.client(foreign_admin) as client:
        assert (await client.post(f"/users/{user_id}/deactivate")).status_code == 404
    async with identity.client(admin) as client:
        assert (await client.post(f"/users/{user_id}/deactivate")).status_code == 204
    assert (await identity.login("hz01.leaver", "a-long-password-2")).status_code == 401
    async with identity.client() as client:
        refreshed = await client.post(
            "/auth/refresh", json={"refresh_token": pair["refresh_token"]}
        )
        assert refreshed.status_code == 401

    engine = create_async_engine(identity.database_url)
    async with engine.connect() as conn:
        changes = (
            (
                await conn.execute(
                    text(
                        "SELECT payload FROM outbox "
                        "WHERE event_type = 'identity.UserChanged' AND key = :id ORDER BY id"
                    ),
                    {"id": user_id},
                )
            )
            .scalars()
            .all()
        )
    await engine.dispose()
    assert [c["data"]["change"] for c in changes] == ["created", "deactivated"]
    # Version 2 names the dealer and the user: a dealer deployment's users go up to HQ so.
    for change in changes:
        assert change["version"] == 2
        assert (change["data"]["dealer_id"], change["data"]["username"]) == (
            "dealer-hz-01",
            "hz01.leaver",
        )


async def test_the_org_tree_is_scoped_and_only_hq_admins_change_it(identity: Identity) -> None:
    hq = await identity.token("hq.admin")
    async with identity.client(hq) as client:
        created = await client.post(
            "/orgs",
            json={
                "id": "dealer-nj-01",
                "parent_id": "region-east",
                "kind": "dealer",
                "name": "Nanjing 4S",
            },
        )
        assert created.status_code == 201
        assert created.json()["path"] == "/demo-hq/region-east/dealer-nj-01/"
        misplaced = await client.post(
            "/orgs",
            json={"id": "dealer-x", "parent_id": "team-sh-01-a", "kind": "dealer", "name": "X"},
        )
        assert misplaced.status_code == 422
        tree = (await client.get("/orgs")).json()
        assert len(tree) >= 14
        # A page at a time, each node after its parent.
        first = (await client.get("/orgs", params={"limit": 3})).json()
        rest = (await client.get("/orgs", params={"offset": 3})).json()
        assert first + rest == tree
        assert (await client.get("/orgs", params={"limit": 5001})).status_code == 422
    region = await identity.token("east.manager")
    async with identity.client(region) as client:
        ids = {n["id"] for n in (await client.get("/orgs")).json()}
        assert "dealer-sh-01" in ids
        assert "dealer-bj-01" not in ids
        # The nodes above, by name (HQ's rules and articles reach the region), not beside.
        assert "demo-hq" in ids
        assert "region-north" not in ids
        forbidden = await client.post(
            "/orgs",
            json={"id": "dealer-y", "parent_id": "region-east", "kind": "dealer", "name": "Y"},
        )
        assert forbidden.status_code == 403


async def test_hq_admins_move_a_dealer_to_another_region_with_its_teams(
    identity: Identity,
) -> None:
    hq = await identity.token("hq.admin")
    async with identity.client(hq) as client:
        for node, parent, kind in (
            ("region-west", "demo-hq", "region"),
            ("region-west-far", "region-west", "region"),
            ("dealer-mv-01", "region-east", "dealer"),
            ("team-mv-01-a", "dealer-mv-01", "team"),
        ):
            added = await client.post(
                "/orgs", json={"id": node, "parent_id": parent, "kind": kind, "name": node}
            )
            assert added.status_code == 201, added.text
        moved = await client.post("/orgs/dealer-mv-01/move", json={"parent_id": "region-west"})
        assert moved.status_code == 200, moved.text
        assert (moved.json()["parent_id"], moved.json()["path"]) == (
            "region-west",
            "/demo-hq/region-west/dealer-mv-01/",
        )
        tree = {n["id"]: n for n in (await client.get("/orgs")).json()}
        assert tree["team-mv-01-a"]["path"] == "/demo-hq/region-west/dealer-mv-01/team-mv-01-a/"
        assert tree["team-mv-01-a"]["parent_id"] == "dealer-mv-01"
        # Again to where it is: nothing happens, nothing is published.
        again = await client.post("/orgs/dealer-mv-01/move", json={"parent_id": "region-west"})
        assert again.status_code == 200
        refused = {
            "below its own team": ("dealer-mv-01", "team-mv-01-a", 422),
            "a region below itself": ("region-west", "region-west-far", 422),
            "no such parent": ("dealer-mv-01", "region-nowhere", 404),
            "no such node": ("dealer-nowhere", "region-west", 404),
        }
        for why, (node, parent, code) in refused.items():
            answer = await client.post(f"/orgs/{node}/move", json={"parent_id": parent})
            assert answer.status_code == code, (why, answer.text)
        assert "parent_id" in str(
            (
                await client.post("/orgs/region-west/move", json={"parent_id": "region-west-far"})
            ).json()
        )
    region = await identity.token("east.manager")
    async with identity.client(region) as client:
        forbidden = await client.post("/orgs/dealer-sh-01/move", json={"parent_id": "region-west"})
        assert forbidden.status_code == 403

    engine = create_async_engine(identity.database_url)
    try:
        async with engine.connect() as conn:
            published = (
                await conn.execute(
                    text(
                        "SELECT payload FROM outbox WHERE event_type = 'identity.OrgChanged'"
                        " AND key IN ('dealer-mv-01', 'team-mv-01-a') ORDER BY id"
                    )
                )
            ).scalars()
            moves = (
                await conn.execute(
                    text(
                        "SELECT from_parent, to_parent, from_path, to_path, moved_by"
                        " FROM org_moves WHERE org_id = 'dealer-mv-01'"
                    )
                )
            ).all()
    finally:
        await engine.dispose()
    placed = [(p["data"]["org_id"], p["data"]["path"], p["data"]["dealer_id"]) for p in published]
    assert placed == [
        ("dealer-mv-01", "/demo-hq/region-east/dealer-mv-01/", "dealer-mv-01"),
        ("team-mv-01-a", "/demo-hq/region-east/dealer-mv-01/team-mv-01-a/", "dealer-mv-01"),
        ("dealer-mv-01", "/demo-hq/region-west/dealer-mv-01/", "dealer-mv-01"),
        ("team-mv-01-a", "/demo-hq/region-west/dealer-mv-01/team-mv-01-a/", "dealer-mv-01"),
    ]
    hq_admin = jwt.decode(hq, options={"verify_signature": False})["sub"]
    assert [tuple(m) for m in moves] == [
        (
            "region-east",
            "region-west",
            "/demo-hq/region-east/dealer-mv-01/",
            "/demo-hq/region-west/dealer-mv-01/",
            hq_admin,
        )
    ]


async def test_a_dealer_s_service_advisor_picks_a_partner_outside_the_dealer(
    identity: Identity,
) -> None:
    """The partners hang under HQ, outside the subtree a dealer's staff read: the partner list
    names them (and their type) to whoever sends them work."""
    advisor = await identity.token("sh01.service")
    async with identity.client(advisor) as client:
        tree = {n["id"] for n in (await client.get("/orgs")).json()}
        repairers = await client.get("/partners", params={"partner_type": "service"})
        every = (await client.get("/partners")).json()
        page = (await client.get("/partners", params={"limit": 1, "offset": 1})).json()
    assert "partner-repair" not in tree
    assert repairers.status_code == 200, repairers.text
    assert repairers.json() == [
        {"id": "partner-repair", "name": "Demo Body & Paint Works", "partner_type": "service"}
    ]
    assert {p["id"] for p in every} >= {
        "partner-finance",
        "partner-insurance",
        "partner-parts",
        "partner-repair",
    }
    assert [p["name"] for p in every] == sorted(p["name"] for p in every)
    assert page == every[1:2]
    consultant = await identity.token("sh01.consultant1")
    async with identity.client(consultant) as client:
        assert (await client.get("/partners")).status_code == 403


async def test_oidc_discovery_points_at_the_jwks(identity: Identity) -> None:
    async with identity.client() as client:
        config = (
            await client.get(
                "/.well-known/openid-configuration", headers={"host": "attacker.example"}
            )
        ).json()
        keys = (await client.get("/.well-known/jwks.json")).json()["keys"]
    assert config["jwks_uri"] == f"{identity.url}/.well-known/jwks.json", "not from Host"
    assert config["token_endpoint"] == f"{identity.url}/auth/token"
    assert keys[0]["alg"] == "RS256"
    assert "d" not in keys[0], "the private exponent must never be published"


async def test_sharing_agreements_are_set_by_the_providing_party(identity: Identity) -> None:
    dealer_admin = await identity.token("sh01.admin")
    hq_admin = await identity.token("hq.admin")
    own = {
        "data_type": "lead",
        "direction": "dealer_to_oem",
        "dealer_id": "dealer-sh-01",
        "level": "masked",
    }
    async with identity.client(dealer_admin) as client:
        assert (await client.put("/sharing", json=own)).status_code == 204
        other = own | {"dealer_id": "dealer-bj-01"}
        assert (await client.put("/sharing", json=other)).status_code == 403
        bad = await client.put("/sharing", json=own | {"level": "everything"})
        assert bad.status_code == 422
        assert bad.json()["detail"][0]["loc"] == ["body", "level"]
        listed = (await client.get("/sharing")).json()
    assert [(a["dealer_id"], a["level"]) for a in listed] == [("dealer-sh-01", "masked")]
    async with identity.client(hq_admin) as client:
        assert (await client.put("/sharing", json=own)).status_code == 403
        down = {"data_type": "lead", "direction": "oem_to_dealer", "level": "full"}
        assert (await client.put("/sharing", json=down)).status_code == 204

    engine = create_async_engine(identity.database_url)
    async with engine.connect() as conn:
        published = (
            (
                await conn.execute(
                    text(
                        "SELECT payload->'data'->>'level' FROM outbox "
                        "WHERE event_type = 'identity.SharingPolicyChanged' ORDER BY id"
                    )
                )
            )
            .scalars()
            .all()
        )
    await engine.dispose()
    assert published == ["masked", "full"]


async def test_the_directory_needs_a_function(identity: Identity) -> None:
    consultant = await identity.token("sh01.consultant1")
    async with identity.client(consultant) as client:
        assert (await client.get("/users")).status_code == 403
    manager = await identity.token("sh01.manager")
    async with identity.client(manager) as client:
        assert (await client.get("/users")).status_code == 200
        assert len((await client.get("/users", params={"limit": 2})).json()) == 2
        assert (await client.get("/users", params={"limit": 501})).status_code == 422


async def test_an_admin_keeps_the_node_administrable(identity: Identity) -> None:
    """Nobody deactivates themselves, nor the last active admin of a node (409 saying why);
    a second admin makes the first one removable."""
    hq = await identity.token("hq.admin")
    async with identity.client(hq) as client:
        me = (await client.get("/me")).json()["user_id"]
        itself = await client.post(f"/users/{me}/deactivate")
        assert itself.status_code == 409
        assert "yourself" in itself.json()["detail"]

        first = {
            "username": "tj01.admin1",
            "display_name": "Admin One",
            "password": "a-long-password-3",
            "org_node": "dealer-tj-01",
            "roles": ["dealer_admin"],
        }
        first_id = (await client.post("/users", json=first)).json()["id"]
        last = await client.post(f"/users/{first_id}/deactivate")
        assert last.status_code == 409
        assert "last active dealer_admin" in last.json()["detail"]

        second = first | {"username": "tj01.admin2"}
        assert (await client.post("/users", json=second)).status_code == 201
        assert (await client.post(f"/users/{first_id}/deactivate")).status_code == 204
