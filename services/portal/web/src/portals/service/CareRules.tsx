import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Form, Input, InputNumber, Select, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { data, serviceDesk } from "../../api/client";
import type { components } from "../../api/generated/service-desk";
import { useFailureReport } from "../../components/feedback";
import { PagedTable } from "../../components/PagedTable";
import { when } from "../workspace/labels";
import { careFields, type CareKind } from "./afterSales";

type Rule = components["schemas"]["CareRulePublic"];
type RuleIn = components["schemas"]["CareRuleIn"];
type Action = components["schemas"]["CareActionPublic"];
const KINDS: CareKind[] = ["maintenance_due", "insurance_renewal", "birthday", "value_changed", "problem_customer"];

/** Customer care (客户关怀): the rules of the caller's node and of the nodes above it, a new
 * rule for ToC or ToB customers (each kind asks for its own figures), and what the rules did. */
export default function CareRules() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<RuleIn>();
  const kind = Form.useWatch("kind", form) ?? "maintenance_due";
  const add = useMutation({
    mutationFn: (body: RuleIn) => data(serviceDesk.POST("/care-rules", { body })),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      form.resetFields();
      await queries.invalidateQueries({ queryKey: ["care-rules"] });
    },
    onError: (error) => report(error, form),
  });
  const figures = careFields(kind);
  return (
    <>
      <Typography.Title level={2}>{t("desk.menu.care")}</Typography.Title>
      <PagedTable<Rule>
        label={t("desk.care.rules")}
        queryKey={["care-rules"]}
        fetchPage={(limit, offset) => data(serviceDesk.GET("/care-rules", { params: { query: { limit, offset } } }))}
        columns={[
          { title: t("desk.care.kindField"), dataIndex: "kind", render: (k: string) => <span data-care-kind={k}>{t(`desk.care.kind.${k}`)}</span> },
          { title: t("desk.care.segmentField"), dataIndex: "segment", render: (s: string) => t(`desk.care.segment.${s}`) },
          { title: t("desk.care.actionField"), dataIndex: "action", render: (a: string) => <Tag>{t(`desk.care.action.${a}`)}</Tag> },
          { title: t("desk.care.message"), dataIndex: "message" },
          {
            title: "",
            key: "figures",
            render: (_: unknown, rule) =>
              careFields(rule.kind)
                .filter((f) => rule[f] !== null)
                .map((f) => `${t(`desk.care.${f}`)}: ${rule[f]}`)
                .join(" · "),
          },
          { title: t("desk.care.owner"), dataIndex: "owner_org" },
          { title: t("desk.care.active"), dataIndex: "active", render: (a: boolean) => (a ? "✓" : "—") },
        ]}
      />
      <Card title={t("desk.care.add")} style={{ marginTop: 16 }}>
        <Form<RuleIn>
          form={form}
          name="care-rule"
          layout="vertical"
          preserve={false}
          initialValues={{ kind: "maintenance_due", segment: "toc", action: "sms", months: 6, days_before: 7 }}
          onFinish={(values) => add.mutate(values)}
        >
          <Space wrap align="start">
            <Form.Item name="kind" label={t("desk.care.kindField")} rules={[{ required: true }]}>
              <Select style={{ minWidth: 160 }} options={KINDS.map((k) => ({ value: k, label: t(`desk.care.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="segment" label={t("desk.care.segmentField")} rules={[{ required: true }]}>
              <Select style={{ minWidth: 140 }} options={(["toc", "tob"] as const).map((s) => ({ value: s, label: t(`desk.care.segment.${s}`) }))} />
            </Form.Item>
            <Form.Item name="action" label={t("desk.care.actionField")} rules={[{ required: true }]}>
              <Select style={{ minWidth: 120 }} options={(["sms", "email", "call"] as const).map((a) => ({ value: a, label: t(`desk.care.action.${a}`) }))} />
            </Form.Item>
            {figures.map((field) => (
              <Form.Item key={field} name={field} label={t(`desk.care.${field}`)}>
                <InputNumber min={field === "km" ? 500 : field === "complaints" || field === "months" ? 1 : 0} />
              </Form.Item>
            ))}
          </Space>
          <Form.Item name="message" label={t("desk.care.message")} extra={t("desk.care.messageHint")} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t("desk.care.add")}
          </Button>
        </Form>
      </Card>
      <Typography.Title level={3} style={{ marginTop: 16 }}>
        {t("desk.care.actions")}
      </Typography.Title>
      <PagedTable<Action>
        label={t("desk.care.actions")}
        queryKey={["care-actions"]}
        fetchPage={(limit, offset) => data(serviceDesk.GET("/care-actions", { params: { query: { limit, offset } } }))}
        columns={[
          { title: t("desk.care.actionField"), dataIndex: "action", render: (a: string) => t(`desk.care.action.${a}`) },
          { title: t("desk.care.due"), dataIndex: "due_on" },
          { title: t("desk.care.reason"), dataIndex: "reason" },
          { title: t("desk.care.firedAt"), dataIndex: "fired_at", render: when },
        ]}
      />
    </>
  );
}
