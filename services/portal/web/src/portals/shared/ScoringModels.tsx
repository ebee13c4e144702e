import { useQuery } from "@tanstack/react-query";
import { Descriptions, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { allPages, data, leads } from "../../api/client";
import { Loaded } from "../../components/feedback";
import { factorText } from "../workspace/Score";
import { when } from "../workspace/labels";
import { useOrgName } from "./directory";
import { modelState, percent, WEAKEST_AUC, type ScoreModel } from "./scoring";

const MODELS_PAGE = 500;
// Solid tags with white text: Ant Design's pale green and orange tags fall below WCAG AA.
const STATE_COLOUR = { in_use: "#237804", weak: "#874d00", superseded: "default" } as const;

/** The lead-scoring models (成交预测模型) of the books the manager may see: each trained version,
 * what it learnt from, its quality on the held-out month (AUC, Brier score, calibration) and
 * whether it scores leads; a book with none has too little closed history yet. */
export default function ScoringModels() {
  const { t } = useTranslation();
  const orgName = useOrgName();
  const models = useQuery({
    queryKey: ["lead-scoring", "models"],
    queryFn: () => allPages((limit, offset) => data(leads.GET("/lead-scoring/models", { params: { query: { limit, offset } } })), MODELS_PAGE),
  });
  return (
    <>
      <Typography.Title level={2}>{t("scoring.menu")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("scoring.explain", { auc: WEAKEST_AUC })}</Typography.Paragraph>
      <Loaded query={models}>
        {(all) => (
          <Table<ScoreModel>
            aria-label={t("scoring.menu")}
            rowKey="id"
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={all}
            locale={{ emptyText: t("scoring.none") }}
            scroll={{ x: "max-content" }}
            expandable={{
              expandedRowRender: (m) => (
                <>
                  <Descriptions size="small" column={1} title={t("scoring.factors")}>
                    {m.strongest_factors.map((f) => (
                      <Descriptions.Item key={f.factor} label={factorText(f)}>{f.effect.toFixed(2)}</Descriptions.Item>
                    ))}
                  </Descriptions>
                  <Table
                    aria-label={t("scoring.calibration")}
                    title={() => t("scoring.calibration")}
                    rowKey={(_, i) => String(i)}
                    size="small"
                    pagination={false}
                    dataSource={m.calibration}
                    columns={[
                      { title: t("scoring.group"), key: "group", render: (_: unknown, __: unknown, i: number) => i + 1 },
                      { title: t("scoring.leads"), dataIndex: "leads" },
                      { title: t("scoring.predicted"), dataIndex: "predicted", render: (v: number) => percent(v) },
                      { title: t("scoring.observed"), dataIndex: "observed", render: (v: number) => percent(v) },
                    ]}
                  />
                </>
              ),
            }}
            columns={[
              { title: t("scoring.book"), dataIndex: "owner_org", render: (o: string) => orgName(o) },
              { title: t("scoring.scope"), dataIndex: "scope", render: (s: string) => t(`scoring.scopes.${s}`, { defaultValue: s }) },
              { title: t("scoring.version"), dataIndex: "version" },
              { title: t("scoring.trained"), dataIndex: "trained_at", render: (v: string) => when(v) },
              { title: t("scoring.learnt"), key: "learnt", render: (_: unknown, m) => t("scoring.learntFrom", { converted: m.converted, lost: m.lost }) },
              { title: t("scoring.heldOut"), key: "heldOut", render: (_: unknown, m) => t("scoring.heldOutFrom", { leads: m.held_out_leads, from: when(m.held_out_from) }) },
              { title: "AUC", dataIndex: "auc", render: (v: number) => v.toFixed(3) },
              { title: "Brier", dataIndex: "brier", render: (v: number) => v.toFixed(3) },
              {
                title: t("scoring.state"),
                key: "state",
                render: (_: unknown, m) => {
                  const state = modelState(m, all);
                  return <Tag color={STATE_COLOUR[state]}>{t(`scoring.states.${state}`)}</Tag>;
                },
              },
            ]}
          />
        )}
      </Loaded>
    </>
  );
}
