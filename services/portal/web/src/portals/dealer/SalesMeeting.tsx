import { useQuery } from "@tanstack/react-query";
import { Card, DatePicker, Space, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, fileUrl, kpi } from "../../api/client";
import { Chart } from "../../components/Chart";
import type { components } from "../../api/generated/kpi";
import { Loaded } from "../../components/feedback";
import { useOwnerName } from "../shared/directory";

type Meeting = components["schemas"]["SalesMeeting"];

/** The daily sales meeting (销售晨会): each consultant's receptions, callbacks, test drives,
 * claims, conversions and units, as chart and table, exported as CSV or XLSX. */
export default function SalesMeeting() {
  const { t } = useTranslation();
  const ownerName = useOwnerName();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(1, "day"), dayjs().add(1, "day")]);
  const period = { from: range[0].format("YYYY-MM-DD"), to: range[1].format("YYYY-MM-DD") };
  const meeting = useQuery({
    queryKey: ["sales-meeting", period.from, period.to],
    // JSON here; the same report as CSV or XLSX is a download link.
    queryFn: () => data(kpi.GET("/kpi/reports/sales-meeting", { params: { query: period } })) as Promise<Meeting>,
  });
  return (
    <>
      <Typography.Title level={2}>{t("menu.salesMeeting")}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker value={range} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} aria-label={t("kpi.day")} />
        <a href={fileUrl("kpi", "/kpi/reports/sales-meeting", { ...period, format: "csv" })} download>
          {t("kpi.export")} CSV
        </a>
        <a href={fileUrl("kpi", "/kpi/reports/sales-meeting", { ...period, format: "xlsx" })} download>
          {t("kpi.export")} XLSX
        </a>
      </Space>
      <Loaded query={meeting}>
        {(m) => (
          <>
            <Card>
              <Chart
                label={t("menu.salesMeeting")}
                option={{
                  tooltip: { trigger: "axis" },
                  legend: {},
                  xAxis: { type: "category", data: m.lines.map((l) => ownerName(l.consultant)) },
                  yAxis: { type: "value" },
                  series: (["receptions", "callbacks", "test_drives", "converted", "won_units"] as const).map((k) => ({
                    name: t(`meetingFigure.${k}`),
                    type: "bar",
                    data: m.lines.map((l) => l[k]),
                  })),
                }}
              />
            </Card>
            <Table
              aria-label={t("menu.salesMeeting")}
              style={{ marginTop: 16 }}
              size="small"
              rowKey="consultant"
              pagination={false}
              scroll={{ x: "max-content" }}
              dataSource={m.lines}
              columns={[
                { title: t("lead.owner"), dataIndex: "consultant", render: (c: string) => ownerName(c) },
                ...(["receptions", "callbacks", "test_drives", "claimed", "upgraded", "converted"] as const).map((k) => ({ title: t(`meetingFigure.${k}`), dataIndex: k })),
                { title: t("opp.conversion"), dataIndex: "conversion_rate", render: (v: number | null) => (v === null ? "" : `${(v * 100).toFixed(1)}%`) },
                { title: t("meetingFigure.lost"), dataIndex: "lost" },
                { title: t("meetingFigure.won_units"), dataIndex: "won_units" },
              ]}
            />
            <Typography.Title level={3} style={{ marginTop: 16 }}>
              {t("meeting.subtotals")}
            </Typography.Title>
            <Table
              aria-label={t("meeting.subtotals")}
              size="small"
              rowKey={(s) => `${s.level}/${s.node}`}
              pagination={false}
              scroll={{ x: "max-content" }}
              dataSource={m.subtotals}
              columns={[
                { title: t("meeting.level"), dataIndex: "level", render: (level: string) => t(`meeting.${level}`) },
                { title: t("meeting.node"), dataIndex: "node" },
                { title: t("meeting.consultants"), dataIndex: "consultants" },
                ...(["receptions", "callbacks", "test_drives", "claimed", "upgraded", "converted", "lost"] as const).map((k) => ({
                  title: t(`meetingFigure.${k}`),
                  key: k,
                  render: (_: unknown, s: Meeting["subtotals"][number]) => s.counts[k] ?? 0,
                })),
                { title: t("opp.conversion"), dataIndex: "conversion_rate", render: (v: number | null) => (v === null ? "" : `${(v * 100).toFixed(1)}%`) },
                { title: t("kpi.units"), key: "won_units", render: (_: unknown, s: Meeting["subtotals"][number]) => s.counts.won_units ?? 0 },
              ]}
            />
          </>
        )}
      </Loaded>
    </>
  );
}
