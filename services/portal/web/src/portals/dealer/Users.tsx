import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Form, Input, Select, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { data, identity } from "../../api/client";
import type { components } from "../../api/generated/identity";
import { Loaded, useFailureReport } from "../../components/feedback";
import { useSession } from "../../session";
import { useOrgs, useUsers } from "../shared/directory";
import { manageableOrgs } from "./users";

type NewUser = components["schemas"]["UserCreate"];
const DEALER_ROLES = ["sales_consultant", "sales_manager", "service_advisor", "renewal_specialist", "dealer_admin"];

/** The users an admin's scope holds; a dealer's admin adds the dealer's employees, each in an
 * org picked among those the admin may staff (their own node by default). */
export default function Users() {
  const { t } = useTranslation();
  const session = useSession();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<NewUser>();
  const users = useUsers();
  const orgs = useOrgs();
  const orgNames = new Map((orgs.data ?? []).map((o) => [o.id, o.name]));
  const add = useMutation({
    mutationFn: (body: NewUser) => data(identity.POST("/users", { body })),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      form.resetFields();
      await queries.invalidateQueries({ queryKey: ["users"] });
    },
    onError: (error) => report(error, form),
  });
  return (
    <>
      <Typography.Title level={2}>{t("menu.users")}</Typography.Title>
      <Loaded query={users}>
        {(list) => (
          <Table
            aria-label={t("menu.users")}
            size="small"
            rowKey="id"
            pagination={{ pageSize: 50 }}
            scroll={{ x: "max-content" }}
            dataSource={list}
            columns={[
              { title: t("users.username"), dataIndex: "username" },
              { title: t("users.org"), dataIndex: "org_node", render: (node: string) => orgNames.get(node) ?? node },
              { title: t("users.roles"), dataIndex: "roles", render: (roles: string[]) => roles.map((r) => <Tag key={r}>{t(`role.${r}`, { defaultValue: r })}</Tag>) },
              { title: t("users.active"), dataIndex: "active", render: (a: boolean) => (a ? "✓" : "—") },
            ]}
          />
        )}
      </Loaded>
      <Card title={`+ ${t("menu.users")}`} style={{ marginTop: 16, maxWidth: 560 }}>
        <Form<NewUser> form={form} layout="vertical" initialValues={{ org_node: session.org_node }} onFinish={(v) => add.mutate(v)}>
          <Form.Item name="username" label={t("users.username")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="display_name" label={t("admin.displayName")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="password" label={t("login.password")} rules={[{ required: true }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="roles" label={t("users.roles")} rules={[{ required: true }]}>
            <Select mode="multiple" options={DEALER_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          <Form.Item name="org_node" label={t("users.org")} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={orgs.isPending}
              options={manageableOrgs(orgs.data ?? [], session.org_node).map((o) => ({ value: o.id, label: `${o.name} · ${t(`orgKind.${o.kind}`)}` }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t("lead.create")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
