import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Col, Form, Input, InputNumber, Row, Select, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, kpi } from "../../api/client";
import type { components } from "../../api/generated/kpi";
import { Chart } from "../../components/Chart";
import { ListCut, Loaded, useFailureReport } from "../../components/feedback";
import { thisMonth } from "../../dates";
import { useOrgs, useOwnerName } from "./directory";

type Measure = components["schemas"]["Measure"];
type Item = components["schemas"]["TargetItem"];
type Line = components["schemas"]["CascadeLinePublic"];
/** A line of the cascade as the form picks it: its node, and its consultant on a consultant's leaf. */
type Chosen = Omit<Item, "node" | "user_id" | "measure"> & { line: string };
const MEASURES: Measure[] = ["units", "revenue", "collections", "gross_margin"];
const ALL_LINES = "*";

/** The month's target cascade from the caller's node down one level (HQ → regions, a region →
 * its dealers, a dealer → its teams and consultants): target, allocated, actual, attainment,
 * forecast; and a target set for a node below. */
export default function Targets({ title }: { title: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<Chosen>();
  const orgs = useOrgs();
  const ownerName = useOwnerName();
  const orgNames = new Map((orgs.data ?? []).map((o) => [o.id, o.name]));
  const lineKey = (line: Line) => `${line.node}|${line.user_id ?? ""}`;
  // A consultant's leaf by the consultant's name, a node by its name in the org tree.
  const lineName = (line: Line) => (line.user_id ? ownerName(line.user_id) : (orgNames.get(line.node) ?? line.node));
  const [measure, setMeasure] = useState<Measure>("units");
  const month = thisMonth();
  const cascade = useQuery({
    queryKey: ["targets", month, measure],
    queryFn: () => data(kpi.GET("/kpi/targets/{month}", { params: { path: { month }, query: { measure } } })),
  });
  const set = useMutation({
    mutationFn: ({ line, ...item }: Chosen) => {
      const cut = line.indexOf("|");
      const target: Item = { ...item, node: line.slice(0, cut), user_id: line.slice(cut + 1) || null, measure, product_line: item.product_line || ALL_LINES };
      return data(kpi.PUT("/kpi/targets/{month}", { params: { path: { month } }, body: { targets: [target] } }));
    },
    onSuccess: async () => {
      void message.success(t("app.saved"));
      await queries.invalidateQueries({ queryKey: ["targets", month] });
    },
    onError: (error) => report(error, form),
  });
  return (
    <>
      <Typography.Title level={2}>{title}</Typography.Title>
      <Select aria-label={t("target.measure")} value={measure} onChange={setMeasure} options={MEASURES.map((m) => ({ value: m, label: t(`target.measures.${m}`) }))} style={{ minWidth: 160, marginBottom: 12 }} />
      <Loaded query={cascade}>
        {(c) => (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <Card title={`${lineName(c.node)} · ${month}`}>
                <ListCut cut={c.children_truncated} shown={c.children.length} hint={t("app.narrowScope")} />
                <Chart
                  label={t("kpi.attainment")}
                  option={{
                    tooltip: { trigger: "axis" },
                    legend: { data: [t("kpi.target"), t("kpi.actual")] },
                    xAxis: { type: "category", data: c.children.map(lineName) },
                    yAxis: { type: "value" },
                    series: [
                      { name: t("kpi.target"), type: "bar", data: c.children.map((x) => Number(x.target ?? 0)) },
                      { name: t("kpi.actual"), type: "bar", data: c.children.map((x) => Number(x.actual)) },
                    ],
                  }}
                />
                <Table
                  aria-label={title}
                  size="small"
                  rowKey={lineKey}
                  pagination={false}
                  scroll={{ x: "max-content" }}
                  dataSource={[c.node, ...c.children]}
                  columns={[
                    { title: t("kpi.node"), key: "node", render: (_: unknown, line) => lineName(line) },
                    { title: t("kpi.target"), dataIndex: "target" },
                    { title: t("target.allocated"), dataIndex: "allocated" },
                    { title: t("kpi.actual"), dataIndex: "actual" },
                    { title: t("kpi.attainment"), dataIndex: "attainment_percent", render: (v: string | null) => (v ? `${v}%` : "") },
                    { title: t("kpi.forecast"), dataIndex: "forecast" },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card title={`${t("kpi.target")} · ${t(`target.measures.${measure}`)}`}>
                <Form<Chosen> form={form} layout="vertical" onFinish={(v) => set.mutate(v)}>
                  <Form.Item name="line" label={t("kpi.node")} rules={[{ required: true }]}>
                    <Select options={[c.node, ...c.children].map((x) => ({ value: lineKey(x), label: lineName(x) }))} />
                  </Form.Item>
                  <Form.Item name="product_line" label={t("target.productLine")}>
                    <Input placeholder={ALL_LINES} />
                  </Form.Item>
                  <Form.Item name="amount" label={t("kpi.target")} rules={[{ required: true }]}>
                    <InputNumber min={0} style={{ width: "100%" }} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={set.isPending}>
                    {t("target.save")}
                  </Button>
                </Form>
              </Card>
            </Col>
          </Row>
        )}
      </Loaded>
    </>
  );
}
