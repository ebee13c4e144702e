import { Card, Col, Row, Table, Tag, Tree, Typography } from "antd";
import type { DataNode } from "antd/es/tree";
import { useTranslation } from "react-i18next";
import type { components } from "../../api/generated/identity";
import { Loaded } from "../../components/feedback";
import { useOrgs, useUsers } from "../shared/directory";

type Org = components["schemas"]["OrgNodePublic"];

/** `kindName`: how the org's kind reads in the user's language. */
export function toTree(orgs: Org[], kindName: (kind: string) => string = (kind) => kind): DataNode[] {
  const children = new Map<string | null, Org[]>();
  for (const org of orgs) children.set(org.parent_id, [...(children.get(org.parent_id) ?? []), org]);
  const known = new Set(orgs.map((o) => o.id));
  const build = (org: Org): DataNode => ({ key: org.id, title: `${org.name} · ${kindName(org.kind)}`, children: (children.get(org.id) ?? []).map(build) });
  return orgs.filter((o) => o.parent_id === null || !known.has(o.parent_id)).map(build);
}

/** The org tree (HQ, regions, dealers, teams, partners) and its users, as far as the caller's
 * scope reaches. */
export default function OrgTree() {
  const { t } = useTranslation();
  const orgs = useOrgs();
  const users = useUsers();
  const orgNames = new Map((orgs.data ?? []).map((o) => [o.id, o.name]));
  return (
    <>
      <Typography.Title level={2}>{t("menu.org")}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card>
            <Loaded query={orgs}>{(list) => <Tree defaultExpandAll treeData={toTree(list, (kind) => t(`orgKind.${kind}`, { defaultValue: kind }))} />}</Loaded>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t("menu.users")}>
            <Loaded query={users}>
              {(list) => (
                <Table aria-label={t("menu.users")} size="small" rowKey="id" pagination={{ pageSize: 50 }} scroll={{ x: "max-content" }} dataSource={list} columns={[
                  { title: t("users.username"), dataIndex: "username" },
                  { title: t("users.org"), dataIndex: "org_node", render: (node: string) => orgNames.get(node) ?? node },
                  { title: t("users.roles"), dataIndex: "roles", render: (roles: string[]) => roles.map((r) => <Tag key={r}>{t(`role.${r}`, { defaultValue: r })}</Tag>) },
                ]} />
              )}
            </Loaded>
          </Card>
        </Col>
      </Row>
    </>
  );
}
