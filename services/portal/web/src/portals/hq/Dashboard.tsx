import { useQuery } from "@tanstack/react-query";
import { Card, Col, Row, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { data, kpi } from "../../api/client";
import { Chart } from "../../components/Chart";
import { ListCut, Loaded } from "../../components/feedback";
import { lastDays, thisMonth } from "../../dates";
import { useOrgName } from "../shared/directory";
import { FunnelChart } from "../workspace/Funnel";

/** HQ's (or a region's) view: funnel by region, daily sales by region, leads per day, the
 * month's target cascade. Each figure is what the caller's scope and the dealers' sharing allow. */
export default function Dashboard() {
  const { t } = useTranslation();
  const period = lastDays(30);
  const month = thisMonth();
  const orgName = useOrgName();
  const sales = useQuery({
    queryKey: ["sales", "region", period.from],
    queryFn: () => data(kpi.GET("/kpi/sales/daily", { params: { query: { ...period, per: "region" } } })),
  });
  const leadCounts = useQuery({
    queryKey: ["leads-daily", period.from],
    queryFn: () => data(kpi.GET("/kpi/leads/daily", { params: { query: period } })),
  });
  const cascade = useQuery({
    queryKey: ["targets", month],
    queryFn: () => data(kpi.GET("/kpi/targets/{month}", { params: { path: { month } } })),
  });
  return (
    <>
      <Typography.Title level={2}>{t("menu.dashboard")}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t("opp.funnel")}>
            <FunnelChart groupBy="region" />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={`${t("kpi.won")} · ${t("kpi.region")}`}>
            <Loaded query={sales}>
              {(s) => {
                const regions = [...new Set(s.rows.map((r) => r.region_id ?? "—"))];
                const regionName = (region: string) => (region === "—" ? region : orgName(region));
                const days = [...new Set(s.rows.map((r) => r.day))].sort();
                return (
                  <Chart
                    label={`${t("kpi.won")} · ${t("kpi.region")}`}
                    option={{
                      tooltip: { trigger: "axis" },
                      legend: { data: regions.map(regionName) },
                      xAxis: { type: "category", data: days.map((d) => d.slice(5)) },
                      yAxis: { type: "value" },
                      series: regions.map((region) => ({
                        name: regionName(region),
                        type: "bar",
                        stack: "units",
                        data: days.map((d) => s.rows.filter((r) => (r.region_id ?? "—") === region && r.day === d).reduce((n, r) => n + r.net_units, 0)),
                      })),
                    }}
                  />
                );
              }}
            </Loaded>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t("kpi.leads")}>
            <Loaded query={leadCounts}>
              {(c) => {
                const days = [...new Set(c.rows.map((r) => r.day))].sort();
                return (
                  <Chart
                    label={t("kpi.leads")}
                    option={{
                      tooltip: { trigger: "axis" },
                      xAxis: { type: "category", data: days.map((d) => d.slice(5)) },
                      yAxis: { type: "value" },
                      series: [{ type: "line", name: t("kpi.leads"), data: days.map((d) => c.rows.filter((r) => r.day === d).reduce((n, r) => n + r.leads, 0)) }],
                    }}
                  />
                );
              }}
            </Loaded>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={`${t("menu.targetCascade")} · ${month}`}>
            <Loaded query={cascade}>
              {(c) => (
                <>
                  <ListCut cut={c.children_truncated} shown={c.children.length} hint={t("app.narrowScope")} />
                  <Table
                    aria-label={t("menu.targetCascade")}
                    size="small"
                    rowKey="node"
                    pagination={false}
                    dataSource={[c.node, ...c.children]}
                    columns={[
                      { title: t("kpi.node"), dataIndex: "node", render: orgName },
                      { title: t("kpi.target"), dataIndex: "target" },
                      { title: t("kpi.actual"), dataIndex: "actual" },
                      { title: t("kpi.attainment"), dataIndex: "attainment_percent", render: (v: string | null) => (v ? `${v}%` : "") },
                      { title: t("kpi.forecast"), dataIndex: "forecast" },
                    ]}
                  />
                </>
              )}
            </Loaded>
          </Card>
        </Col>
      </Row>
    </>
  );
}
