from datetime import UTC, datetime, timedelta

import pytest

from crm_common.auth.principal import DataScope
from crm_common.policy.roles import UnknownRole, has_function, role, widest_scope
from crm_identity.domain.accounts import (
    MAX_LOGIN_DELAY_SECONDS,
    SLOW_DOWN_AFTER_FAILURES,
    RefreshOutcome,
    RefreshTokenState,
    hash_refresh_token,
    login_delay_seconds,
    new_refresh_token,
)
from crm_identity.domain.org_tree import (
    InvalidPlacement,
    OrgKind,
    check_move,
    check_placement,
    child_path,
    paths_above,
)
from crm_identity.domain.permissions import may_grant, may_manage_users_in

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_a_username_under_attack_answers_slower_up_to_a_bound() -> None:
    assert login_delay_seconds(SLOW_DOWN_AFTER_FAILURES) == 0
    delays = [login_delay_seconds(SLOW_DOWN_AFTER_FAILURES + n) for n in range(1, 10)]
    assert delays[:3] == [0.25, 0.5, 1.0]
    assert delays == sorted(delays)
    assert delays[-1] == MAX_LOGIN_DELAY_SECONDS


def test_a_refresh_token_works_once_and_until_it_expires() -> None:
    fresh = RefreshTokenState(expires_at=NOW + timedelta(days=1), used_at=None, revoked_at=None)
    assert fresh.outcome(NOW) is RefreshOutcome.ROTATE
    assert fresh.outcome(NOW + timedelta(days=1)) is RefreshOutcome.EXPIRED
    used = RefreshTokenState(NOW + timedelta(days=1), used_at=NOW, revoked_at=None)
    assert used.outcome(NOW) is RefreshOutcome.REUSED
    revoked = RefreshTokenState(NOW + timedelta(days=1), used_at=None, revoked_at=NOW)
    assert revoked.outcome(NOW) is RefreshOutcome.REUSED


def test_refresh_tokens_are_stored_only_as_hashes() -> None:
    token, stored = new_refresh_token()
    assert token not in stored
    assert stored == hash_refresh_token(token)
    assert len(token) >= 40


def test_a_user_sees_as_far_as_the_widest_role_reaches() -> None:
    assert widest_scope(frozenset({"sales_consultant"})) is DataScope.OWN
    assert widest_scope(frozenset({"sales_consultant", "sales_manager"})) is DataScope.DEALER
    assert widest_scope(frozenset({"region_manager", "hq_analyst"})) is DataScope.TENANT
    with pytest.raises(UnknownRole):
        role("superuser")


def test_function_permissions_come_from_roles() -> None:
    assert has_function(frozenset({"dealer_admin"}), "user.manage")
    assert not has_function(frozenset({"sales_consultant"}), "user.manage")


def test_a_dealer_admin_manages_only_the_own_dealer_and_grants_dealer_roles() -> None:
    admin = frozenset({"dealer_admin"})
    own = "/hq/east/dealer-1/"
    assert may_manage_users_in(admin, own, "/hq/east/dealer-1/team-a/")
    assert not may_manage_users_in(admin, own, "/hq/east/dealer-2/")
    assert not may_manage_users_in(admin, own, "/hq/east/dealer-10/")
    assert may_grant(admin, frozenset({"sales_consultant", "service_advisor"}))
    assert not may_grant(admin, frozenset({"hq_admin"}))
    # The sales VP and HR review tiered assessment at HQ: HQ's admins grant them.
    assert not may_grant(admin, frozenset({"sales_vp"}))
    assert not may_grant(admin, frozenset({"hr"}))
    assert may_grant(frozenset({"hq_admin"}), frozenset({"sales_vp", "hr"}))
    assert may_manage_users_in(frozenset({"hq_admin"}), "/hq/", "/hq/north/dealer-9/")


def test_the_tree_has_rules_of_placement() -> None:
    check_placement(OrgKind.HQ, None)
    check_placement(OrgKind.DEALER, OrgKind.REGION)
    with pytest.raises(InvalidPlacement):
        check_placement(OrgKind.DEALER, OrgKind.TEAM)
    with pytest.raises(InvalidPlacement):
        check_placement(OrgKind.REGION, None)
    assert child_path("/hq/", "east") == "/hq/east/"
    assert paths_above("/hq/east/dealer-sh-01/") == ["/hq/", "/hq/east/"]
    assert paths_above("/hq/") == []


def test_a_node_moves_below_a_parent_of_its_kind_never_into_its_own_subtree() -> None:
    check_move(OrgKind.DEALER, "/hq/east/dealer-sh-01/", OrgKind.REGION, "/hq/north/")
    check_move(OrgKind.REGION, "/hq/east/", OrgKind.REGION, "/hq/north/")
    with pytest.raises(InvalidPlacement):
        check_move(OrgKind.DEALER, "/hq/east/dealer-sh-01/", OrgKind.DEALER, "/hq/east/d2/")
    with pytest.raises(InvalidPlacement):
        check_move(OrgKind.REGION, "/hq/east/", OrgKind.REGION, "/hq/east/south/")
    with pytest.raises(InvalidPlacement):
        check_move(OrgKind.REGION, "/hq/east/", OrgKind.REGION, "/hq/east/")


def test_only_the_providing_party_sets_how_much_it_shares() -> None:
    from crm_common.policy.sharing import Direction
    from crm_identity.domain.sharing import may_set_agreement

    admin, hq = frozenset({"dealer_admin"}), frozenset({"hq_admin"})
    assert may_set_agreement(admin, "dealer-1", Direction.DEALER_TO_OEM, "dealer-1")
    assert not may_set_agreement(admin, "dealer-1", Direction.DEALER_TO_OEM, "dealer-2")
    assert not may_set_agreement(admin, "dealer-1", Direction.DEALER_TO_OEM, "*")
    assert not may_set_agreement(hq, None, Direction.DEALER_TO_OEM, "dealer-1")
    assert may_set_agreement(hq, None, Direction.OEM_TO_DEALER, "*")
    assert not may_set_agreement(admin, "dealer-1", Direction.OEM_TO_DEALER, "dealer-1")
