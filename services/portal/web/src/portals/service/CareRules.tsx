import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Form, Input, InputNumber, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, serviceDesk } from "../../api/client";
import type { components } from "../../api/generated/service-desk";
import { useFailureReport } from "../../components/feedback";
import { PagedTable } from "../../components/PagedTable";
import { can, useSession } from "../../session";
import { useOrgName } from "../shared/directory";
import { when } from "../workspace/labels";
import { careFields, careTerms, type CareKind } from "./afterSales";

type Rule = components["schemas"]["CareRulePublic"];
type RuleIn = components["schemas"]["CareRuleIn"];
type RuleChange = components["schemas"]["CareRuleChange"];
type Action = components["schemas"]["CareActionPublic"];
const KINDS: CareKind[] = ["maintenance_due", "insurance_renewal", "birthday", "value_changed", "problem_customer"];

/** Customer care (客户关怀): the rules of the caller's node and of the nodes above it, a new
 * rule for ToC or ToB customers (each kind asks for its own figures), the node's own rules
 * changed or stopped (a rule of a node above is changed there), and what the rules did. */
export default function CareRules() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const session = useSession();
  const orgName = useOrgName();
  const configurer = can(session, "service.configure");
  const [editing, setEditing] = useState<Rule | null>(null);
  const change = useMutation({
    mutationFn: ({ rule, body }: { rule: Rule; body: RuleChange }) =>
      data(serviceDesk.PUT("/care-rules/{rule_id}", { params: { path: { rule_id: rule.id } }, body })),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      setEditing(null);
      await queries.invalidateQueries({ queryKey: ["care-rules"] });
    },
    onError: (error) => report(error),
  });
  const ours = (rule: Rule) => configurer && rule.owner_org === session.org_node;
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
          { title: t("desk.care.owner"), dataIndex: "owner_org", render: orgName },
          { title: t("desk.care.active"), dataIndex: "active", render: (a: boolean) => <span data-care-active={String(a)}>{a ? "✓" : "—"}</span> },
          {
            title: "",
            key: "change",
            render: (_: unknown, rule) =>
              ours(rule) && (
                <Space size="small">
                  <Button size="small" aria-label={`${t("desk.care.edit")} ${t(`desk.care.kind.${rule.kind}`)} ${rule.message}`} onClick={() => setEditing(rule)}>
                    {t("desk.care.edit")}
                  </Button>
                  <Button
                    size="small"
                    loading={change.isPending && change.variables?.rule.id === rule.id}
                    aria-label={`${rule.active ? t("desk.care.stop") : t("desk.care.start")} ${t(`desk.care.kind.${rule.kind}`)} ${rule.message}`}
                    onClick={() => change.mutate({ rule, body: { ...careTerms(rule), active: !rule.active } })}
                  >
                    {rule.active ? t("desk.care.stop") : t("desk.care.start")}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {editing ? (
        <RuleForm key={editing.id} rule={editing} onDone={() => setEditing(null)} />
      ) : (
        <RuleForm key="new" onDone={() => undefined} />
      )}
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

/** A new rule, or the new terms of one of the node's rules (its kind stays). */
function RuleForm({ rule, onDone }: { rule?: Rule; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<RuleIn>();
  const kind = Form.useWatch("kind", form) ?? rule?.kind ?? "maintenance_due";
  const save = useMutation({
    mutationFn: (values: RuleIn) =>
      rule
        ? data(serviceDesk.PUT("/care-rules/{rule_id}", { params: { path: { rule_id: rule.id } }, body: { ...careTerms({ ...rule, ...values }), active: rule.active } }))
        : data(serviceDesk.POST("/care-rules", { body: values })),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      form.resetFields();
      await queries.invalidateQueries({ queryKey: ["care-rules"] });
      onDone();
    },
    onError: (error) => report(error, form),
  });
  const figures = careFields(kind);
  return (
    <Card title={rule ? `${t("desk.care.edit")}: ${t(`desk.care.kind.${rule.kind}`)}` : t("desk.care.add")} style={{ marginTop: 16 }}>
      <Form<RuleIn>
        form={form}
        name={rule ? "care-rule-change" : "care-rule"}
        layout="vertical"
        preserve={false}
        initialValues={rule ?? { kind: "maintenance_due", segment: "toc", action: "sms", months: 6, days_before: 7 }}
        onFinish={(values) => save.mutate(values)}
      >
        <Space wrap align="start">
          <Form.Item name="kind" label={t("desk.care.kindField")} rules={[{ required: true }]}>
            <Select disabled={rule !== undefined} style={{ minWidth: 160 }} options={KINDS.map((k) => ({ value: k, label: t(`desk.care.kind.${k}`) }))} />
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
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {rule ? t("desk.care.save") : t("desk.care.add")}
          </Button>
          {rule && <Button onClick={onDone}>{t("desk.care.cancel")}</Button>}
        </Space>
      </Form>
    </Card>
  );
}
