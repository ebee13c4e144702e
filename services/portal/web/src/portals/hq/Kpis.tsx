import { useQuery } from "@tanstack/react-query";
import { Card, Col, List, Row, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, kpi } from "../../api/client";
import { ApiError } from "../../api/errors";
import { Chart } from "../../components/Chart";
import { Failure, Loaded } from "../../components/feedback";
import { lastDays } from "../../dates";

/** The KPI catalogue (predefined, and custom ones shared with the caller) and a KPI's values
 * over the last 90 days by month; a KPI no service has data for yet says why. */
export default function Kpis() {
  const { t, i18n } = useTranslation();
  const catalogue = useQuery({ queryKey: ["kpi-catalogue"], queryFn: () => data(kpi.GET("/kpi/catalogue")) });
  const [code, setCode] = useState<string>();
  const period = lastDays(90);
  const values = useQuery({
    queryKey: ["kpi-values", code, period.from],
    queryFn: () => data(kpi.GET("/kpi/values/{code}", { params: { path: { code: code! }, query: { ...period, period: "month" } } })),
    enabled: !!code,
  });
  return (
    <>
      <Typography.Title level={2}>{t("kpi.catalogue")}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card>
            <Loaded query={catalogue}>
              {(c) => (
                <List
                  size="small"
                  dataSource={c.predefined}
                  renderItem={(k) => (
                    <List.Item >
                      <List.Item.Meta
                        title={<button type="button" className="link-button" disabled={!k.available} onClick={() => setCode(k.code)}>{i18n.language === "en" ? k.name_en : k.name_zh}</button>}
                        description={k.available ? k.code : k.reason}
                      />
                      {!k.available && <Tag>n/a</Tag>}
                    </List.Item>
                  )}
                />
              )}
            </Loaded>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          {code && (
            <Card title={code}>
              {values.error instanceof ApiError && values.error.status === 409 ? (
                <Typography.Paragraph>{values.error.message}</Typography.Paragraph>
              ) : values.error ? (
                <Failure error={values.error} />
              ) : (
                <Loaded query={values}>
                  {(v) => (
                    <>
                      <Chart
                        label={v.name}
                        option={{
                          tooltip: { trigger: "axis" },
                          xAxis: { type: "category", data: v.rows.map((r) => `${r.period_start}${r.group ? ` ${r.group}` : ""}`) },
                          yAxis: { type: "value" },
                          series: [{ type: "line", name: v.name, data: v.rows.map((r) => Number(r.value ?? 0)) }],
                        }}
                      />
                      <Table aria-label={v.name} size="small" rowKey={(r) => `${r.period_start}-${r.group}`} pagination={false} dataSource={v.rows} columns={[
                        { title: t("kpi.month"), dataIndex: "period_start" },
                        { title: t("kpi.node"), dataIndex: "group" },
                        { title: t("kpi.value"), dataIndex: "value" },
                      ]} />
                    </>
                  )}
                </Loaded>
              )}
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
