import { useQuery } from "@tanstack/react-query";
import { Card, Form, Input, Segmented, Space, Table, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { allPages, data, serviceDesk } from "../../api/client";
import type { components } from "../../api/generated/service-desk";
import { Chart } from "../../components/Chart";
import type { ChartOption } from "../../components/EChart";
import { Failure } from "../../components/feedback";
import { monthsAgo, thisMonth } from "../../dates";
import { dealerMonthSeries, monthRange, monthsBetween } from "./afterSales";

type SurveyGroup = components["schemas"]["SurveyGroup"];
type Measure = "nps" | "csi" | "response_rate";
const ANALYSIS_PAGE = 500;

/** Survey results (NPS, CSI index, response rate) per dealer and month, over the dealers whose
 * figures the caller may see (their own book, or what the dealers share): one analysis per
 * dealer and month for the chart, one over the whole period for the table. */
export default function Surveys() {
  const { t } = useTranslation();
  const [first, setFirst] = useState(monthsAgo(5));
  const [last, setLast] = useState(thisMonth());
  const [measure, setMeasure] = useState<Measure>("nps");
  const months = monthsBetween(first, last);
  const period = months.length ? { from: monthRange(months[0]).from, to: monthRange(months[months.length - 1]).to } : null;
  const perMonth = useQuery({
    queryKey: ["surveys", "analysis", "dealer_month", period],
    queryFn: () =>
      allPages((limit, offset) => data(serviceDesk.GET("/surveys/analysis", { params: { query: { ...period!, per: "dealer_month" as const, limit, offset } } })), ANALYSIS_PAGE),
    enabled: period !== null,
  });
  const total = useQuery({
    queryKey: ["surveys", "analysis", "dealer", period],
    queryFn: () => data(serviceDesk.GET("/surveys/analysis", { params: { query: { ...period!, per: "dealer" as const } } })),
    enabled: period !== null,
  });
  const loaded = perMonth.data !== undefined;
  const option = useMemo<ChartOption | undefined>(() => {
    if (!perMonth.data) return undefined;
    const series = dealerMonthSeries(months, perMonth.data, measure);
    if (series.dealers.length === 0) return undefined;
    return {
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 48, right: 16, top: 16, bottom: 48 },
      xAxis: { type: "category", data: series.months },
      yAxis: { type: "value", ...(measure === "nps" ? { min: -100, max: 100 } : { min: 0, max: 100 }) },
      series: series.dealers.map((dealer) => ({ name: dealer, type: "line", data: series.values[dealer], connectNulls: false })),
    };
  }, [perMonth.data, measure, months.join()]);
  const failed = perMonth.error ?? total.error;
  const measureLabel = t(`desk.survey.${measure}`);
  return (
    <>
      <Typography.Title level={2}>{t("desk.menu.surveys")}</Typography.Title>
      <Form layout="inline" name="survey-period" style={{ marginBottom: 12 }}>
        <Form.Item label={t("desk.survey.from")} htmlFor="survey-from">
          <Input id="survey-from" type="month" value={first} max={last} onChange={(e) => e.target.value && setFirst(e.target.value)} />
        </Form.Item>
        <Form.Item label={t("desk.survey.to")} htmlFor="survey-to">
          <Input id="survey-to" type="month" value={last} min={first} onChange={(e) => e.target.value && setLast(e.target.value)} />
        </Form.Item>
        <Form.Item label={t("desk.survey.measure")}>
          <Segmented<Measure>
            aria-label={t("desk.survey.measure")}
            value={measure}
            onChange={setMeasure}
            options={(["nps", "csi", "response_rate"] as const).map((m) => ({ value: m, label: t(`desk.survey.${m}`) }))}
          />
        </Form.Item>
      </Form>
      {failed ? (
        <Failure error={failed} />
      ) : (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Card title={t("desk.survey.perDealer", { measure: measureLabel })}>
            {option ? (
              <Chart label={t("desk.survey.perDealer", { measure: measureLabel })} option={option} height={300} />
            ) : (
              <Typography.Text type="secondary">{loaded ? t("desk.survey.noData") : t("app.loading")}</Typography.Text>
            )}
          </Card>
          <Card title={t("desk.survey.total")}>
            <Table<SurveyGroup>
              aria-label={t("desk.survey.total")}
              rowKey="group"
              size="small"
              scroll={{ x: "max-content" }}
              loading={total.isFetching}
              dataSource={total.data ?? []}
              locale={{ emptyText: t("desk.survey.noData") }}
              pagination={false}
              columns={[
                { title: t("desk.survey.dealer"), dataIndex: "group" },
                { title: t("desk.survey.sent"), dataIndex: "sent" },
                { title: t("desk.survey.answered"), dataIndex: "answered" },
                { title: t("desk.survey.response_rate"), dataIndex: "response_rate", render: (v: number) => v.toFixed(1) },
                { title: t("desk.survey.nps"), dataIndex: "nps", render: (v: number | null) => <span data-nps={v ?? ""}>{v === null ? "—" : v.toFixed(1)}</span> },
                { title: t("desk.survey.csi"), dataIndex: "csi", render: (v: number | null) => (v === null ? "—" : v.toFixed(1)) },
                { title: t("desk.survey.lowScores"), dataIndex: "low_scores" },
              ]}
            />
          </Card>
        </Space>
      )}
    </>
  );
}
