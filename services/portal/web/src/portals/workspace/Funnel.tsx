import { useQuery } from "@tanstack/react-query";
import { Card, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { data, opportunities } from "../../api/client";
import { Chart } from "../../components/Chart";
import { Loaded } from "../../components/feedback";
import { lastDays } from "../../dates";

/** The funnel of the caller's scope (own, team, dealer, region, tenant) over 90 days. */
export function FunnelChart({ groupBy }: { groupBy?: "consultant" | "team" | "dealer" | "region" }) {
  const { t } = useTranslation();
  const period = lastDays(90);
  const funnel = useQuery({
    queryKey: ["funnel", groupBy, period.from],
    queryFn: () => data(opportunities.GET("/reports/funnel", { params: { query: { ...period, group_by: groupBy } } })),
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

export default function Funnel() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={2}>{t("menu.funnel")}</Typography.Title>
      <Card>
        <FunnelChart />
      </Card>
    </>
  );
}
