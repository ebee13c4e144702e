import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App as AntApp, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, InputNumber, Row, Space, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, kpi } from "../../api/client";
import type { components } from "../../api/generated/kpi";
import { Loaded, useFailureReport } from "../../components/feedback";
import { thisMonth } from "../../dates";
import { can, useSession } from "../../session";
import { useOrgName } from "../shared/directory";
import { Statements } from "../shared/Statements";
import { fetchCommissionPlans } from "../shared/wholeLists";

type Plan = components["schemas"]["PlanPublic"];
type Rules = components["schemas"]["PlanRules-Input"];
type StoredRules = components["schemas"]["PlanRules-Output"];
type RulesForm = {
  default_per_unit: number;
  gross_margin_percent: number;
  finance_bonus: number;
  insurance_bonus: number;
  per_unit: { model: string; amount: number }[];
  bands: { name: string; from_percent: number; multiplier: number; from_exclusive?: boolean }[];
};
type PlanForm = RulesForm & { name: string; effective_from: Dayjs };

const FIRST_BAND = { name: "base", from_percent: 0, multiplier: 1 };

/** The form's rules over what the form does not show (the no-target multiplier, the lead
 * origins' rates) of the version it starts from, so a new version keeps them. */
function rulesOf(form: RulesForm, base?: StoredRules): Rules {
  return {
    no_target_multiplier: base?.no_target_multiplier ?? 1,
    origin_rates: base?.origin_rates ?? {},
    default_per_unit: form.default_per_unit ?? 0,
    gross_margin_percent: form.gross_margin_percent ?? 0,
    finance_bonus: form.finance_bonus ?? 0,
    insurance_bonus: form.insurance_bonus ?? 0,
    per_unit: Object.fromEntries((form.per_unit ?? []).map((p) => [p.model, p.amount])),
    bands: (form.bands ?? [FIRST_BAND]).map((b) => ({ ...b, from_exclusive: b.from_exclusive ?? false })),
  };
}

/** The dealer's commission: its plans and their versions, a month's run, and the month's
 * statements through their review (the manager approves, the admin issues). */
export default function Commission() {
  const { t } = useTranslation();
  const session = useSession();
  const [month, setMonth] = useState(thisMonth());
  return (
    <>
      <Typography.Title level={2}>{t("commission.title")}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Plans />
        </Col>
        <Col xs={24} xl={10}>
          <NewPlan />
        </Col>
      </Row>
      <Space style={{ margin: "16px 0" }} wrap>
        <DatePicker
          picker="month"
          aria-label={t("kpi.month")}
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(m) => m && setMonth(m.format("YYYY-MM"))}
        />
        {can(session, "commission.manage") && <RunButton month={month} />}
      </Space>
      <Statements month={month} />
    </>
  );
}

function usePlans() {
  return useQuery({ queryKey: ["commission", "plans"], queryFn: fetchCommissionPlans });
}

function Plans() {
  const { t } = useTranslation();
  const plans = usePlans();
  const orgName = useOrgName();
  return (
    <Card title={t("commission.plans")}>
      <Loaded query={plans}>
        {(list) => (
          <Table<Plan>
            aria-label={t("commission.plans")}
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={list}
            expandable={{
              expandedRowRender: (plan) => (
                <>
                  {plan.versions.map((v) => (
                    <Descriptions key={v.version} size="small" bordered column={2} style={{ marginBottom: 8 }} title={`v${v.version} · ${v.effective_from} – ${v.effective_to ?? ""}`}>
                      <Descriptions.Item label={t("commission.defaultPerUnit")}>{v.rules.default_per_unit}</Descriptions.Item>
                      <Descriptions.Item label={t("commission.marginPercent")}>{v.rules.gross_margin_percent}%</Descriptions.Item>
                      <Descriptions.Item label={t("commission.financeBonus")}>{v.rules.finance_bonus}</Descriptions.Item>
                      <Descriptions.Item label={t("commission.insuranceBonus")}>{v.rules.insurance_bonus}</Descriptions.Item>
                      <Descriptions.Item label={t("commission.perModel")} span={2}>
                        {Object.entries(v.rules.per_unit ?? {}).map(([m, a]) => `${m}: ${a}`).join(" · ") || "—"}
                      </Descriptions.Item>
                      <Descriptions.Item label={t("commission.bands")} span={2}>
                        {(v.rules.bands ?? []).map((b) => `${b.name} ≥${b.from_percent}% ×${b.multiplier}`).join(" · ")}
                      </Descriptions.Item>
                    </Descriptions>
                  ))}
                  <NewVersion plan={plan} />
                </>
              ),
            }}
            columns={[
              { title: t("pool.name"), dataIndex: "name" },
              { title: t("lead.dealer"), dataIndex: "dealer_id", render: orgName },
              { title: t("commission.currency"), dataIndex: "currency" },
              { title: t("opp.version"), key: "versions", render: (_: unknown, p) => p.versions.length },
            ]}
          />
        )}
      </Loaded>
    </Card>
  );
}

function RulesFields() {
  const { t } = useTranslation();
  return (
    <>
      <Space wrap>
        <Form.Item name="default_per_unit" label={t("commission.defaultPerUnit")}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="gross_margin_percent" label={t("commission.marginPercent")}>
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.Item name="finance_bonus" label={t("commission.financeBonus")}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="insurance_bonus" label={t("commission.insuranceBonus")}>
          <InputNumber min={0} />
        </Form.Item>
      </Space>
      <Typography.Text strong>{t("commission.perModel")}</Typography.Text>
      <Form.List name="per_unit">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline">
                <Form.Item name={[field.name, "model"]} rules={[{ required: true }]}>
                  <Input placeholder={t("opp.model")} aria-label={t("opp.model")} />
                </Form.Item>
                <Form.Item name={[field.name, "amount"]} rules={[{ required: true }]}>
                  <InputNumber min={0} placeholder={t("commission.amount")} aria-label={t("commission.amount")} />
                </Form.Item>
                <Button onClick={() => remove(field.name)}>−</Button>
              </Space>
            ))}
            <Form.Item>
              <Button onClick={() => add()}>{t("commission.addModel")}</Button>
            </Form.Item>
          </>
        )}
      </Form.List>
      <Typography.Text strong>{t("commission.bands")}</Typography.Text>
      <Form.List name="bands">
        {(fields, { add, remove }) => (
          <>
            <Table
              aria-label={t("commission.bands")}
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={fields}
              scroll={{ x: "max-content" }}
              columns={[
                {
                  title: t("commission.bandName"),
                  key: "name",
                  render: (_: unknown, field) => (
                    <Form.Item name={[field.name, "name"]} rules={[{ required: true, pattern: /^[a-z0-9_]+$/ }]} style={{ margin: 0 }}>
                      <Input aria-label={t("commission.bandName")} style={{ minWidth: 120 }} />
                    </Form.Item>
                  ),
                },
                {
                  title: t("commission.bandFrom"),
                  key: "from",
                  render: (_: unknown, field) => (
                    <Form.Item name={[field.name, "from_percent"]} rules={[{ required: true }]} style={{ margin: 0 }}>
                      <InputNumber min={0} addonAfter="%" aria-label={t("commission.bandFrom")} style={{ width: 120 }} />
                    </Form.Item>
                  ),
                },
                {
                  title: t("commission.exclusive"),
                  key: "exclusive",
                  render: (_: unknown, field) => (
                    <Form.Item name={[field.name, "from_exclusive"]} valuePropName="checked" style={{ margin: 0 }}>
                      <Checkbox aria-label={t("commission.exclusive")} />
                    </Form.Item>
                  ),
                },
                {
                  title: t("commission.multiplier"),
                  key: "multiplier",
                  render: (_: unknown, field) => (
                    <Form.Item name={[field.name, "multiplier"]} rules={[{ required: true }]} style={{ margin: 0 }}>
                      <InputNumber min={0} max={10} step={0.1} addonBefore="×" aria-label={t("commission.multiplier")} style={{ width: 110 }} />
                    </Form.Item>
                  ),
                },
                {
                  title: "",
                  key: "remove",
                  render: (_: unknown, field) => (
                    <Button aria-label={t("commission.removeBand")} onClick={() => remove(field.name)}>
                      −
                    </Button>
                  ),
                },
              ]}
            />
            <Form.Item style={{ marginTop: 8 }}>
              <Button onClick={() => add()}>{t("commission.addBand")}</Button>
            </Form.Item>
          </>
        )}
      </Form.List>
    </>
  );
}

const EMPTY_RULES = { default_per_unit: 0, gross_margin_percent: 0, finance_bonus: 0, insurance_bonus: 0, per_unit: [], bands: [FIRST_BAND] };

function NewPlan() {
  const { t } = useTranslation();
  const session = useSession();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<PlanForm>();
  const plans = usePlans();
  const create = useMutation({
    mutationFn: (v: PlanForm) =>
      data(kpi.POST("/kpi/commission/plans", { body: { name: v.name, currency: "CNY", effective_from: v.effective_from.format("YYYY-MM-DD"), rules: rulesOf(v) } })),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      form.resetFields();
      await queries.invalidateQueries({ queryKey: ["commission", "plans"] });
    },
    onError: (error) => report(error, form),
  });
  if (!can(session, "commission.manage") || !plans.data) return null;
  // A dealer has one plan; it changes by new versions (kpi answers 409 to a second plan).
  if (plans.data.length > 0) return <Alert type="info" showIcon message={t("commission.onePlan")} />;
  return (
    <Card title={t("commission.newPlan")}>
      <Form<PlanForm> form={form} layout="vertical" initialValues={{ ...EMPTY_RULES, effective_from: dayjs().startOf("month") }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="name" label={t("pool.name")} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="effective_from" label={t("commission.effectiveFrom")} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <RulesFields />
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t("commission.createPlan")}
        </Button>
      </Form>
    </Card>
  );
}

function NewVersion({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const session = useSession();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<RulesForm & { effective_from: Dayjs }>();
  const latest = plan.versions[plan.versions.length - 1];
  const add = useMutation({
    mutationFn: (v: RulesForm & { effective_from: Dayjs }) =>
      data(
        kpi.POST("/kpi/commission/plans/{plan_id}/versions", {
          params: { path: { plan_id: plan.id } },
          body: { effective_from: v.effective_from.format("YYYY-MM-DD"), rules: rulesOf(v, latest?.rules) },
        }),
      ),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      await queries.invalidateQueries({ queryKey: ["commission", "plans"] });
    },
    onError: (error) => report(error, form),
  });
  if (!can(session, "commission.manage") || !latest) return null;
  const initial = {
    default_per_unit: Number(latest.rules.default_per_unit),
    gross_margin_percent: Number(latest.rules.gross_margin_percent),
    finance_bonus: Number(latest.rules.finance_bonus),
    insurance_bonus: Number(latest.rules.insurance_bonus),
    per_unit: Object.entries(latest.rules.per_unit ?? {}).map(([model, amount]) => ({ model, amount: Number(amount) })),
    bands: (latest.rules.bands ?? []).map((b) => ({ name: b.name, from_percent: Number(b.from_percent), multiplier: Number(b.multiplier), from_exclusive: b.from_exclusive })),
    effective_from: dayjs().add(1, "month").startOf("month"),
  };
  return (
    <Card size="small" title={t("commission.newVersion")}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => add.mutate(v)}>
        <Form.Item name="effective_from" label={t("commission.effectiveFrom")} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <RulesFields />
        <Button htmlType="submit" loading={add.isPending}>
          {t("commission.addVersion")}
        </Button>
      </Form>
    </Card>
  );
}

function RunButton({ month }: { month: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const run = useMutation({
    mutationFn: () => data(kpi.POST("/kpi/commission/runs", { body: { month } })),
    onSuccess: async (r) => {
      void message.success(t("commission.ran", { statements: r.statements, total: r.total }));
      await queries.invalidateQueries({ queryKey: ["commission", "statements"] });
    },
    onError: (error) => report(error),
  });
  return (
    <Button type="primary" loading={run.isPending} onClick={() => run.mutate()}>
      {t("commission.run", { month })}
    </Button>
  );
}
