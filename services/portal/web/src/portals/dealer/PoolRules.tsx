import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Col, Descriptions, Form, InputNumber, Row, Select, Switch, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, leads } from "../../api/client";
import type { components } from "../../api/generated/leads";
import { Loaded, useFailureReport } from "../../components/feedback";
import { useOwnerName } from "../shared/directory";
import { gradeLabel, when } from "../workspace/labels";
import { usePools } from "../shared/pools";

type Pool = components["schemas"]["PoolPublic"];
type Rules = components["schemas"]["PoolRules"];
type Consultant = components["schemas"]["ConsultantFairness"];
type FlaggedPair = components["schemas"]["FlaggedPairPublic"];

/** A pool's rules: grade scheme (built-in or the book's own), claim limits and protection, recycling, anti-collusion; and
 * its fairness report (leads per consultant, pairs feeding each other released leads). */
export default function PoolRules() {
  const { t } = useTranslation();
  const pools = usePools();
  const [chosen, setChosen] = useState<string>();
  return (
    <>
      <Typography.Title level={2}>{t("menu.poolRules")}</Typography.Title>
      <Loaded query={pools}>
        {(list) => {
          const pool = list.find((p) => p.id === chosen) ?? list.find((p) => p.is_default) ?? list[0];
          if (!pool) return null;
          return (
            <>
              <Select aria-label={t("pool.name")} value={pool.id} onChange={setChosen} options={list.map((p) => ({ value: p.id, label: p.name }))} style={{ minWidth: 220, marginBottom: 12 }} />
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={12}>
                  <RulesForm key={pool.id} pool={pool} />
                </Col>
                <Col xs={24} lg={12}>
                  <Fairness poolId={pool.id} />
                </Col>
              </Row>
            </>
          );
        }}
      </Loaded>
    </>
  );
}

function RulesForm({ pool }: { pool: Pool }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<Rules>();
  const schemes = useQuery({ queryKey: ["grade-schemes"], queryFn: () => data(leads.GET("/grade-schemes")) });
  const save = useMutation({
    mutationFn: (rules: Rules) =>
      data(
        leads.PUT("/pools/{pool_id}", {
          params: { path: { pool_id: pool.id } },
          body: { name: pool.name, kind: pool.kind, auto_assignment: pool.auto_assignment, rules: { ...pool.rules, ...rules, claim: { ...pool.rules.claim!, ...rules.claim }, recycle: { ...pool.rules.recycle!, ...rules.recycle }, collusion: { ...pool.rules.collusion!, ...rules.collusion } } },
        }),
      ),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      await queries.invalidateQueries({ queryKey: ["pools"] });
    },
    onError: (error) => report(error, form),
  });
  return (
    <Card title={`${t("pool.rules")} · ${pool.name}`}>
      <Form<Rules> form={form} layout="vertical" initialValues={pool.rules} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="grade_scheme" label={t("lead.grade")}>
          <Select
            loading={schemes.isPending}
            options={(schemes.data?.schemes ?? []).map((scheme) => ({
              value: scheme.name,
              label: `${scheme.name}: ${scheme.grades.map((g) => gradeLabel(t, g.code)).join(" / ")}`,
            }))}
          />
        </Form.Item>
        <Form.Item name={["claim", "protection_days"]} label={t("pool.protection")}>
          <InputNumber min={0} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name={["claim", "max_private_leads"]} label={t("pool.maxPrivate")}>
          <InputNumber min={0} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name={["claim", "max_claims_per_day"]} label={t("pool.claimsPerDay")}>
          <InputNumber min={0} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name={["recycle", "no_follow_up_days"]} label={t("pool.recycleDays")}>
          <InputNumber min={1} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name={["recycle", "real_contact_only"]} label={t("poolRule.realContactOnly")} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name={["collusion", "window_days"]} label={t("poolRule.collusionWindow")}>
          <InputNumber min={1} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name={["collusion", "threshold"]} label={t("poolRule.collusionThreshold")}>
          <InputNumber min={1} style={{ width: "100%" }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t("pool.save")}
        </Button>
      </Form>
    </Card>
  );
}

function Fairness({ poolId }: { poolId: string }) {
  const { t } = useTranslation();
  const ownerName = useOwnerName();
  const fairness = useQuery({ queryKey: ["pool", poolId, "report"], queryFn: () => data(leads.GET("/pools/{pool_id}/report", { params: { path: { pool_id: poolId } } })) });
  return (
    <Card title={t("pool.report")}>
      <Loaded query={fairness}>
        {(r) => (
          <>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t("fairness.window")}>{r.window_days}</Descriptions.Item>
              <Descriptions.Item label={t("fairness.waiting")}>
                <span data-pool-waiting>{r.waiting}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("fairness.averageHours")}>{r.average_hours_waiting === null ? "—" : r.average_hours_waiting.toFixed(1)}</Descriptions.Item>
              <Descriptions.Item label={t("fairness.openLeads")}>{`${r.open_leads_min} – ${r.open_leads_max}`}</Descriptions.Item>
            </Descriptions>
            <Table<Consultant>
              aria-label={t("fairness.consultants")}
              title={() => t("fairness.consultants")}
              size="small"
              rowKey="user_id"
              pagination={false}
              scroll={{ x: "max-content" }}
              dataSource={r.consultants}
              columns={[
                { title: t("lead.owner"), dataIndex: "user_id", render: (u: string) => ownerName(u) },
                { title: t("fairness.openLeadsOf"), dataIndex: "open_leads" },
                { title: t("fairness.claimed"), dataIndex: "claimed" },
                { title: t("fairness.assigned"), dataIndex: "assigned" },
                { title: t("fairness.released"), dataIndex: "released" },
                { title: t("fairness.recycleRate"), dataIndex: "recycle_rate", render: (v: number | string | null) => (v === null || v === undefined ? "—" : `${(Number(v) * 100).toFixed(0)}%`) },
              ]}
            />
            <Table<FlaggedPair>
              aria-label={t("fairness.flagged")}
              title={() => t("fairness.flagged")}
              style={{ marginTop: 12 }}
              size="small"
              rowKey={(p) => `${p.released_by}-${p.claimed_by}`}
              pagination={false}
              scroll={{ x: "max-content" }}
              dataSource={r.flagged_pairs}
              locale={{ emptyText: t("fairness.noneFlagged") }}
              columns={[
                { title: t("fairness.releasedBy"), dataIndex: "released_by", render: (u: string) => ownerName(u) },
                { title: t("fairness.claimedBy"), dataIndex: "claimed_by", render: (u: string) => ownerName(u) },
                { title: t("fairness.handovers"), dataIndex: "handovers" },
                { title: t("fairness.lastAt"), dataIndex: "last_at", render: when },
              ]}
            />
          </>
        )}
      </Loaded>
    </Card>
  );
}
