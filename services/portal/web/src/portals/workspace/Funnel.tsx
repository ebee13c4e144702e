import { useQuery } from "@tanstack/react-query";
import { Card, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { data, fileUrl, opportunities } from "../../api/client";
import type { components } from "../../api/generated/opportunities";
import { Chart } from "../../components/Chart";
import { ListCut, Loaded } from "../../components/feedback";
import { lastDays } from "../../dates";

type FunnelReport = components["schemas"]["Funnel"];
type CompetitionReport = components["schemas"]["CompetitionReport"];
type CompetitorRow = { key: string; name: string; open: number; won: number; lost: number; win_rate?: number | null; children?: CompetitorRow[] };

/** A win rate as a percentage; "—" while nothing was decided. */
export function winRateText(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "—" : `${Math.round(rate * 100)}%`;
}

/** The funnel of the caller's scope (own, team, dealer, region, tenant) over 90 days. */
export function FunnelChart({ groupBy }: { groupBy?: "consultant" | "team" | "dealer" | "region" }) {
  const { t } = useTranslation();
  const period = lastDays(90);
  const funnel = useQuery({
    queryKey: ["funnel", groupBy, period.from],
    // JSON here; the same report as CSV or XLSX is a download link.
    queryFn: () => data(opportunities.GET("/reports/funnel", { params: { query: { ...period, group_by: groupBy } } })) as Promise<FunnelReport>,
  });
  return (
    <Loaded query={funnel}>
      {(f) => {
        const names = new Map(f.stages.map((s) => [s.code, s.name]));
        const steps = f.total.stages.map((s) => ({ name: names.get(s.code) ?? s.code, value: s.reached }));
        return (
          <Chart
            label={t("opp.funnel")}
            option={{
              tooltip: { trigger: "item" },
              // As wide as the stage most reached, not ECharts' 100: a funnel of a few leads is
              // drawn as one too.
              series: [{ type: "funnel", sort: "none", min: 0, max: Math.max(1, ...steps.map((s) => s.value)), data: steps, label: { formatter: "{b}: {c}" } }],
            }}
          />
        );
      }}
    </Loaded>
  );
}

const EXPORTS = [
  ["/reports/funnel", "opp.funnel"],
  ["/reports/forecast", "opp.forecast"],
  ["/reports/win-loss", "opp.winLoss"],
  ["/reports/stale", "opp.staleList"],
  ["/reports/competitors", "opp.competitors"],
] as const;

/** Win/loss by competitor over the period, a row per competitor and its models within. */
export function CompetitorReport() {
  const { t } = useTranslation();
  const period = lastDays(90);
  const report = useQuery({
    queryKey: ["competitors-report", period.from],
    // JSON here; the same report as CSV or XLSX is a download link above.
    queryFn: () => data(opportunities.GET("/reports/competitors", { params: { query: period } })) as Promise<CompetitionReport>,
  });
  return (
    <Loaded query={report}>
      {(r) => (
        <>
          <ListCut cut={r.competitors_truncated} shown={r.competitors.length} hint={t("app.narrowScope")} />
          <Table<CompetitorRow>
            size="small"
            pagination={false}
            aria-label={t("opp.competitors")}
            dataSource={r.competitors.map((c) => ({
              key: c.competitor,
              name: c.competitor,
              open: c.open,
              won: c.won,
              lost: c.lost,
              win_rate: c.win_rate,
              children: c.models.length
                ? c.models.map((m) => ({ key: `${c.competitor}/${m.model}`, name: m.model, open: m.open, won: m.won, lost: m.lost, win_rate: m.win_rate }))
                : undefined,
            }))}
            columns={[
              { title: t("opp.competitor"), dataIndex: "name" },
              { title: t("opp.inPlay"), dataIndex: "open" },
              { title: t("opp.wonAgainst"), dataIndex: "won" },
              { title: t("opp.lostTo"), dataIndex: "lost" },
              { title: t("opp.winRate"), dataIndex: "win_rate", render: winRateText },
            ]}
          />
        </>
      )}
    </Loaded>
  );
}

/** The funnel chart, and each sales report of the same 90 days as a file (CSV or XLSX). */
export default function Funnel() {
  const { t } = useTranslation();
  const period = lastDays(90);
  return (
    <>
      <Typography.Title level={2}>{t("menu.funnel")}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        {EXPORTS.map(([path, label]) =>
          (["csv", "xlsx"] as const).map((format) => (
            <a key={`${path}-${format}`} href={fileUrl("opportunities", path, path === "/reports/stale" ? { limit: "200", format } : { ...period, format })} download>
              {t("kpi.export")} {t(label)} {format.toUpperCase()}
            </a>
          )),
        )}
      </Space>
      <Card>
        <FunnelChart />
      </Card>
      <Card title={t("opp.competitors")} style={{ marginTop: 12 }}>
        <CompetitorReport />
      </Card>
    </>
  );
}
