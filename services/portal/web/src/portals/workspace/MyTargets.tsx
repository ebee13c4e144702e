import { useQuery } from "@tanstack/react-query";
import { Card, Col, Row, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { data, kpi } from "../../api/client";
import { Chart } from "../../components/Chart";
import { ListCut, Loaded } from "../../components/feedback";
import { thisMonth } from "../../dates";
import { useSession } from "../../session";

/** The consultant's month: target against actual day by day, and their place on the board. */
export default function MyTargets() {
  const { t } = useTranslation();
  const session = useSession();
  const month = thisMonth();
  const daily = useQuery({
    queryKey: ["targets", month, "mine"],
    queryFn: () => data(kpi.GET("/kpi/targets/{month}/daily", { params: { path: { month }, query: { consultant: session.user_id } } })),
  });
  const board = useQuery({
    queryKey: ["leaderboard", month],
    queryFn: () => data(kpi.GET("/kpi/leaderboards", { params: { query: { month, metric: "units" } } })),
  });
  return (
    <>
      <Typography.Title level={2}>{t("menu.myTargets")}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={`${t("kpi.target")} · ${month}`}>
            <Loaded query={daily}>
              {(d) => (
                <Chart
                  label={t("kpi.attainment")}
                  option={{
                    tooltip: { trigger: "axis" },
                    legend: { data: [t("kpi.target"), t("kpi.actual")] },
                    xAxis: { type: "category", data: d.days.map((x) => x.day.slice(5)) },
                    yAxis: { type: "value" },
                    series: [
                      { name: t("kpi.target"), type: "line", data: d.days.map((x) => Number(x.target_so_far ?? 0)) },
                      { name: t("kpi.actual"), type: "bar", data: d.days.map((x) => Number(x.actual_so_far)) },
                    ],
                  }}
                />
              )}
            </Loaded>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t("kpi.leaderboard")}>
            <Loaded query={board}>
              {(b) => (
                <>
                  <ListCut cut={b.entries_truncated} shown={b.entries.length} />
                  <Table
                    aria-label={t("kpi.leaderboard")}
                    size="small"
                    rowKey="member"
                    pagination={false}
                    dataSource={b.entries}
                    rowClassName={(e) => (e.member === session.user_id ? "ant-table-row-selected" : "")}
                    columns={[
                      { title: t("kpi.rank"), dataIndex: "rank" },
                      // Colleagues by the name kpi knows them by; one it has no name for yet is a colleague,
                      // never a fragment of a user id.
                      { title: t("lead.owner"), dataIndex: "member", render: (m: string, e) => e.name ?? (m === session.user_id ? session.username : t("kpi.colleague")) },
                      { title: t("kpi.units"), dataIndex: "score" },
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
