import { Button, Card, Form, Input, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { data, leads } from "../../api/client";
import type { components } from "../../api/generated/leads";
import { PagedTable } from "../../components/PagedTable";
import { gradeLabel, leadStatusLabel } from "../workspace/labels";
import { useOrgName, useOwnerName } from "./directory";

type CustomerFound = components["schemas"]["CustomerFound"];
type Criteria = { name?: string; phone?: string; vin?: string; plate?: string };

/** The caller's personal-data level of a customer, as a tag a test and a reader can both find
 * (the SLA tags' colours: WCAG AA contrast). */
export function PersonalData({ level }: { level: string }) {
  const { t } = useTranslation();
  return (
    <Tag className={level === "full" ? "sla-tag sla-on-track" : "sla-tag sla-met"} data-personal-data={level}>
      {t(level === "full" ? "customer.full" : "customer.masked")}
    </Tag>
  );
}

function given(criteria: Criteria): Criteria {
  return Object.fromEntries(Object.entries(criteria).map(([k, v]) => [k, v?.trim() || undefined]).filter(([, v]) => v)) as Criteria;
}

/** Customer files (客户档案) by name, phone, VIN or plate among those the caller may see, masked
 * as leads' policy says; each opens the customer's file. `base`: this portal's customer route. */
export default function Customers({ base }: { base: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Criteria>();
  const [criteria, setCriteria] = useState<Criteria | null>(null);
  const ownerName = useOwnerName();
  const orgName = useOrgName();
  return (
    <>
      <Typography.Title level={2}>{t("customer.menu")}</Typography.Title>
      <Card title={t("customer.search")} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t("customer.searchHint")}</Typography.Paragraph>
        <Form<Criteria>
          form={form}
          name="customer-search"
          layout="inline"
          onFinish={(values) => {
            const wanted = given(values);
            if (Object.keys(wanted).length === 0) {
              form.setFields([{ name: "name", errors: [t("customer.searchHint")] }]);
              return;
            }
            setCriteria(wanted);
          }}
        >
          <Form.Item name="name" label={t("customer.name")}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
          <Form.Item name="phone" label={t("customer.phone")}>
            <Input maxLength={30} autoComplete="off" />
          </Form.Item>
          <Form.Item name="vin" label={t("customer.vin")}>
            <Input maxLength={17} autoComplete="off" />
          </Form.Item>
          <Form.Item name="plate" label={t("customer.plate")}>
            <Input maxLength={20} autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t("customer.find")}
          </Button>
        </Form>
      </Card>
      {criteria && (
        <PagedTable<CustomerFound>
          label={t("customer.menu")}
          queryKey={["customers", criteria]}
          fetchPage={(limit, offset) => data(leads.GET("/customers", { params: { query: { ...criteria, limit, offset } } }))}
          columns={[
            { title: t("customer.name"), dataIndex: "name", render: (name: string, c) => <Link to={`${base}/${c.id}`}>{name}</Link> },
            { title: t("customer.phone"), dataIndex: "phone" },
            { title: t("customer.owner"), dataIndex: "owner_user", render: (u: string | null) => ownerName(u) },
            { title: t("customer.ownerOrg"), dataIndex: "owner_org", render: orgName },
            { title: t("customer.leadStatus"), dataIndex: "lead_status", render: (s: string | null) => leadStatusLabel(t, s) },
            { title: t("customer.grade"), dataIndex: "grade", render: (g: string | null) => gradeLabel(t, g) },
            { title: t("customer.personalData"), dataIndex: "personal_data", render: (level: string) => <PersonalData level={level} /> },
          ]}
        />
      )}
    </>
  );
}
