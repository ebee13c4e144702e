import pytest
from sqlalchemy import Column, MetaData, String, Table, select
from sqlalchemy.dialects import postgresql

from crm_common.auth.principal import DataScope, Principal
from crm_common.contracts.events.identity.v1 import OrgChanged
from crm_common.contracts.events.leads.v1 import LeadConverted
from crm_common.policy import DataType, SharingLevel, personal_data_level, visible_to
from crm_common.policy.fanout import share_event

rows = Table("rows", MetaData(), Column("tenant", String), Column("owner_org", String))


def principal(scope: DataScope, roles: frozenset[str] = frozenset(), user: str = "u") -> Principal:
    return Principal(
        user_id=user, tenant="oem-1", org_node="dealer-1", roles=roles, data_scope=scope
    )


def where(scope: DataScope, need: SharingLevel = SharingLevel.MASKED) -> str:
    condition = visible_to(
        principal(scope), DataType.LEAD, tenant=rows.c.tenant, owner_org=rows.c.owner_org, need=need
    )
    query = select(rows).where(condition)
    compiled = query.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
    return str(compiled).split("WHERE", 1)[1]


@pytest.mark.parametrize("scope", [DataScope.OWN, DataScope.TEAM])
def test_narrow_scopes_see_only_their_own_org_node(scope: DataScope) -> None:
    sql = where(scope)
    assert "rows.tenant = 'oem-1'" in sql
    assert "rows.owner_org = 'dealer-1'" in sql
    assert "org_directory" not in sql


def test_dealer_scope_reaches_every_node_of_the_own_dealer() -> None:
    sql = where(DataScope.DEALER)
    assert "org_directory.dealer_id = (SELECT principal_node.dealer_id" in sql
    assert "sharing_levels" not in sql


def test_subtree_scope_reaches_below_the_own_node_within_what_dealers_share() -> None:
    sql = where(DataScope.SUBTREE)
    assert "LIKE" in sql
    assert "principal_node.path" in sql
    assert "coalesce((SELECT sharing_levels.level" in sql
    assert "sharing_levels.data_type = 'lead'" in sql
    assert "sharing_levels.direction = 'dealer_to_oem'" in sql
    # The design's default for a dealer's own leads towards the OEM: aggregate (1) < masked (2).
    assert ", 1) >= 2" in sql


def test_tenant_scope_is_not_limited_to_a_subtree_but_to_what_dealers_share() -> None:
    sql = where(DataScope.TENANT, need=SharingLevel.AGGREGATE)
    assert "principal_node.path" not in sql
    assert ", 1) >= 1" in sql


def test_personal_data_is_full_only_for_the_owner_and_managers_within_what_is_shared() -> None:
    consultant = principal(DataScope.OWN, frozenset({"sales_consultant"}), user="owner")
    manager = principal(DataScope.DEALER, frozenset({"sales_manager"}), user="boss")
    colleague = principal(DataScope.OWN, frozenset({"sales_consultant"}), user="colleague")

    def level(p: Principal, shared: SharingLevel) -> SharingLevel:
        return personal_data_level(p, owner_user="owner", owner_org="dealer-1", shared=shared)

    assert level(consultant, SharingLevel.FULL) is SharingLevel.FULL
    assert level(manager, SharingLevel.FULL) is SharingLevel.FULL
    assert level(colleague, SharingLevel.FULL) is SharingLevel.MASKED
    assert level(manager, SharingLevel.MASKED) is SharingLevel.MASKED


def test_the_shared_level_of_a_row_is_correlated_with_that_row() -> None:
    from crm_common.policy import level_shared_with

    expression = level_shared_with(
        principal(DataScope.SUBTREE), DataType.LEAD, owner_org=rows.c.owner_org
    )
    sql = str(select(rows.c.owner_org, expression).compile(dialect=postgresql.dialect()))
    # A nested subquery that lists the row's table again would compare against every row.
    assert "FROM org_directory AS row_node, rows" not in sql
    assert sql.count("FROM rows") == 1


def test_an_event_leaving_its_org_is_cut_to_the_agreed_level() -> None:
    body = {
        "type": "leads.LeadConverted",
        "data": {"phone": "+8613812345678", "customer_name": "王小明", "source": "web"},
    }
    assert share_event(body, LeadConverted, SharingLevel.NONE) is None
    assert share_event(body, LeadConverted, SharingLevel.FULL) == body
    masked = share_event(body, LeadConverted, SharingLevel.MASKED)
    assert masked is not None
    assert masked["data"]["phone"] == "138****5678"
    assert masked["data"]["source"] == "web"
    assert masked["data"]["customer_name"] == "王**"
    figure = share_event(body, LeadConverted, SharingLevel.AGGREGATE)
    assert figure is not None
    assert (figure["data"]["phone"], figure["data"]["customer_name"]) == ("***", "***")
    assert figure["data"]["source"] == "web", "what kpi counts leaves"
    assert body["data"]["phone"] == "+8613812345678", "the original is left alone"
    org = {"type": "identity.OrgChanged", "data": {"name": "Shanghai Pudong"}}
    assert share_event(org, OrgChanged, SharingLevel.NONE) == org, "not a dealer's record"
