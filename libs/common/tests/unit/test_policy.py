import pytest
from sqlalchemy import Column, MetaData, String, Table, select
from sqlalchemy.dialects import postgresql

from crm_common.auth.principal import DataScope, Principal
from crm_common.policy import visible_to

rows = Table("rows", MetaData(), Column("tenant", String), Column("owner_org", String))


def where(scope: DataScope) -> str:
    principal = Principal(user_id="u", tenant="oem-1", org_node="dealer-1", data_scope=scope)
    query = select(rows).where(
        visible_to(principal, tenant=rows.c.tenant, owner_org=rows.c.owner_org)
    )
    return str(query.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))


def test_tenant_scope_sees_the_whole_tenant_and_nothing_else() -> None:
    sql = where(DataScope.TENANT)
    assert "rows.tenant = 'oem-1'" in sql
    assert "owner_org" not in sql.split("WHERE")[1]


@pytest.mark.parametrize("scope", [DataScope.DEALER, DataScope.TEAM, DataScope.OWN])
def test_narrow_scopes_see_only_their_own_org_node(scope: DataScope) -> None:
    sql = where(scope)
    assert "rows.tenant = 'oem-1'" in sql
    assert "rows.owner_org = 'dealer-1'" in sql


def test_subtree_scope_reaches_the_org_nodes_below_the_own_node() -> None:
    sql = where(DataScope.SUBTREE)
    assert "rows.tenant = 'oem-1'" in sql
    assert "rows.owner_org IN (SELECT org_directory.id" in sql
    assert "org_directory.id = 'dealer-1'" in sql
    assert "LIKE" in sql
