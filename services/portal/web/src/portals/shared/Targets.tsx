import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Col, Form, Input, InputNumber, Row, Select, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, kpi } from "../../api/client";
import type { components } from "../../api/generated/kpi";
import { Chart } from "../../components/Chart";
import { Loaded, useFailureReport } from "../../components/feedback";
import { thisMonth } from "../../dates";

type Measure = components["schemas"]["Measure"];
type Item = components["schemas"]["TargetItem"];
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
  const [form] = Form.useForm<Item>();
  const [measure, setMeasure] = useState<Measure>("units");
  const month = thisMonth();
  const cascade = useQuery({
    queryKey: ["targets", month, measure],
    queryFn: () => data(kpi.GET("/kpi/targets/{month}", { params: { path: { month }, query: { measure } } })),
  });
  const set = useMutation({
    mutationFn: (item: Item) => data(kpi.PUT("/kpi/targets/{month}", { params: { path: { month } }, body: { targets: [{ ...item, measure, product_line: item.product_line || ALL_LINES }] } })),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      await queries.invalidateQueries({ queryKey: ["targets", month] });
    },
    onError: (error) => report(error, form),
  });
  return (
    <>
      <Typography.Title level={2}>{title}</Typography.Title>
      <Select aria-label={t("kpi.target")} value={measure} onChange={setMeasure} options={MEASURES.map((m) => ({ value: m, label: m }))} style={{ minWidth: 160, marginBottom: 12 }} />
      <Loaded query={cascade}>
        {(c) => (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <Card title={`${c.node.node} · ${month}`}>
                <Chart
                  label={t("kpi.attainment")}
                  option={{
                    tooltip: { trigger: "axis" },
                    legend: { data: [t("kpi.target"), t("kpi.actual")] },
                    xAxis: { type: "category", data: c.children.map((x) => x.node) },
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
                  rowKey={(x) => `${x.node}-${x.user_id ?? ""}`}
                  pagination={false}
                  scroll={{ x: "max-content" }}
                  dataSource={[c.node, ...c.children]}
                  columns={[
                    { title: t("kpi.node"), dataIndex: "node" },
                    { title: t("kpi.target"), dataIndex: "target" },
                    { title: "allocated", dataIndex: "allocated" },
                    { title: t("kpi.actual"), dataIndex: "actual" },
                    { title: t("kpi.attainment"), dataIndex: "attainment_percent", render: (v: string | null) => (v ? `${v}%` : "") },
                    { title: t("kpi.forecast"), dataIndex: "forecast" },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card title={`${t("kpi.target")} · ${measure}`}>
                <Form<Item> form={form} layout="vertical" onFinish={(v) => set.mutate(v)}>
                  <Form.Item name="node" label={t("kpi.node")} rules={[{ required: true }]}>
                    <Select options={[c.node, ...c.children].map((x) => ({ value: x.node, label: x.node }))} />
                  </Form.Item>
                  <Form.Item name="product_line" label="product line">
                    <Input placeholder={ALL_LINES} />
                  </Form.Item>
                  <Form.Item name="amount" label={t("kpi.target")} rules={[{ required: true }]}>
                    <InputNumber min={0} style={{ width: "100%" }} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={set.isPending}>
                    {t("app.saved")}
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
