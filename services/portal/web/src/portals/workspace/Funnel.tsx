import { useQuery } from "@tanstack/react-query";
import { Card, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { data, fileUrl, opportunities } from "../../api/client";
import type { components } from "../../api/generated/opportunities";
import { Chart } from "../../components/Chart";
import { Loaded } from "../../components/feedback";
import { lastDays } from "../../dates";

type FunnelReport = components["schemas"]["Funnel"];

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
              series: [{ type: "funnel", sort: "none", data: steps, label: { formatter: "{b}: {c}" } }],
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
] as const;

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
    </>
  );
}
