import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Form, Input, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, leads } from "../../api/client";
import type { components } from "../../api/generated/leads";
import { useFailureReport } from "../../components/feedback";
import { PagedTable } from "../../components/PagedTable";
import { useOrgs } from "../shared/directory";
import { leadStatusLabel, sourceLabel, when } from "../workspace/labels";

type Lead = components["schemas"]["LeadPublic"];
type NewLead = components["schemas"]["LeadCreate"];
const AUTO = "";

/** HQ's campaign leads: taken in, distributed to a dealer (or routed by region and capacity),
 * and followed: which dealer has it, who works it, its status. */
export default function Distribution() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<NewLead>();
  const [target, setTarget] = useState<Record<string, string>>({});
  const orgs = useOrgs();
  const dealers = (orgs.data ?? []).filter((o) => o.kind === "dealer" && o.active);
  const regions = (orgs.data ?? []).filter((o) => o.kind === "region");
  const orgName = new Map((orgs.data ?? []).map((o) => [o.id, o.name]));
  const create = useMutation({
    mutationFn: (body: NewLead) => data(leads.POST("/leads", { body: { ...body, source: "oem_website" } })),
    onSuccess: async () => {
      void message.success(t("lead.created_ok"));
      form.resetFields();
      await queries.invalidateQueries({ queryKey: ["leads", "hq"] });
    },
    onError: (error) => report(error, form),
  });
  const distribute = useMutation({
    mutationFn: ({ id, dealer }: { id: string; dealer: string }) =>
      data(leads.POST("/leads/{lead_id}/distribute", { params: { path: { lead_id: id } }, body: { dealer_id: dealer || null } })),
    onSuccess: async () => {
      void message.success(t("lead.distributed"));
      await queries.invalidateQueries({ queryKey: ["leads", "hq"] });
    },
    onError: (error) => report(error),
  });
  return (
    <>
      <Typography.Title level={2}>{t("menu.distribution")}</Typography.Title>
      <Card title={t("lead.newLead")} style={{ marginBottom: 16 }}>
        <Form<NewLead> form={form} layout="inline" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="customer_name" label={t("lead.customer")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="phone" label={t("lead.phone")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="region_hint" label={t("lead.region")}>
            <Select allowClear style={{ minWidth: 140 }} options={regions.map((r) => ({ value: r.id, label: r.name }))} />
          </Form.Item>
          <Form.Item name="vehicle_interest" label={t("lead.interest")}>
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t("lead.create")}
          </Button>
        </Form>
      </Card>
      <PagedTable<Lead>
        label={t("menu.distribution")}
        queryKey={["leads", "hq"]}
        fetchPage={(limit, offset) => data(leads.GET("/leads", { params: { query: { limit, offset } } }))}
        columns={[
          { title: t("lead.customer"), dataIndex: "customer_name" },
          { title: t("lead.phone"), dataIndex: "phone" },
          { title: t("lead.source"), dataIndex: "source", render: (s: string) => sourceLabel(t, s) },
          { title: t("lead.created"), dataIndex: "created_at", render: when },
          { title: t("lead.dealer"), dataIndex: "owner_org", render: (o: string) => orgName.get(o) ?? o },
          { title: t("lead.status"), dataIndex: "status", render: (s: string, l) => <Tag data-status={s}>{leadStatusLabel(t, s)}{l.owner_user ? " · ✓" : ""}</Tag> },
          {
            title: t("lead.distribute"),
            key: "distribute",
            render: (_: unknown, l) =>
              l.owner_org === l.origin_org || !l.origin_org ? (
                <Space.Compact>
                  <Select
                    size="small"
                    aria-label={`${t("lead.dealer")} ${l.customer_name}`}
                    style={{ minWidth: 180 }}
                    value={target[l.id] ?? AUTO}
                    onChange={(dealer: string) => setTarget({ ...target, [l.id]: dealer })}
                    options={[{ value: AUTO, label: t("lead.autoRoute") }, ...dealers.map((d) => ({ value: d.id, label: d.name }))]}
                  />
                  <Button size="small" onClick={() => distribute.mutate({ id: l.id, dealer: target[l.id] ?? AUTO })}>
                    {t("lead.distribute")}
                  </Button>
                </Space.Compact>
              ) : null,
          },
        ]}
      />
    </>
  );
}
