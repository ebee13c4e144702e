import { useQuery } from "@tanstack/react-query";
import { Card, Col, DatePicker, InputNumber, Row, Segmented, Select, Space, Statistic, Table, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, leads } from "../../api/client";
import type { components } from "../../api/generated/leads";
import { Chart } from "../../components/Chart";
import { ListCut, Loaded } from "../../components/feedback";
import { useOrgs } from "./directory";
import { QUADRANTS, quadrantMap, quadrantSeries, STAGES, stageSeries } from "./segments";

type Segments = components["schemas"]["SegmentsPublic"];

/** Customer segmentation and lifecycle (客户细分 / 生命周期) over the customers the caller may
 * count: each dealer's and region's customers by stage (prospect → signed → end user →
 * repeat) and its buyers by order frequency x order value, as charts, a 2 x 2 map and a
 * table; the thresholds are the reader's. */
export default function SegmentsPage() {
  const { t } = useTranslation();
  const [since, setSince] = useState<Dayjs | null>(null);
  const [frequent, setFrequent] = useState(2);
  const [highValue, setHighValue] = useState(300_000);
  const [level, setLevel] = useState<"dealers" | "regions">("dealers");
  const [mapped, setMapped] = useState("all");
  const orgs = useOrgs();
  const names = new Map((orgs.data ?? []).map((o) => [o.id, o.name]));
  const nameOf = (node: string) => (node === "all" ? t("segments.all") : (names.get(node) ?? node));
  const query = { frequent_orders: frequent, high_value: highValue, ...(since ? { since: since.format("YYYY-MM-DD") } : {}) };
  const segments = useQuery({
    queryKey: ["customer-segments", query],
    queryFn: () => data(leads.GET("/customer-segments", { params: { query } })),
  });
  return (
    <>
      <Typography.Title level={2}>{t("segments.menu")}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <label>
          {t("segments.since")}{" "}
          <DatePicker value={since} onChange={setSince} aria-label={t("segments.since")} />
        </label>
        <label>
          {t("segments.frequentOrders")}{" "}
          <InputNumber min={2} max={100} value={frequent} onChange={(v) => v && setFrequent(v)} aria-label={t("segments.frequentOrders")} />
        </label>
        <label>
          {t("segments.highValue")}{" "}
          <InputNumber min={1} step={50_000} value={highValue} onChange={(v) => v && setHighValue(v)} aria-label={t("segments.highValue")} style={{ width: 140 }} />
        </label>
      </Space>
      <Loaded query={segments}>
        {(s) => {
          const nodes = level === "regions" ? s.regions : s.dealers;
          const everyNode = [s.total, ...s.regions, ...s.dealers];
          const onMap = everyNode.find((n) => n.node === mapped) ?? s.total;
          const [[fh, oh], [fl, ol]] = quadrantMap(onMap);
          return (
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={14}>
                <Card>
                  <Space wrap size="large">
                    <Statistic title={t("segments.customers")} value={s.total.customers} />
                    <Statistic title={t("segments.buyers")} value={s.total.buyers} />
                    <Statistic title={t("segments.value")} value={s.total.value} prefix="¥" />
                    <Statistic title={t("segments.valuePerBuyer")} value={s.total.value_per_buyer ?? "—"} prefix={s.total.value_per_buyer ? "¥" : undefined} />
                  </Space>
                </Card>
              </Col>
              <Col xs={24} lg={10}>
                <Card
                  title={t("segments.quadrantOf", { node: nameOf(onMap.node) })}
                  extra={
                    <Select
                      size="small"
                      aria-label={t("segments.node")}
                      value={onMap.node}
                      onChange={setMapped}
                      style={{ minWidth: 160 }}
                      options={everyNode.map((n) => ({ value: n.node, label: nameOf(n.node) }))}
                    />
                  }
                >
                  <table className="quadrant-map" aria-label={t("segments.quadrants")}>
                    <thead>
                      <tr>
                        <td />
                        <th scope="col">{t("segments.frequent")}</th>
                        <th scope="col">{t("segments.occasional")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <tr>
                        <th scope="row">{t("segments.high")}</th>
                        <td>{fh}</td>
                        <td>{oh}</td>
                      </tr>
                      <tr>
                        <th scope="row">{t("segments.low")}</th>
                        <td>{fl}</td>
                        <td>{ol}</td>
                      </tr>
                    </tbody>
                  </table>
                </Card>
              </Col>
              <Col xs={24}>
                <Segmented
                  aria-label={t("segments.level")}
                  value={level}
                  onChange={(v) => setLevel(v as "dealers" | "regions")}
                  options={[
                    { value: "dealers", label: t("segments.dealers") },
                    { value: "regions", label: t("segments.regions") },
                  ]}
                />
              </Col>
              <Col xs={24}>
                <ListCut cut={level === "regions" ? s.regions_truncated : s.dealers_truncated} shown={nodes.length} hint={t("app.narrowScope")} />
              </Col>
              <Col xs={24} xl={12}>
                <Card title={t("segments.lifecycle")}>
                  <Chart
                    label={t("segments.lifecycle")}
                    option={{
                      tooltip: { trigger: "axis" },
                      legend: {},
                      xAxis: { type: "category", data: nodes.map((n) => nameOf(n.node)) },
                      yAxis: { type: "value", minInterval: 1 },
                      series: stageSeries(nodes).map(({ stage, counts }) => ({ name: t(`segments.stage.${stage}`), type: "bar", stack: "stages", data: counts })),
                    }}
                  />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card title={t("segments.quadrants")}>
                  <Chart
                    label={t("segments.quadrants")}
                    option={{
                      tooltip: { trigger: "axis" },
                      legend: {},
                      xAxis: { type: "category", data: nodes.map((n) => nameOf(n.node)) },
                      yAxis: { type: "value", minInterval: 1 },
                      series: quadrantSeries(nodes).map(({ quadrant, counts }) => ({ name: t(`segments.quadrant.${quadrant}`), type: "bar", stack: "quadrants", data: counts })),
                    }}
                  />
                </Card>
              </Col>
              <Col xs={24}>
                <Table<Segments>
                  aria-label={t("segments.menu")}
                  rowKey="node"
                  size="small"
                  pagination={false}
                  scroll={{ x: "max-content" }}
                  dataSource={nodes}
                  columns={[
                    { title: t("segments.node"), dataIndex: "node", render: nameOf },
                    { title: t("segments.customers"), dataIndex: "customers" },
                    ...STAGES.map((stage) => ({ title: t(`segments.stage.${stage}`), key: stage, render: (_: unknown, n: Segments) => n.stages[stage] ?? 0 })),
                    { title: t("segments.buyers"), dataIndex: "buyers" },
                    { title: t("segments.valuePerBuyer"), dataIndex: "value_per_buyer", render: (v: string | null) => (v === null ? "—" : `¥${v}`) },
                    ...QUADRANTS.map((quadrant) => ({ title: t(`segments.quadrant.${quadrant}`), key: quadrant, render: (_: unknown, n: Segments) => n.quadrants[quadrant] ?? 0 })),
                  ]}
                />
              </Col>
            </Row>
          );
        }}
      </Loaded>
    </>
  );
}
