import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Col, List, Row, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, kpi } from "../../api/client";
import { ApiError } from "../../api/errors";
import { Chart } from "../../components/Chart";
import { Failure, ListCut, Loaded, useFailureReport } from "../../components/feedback";
import { lastDays } from "../../dates";
import { can, useSession } from "../../session";
import { useOrgName, useOwnerName } from "../shared/directory";
import { KpiBuilder } from "./KpiBuilder";
import { unavailableReason } from "./kpiCatalogue";

type Chosen = { code: string } | { definitionId: string; name: string };

/** The KPI catalogue (predefined, and custom ones the caller owns or that are shared with them),
 * a KPI's values over the last 90 days, and the builder of custom KPIs for those who may define
 * them; a KPI no service has data for yet says why. */
export default function Kpis() {
  const { t, i18n } = useTranslation();
  const catalogue = useQuery({ queryKey: ["kpi-catalogue"], queryFn: () => data(kpi.GET("/kpi/catalogue")) });
  const session = useSession();
  const queries = useQueryClient();
  const report = useFailureReport();
  const orgName = useOrgName();
  const ownerName = useOwnerName();
  // A value's group: a dealer or team by its name, a consultant by theirs.
  const groupName = (group: string | null | undefined) => {
    if (!group) return "";
    const org = orgName(group);
    return org !== group ? org : ownerName(group);
  };
  const [chosen, setChosen] = useState<Chosen>();
  const period = lastDays(90);
  const values = useQuery({
    queryKey: ["kpi-values", chosen, period.from],
    queryFn: () =>
      chosen && "code" in chosen
        ? data(kpi.GET("/kpi/values/{code}", { params: { path: { code: chosen.code }, query: { ...period, period: "month" } } }))
        : data(kpi.GET("/kpi/definitions/{definition_id}/values", { params: { path: { definition_id: chosen!.definitionId }, query: period } })),
    enabled: !!chosen,
  });
  const remove = useMutation({
    mutationFn: (id: string) => data(kpi.DELETE("/kpi/definitions/{definition_id}", { params: { path: { definition_id: id } } })),
    onSuccess: async () => {
      setChosen(undefined);
      await queries.invalidateQueries({ queryKey: ["kpi-catalogue"] });
    },
    onError: (error) => report(error),
  });
  // A predefined KPI by its name in the user's language (kpi's values carry the English one).
  const predefined = catalogue.data?.predefined.find((k) => chosen && "code" in chosen && k.code === chosen.code);
  const title = !chosen ? "" : "code" in chosen ? (predefined ? (i18n.language === "en" ? predefined.name_en : predefined.name_zh) : chosen.code) : chosen.name;
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
                        title={<button type="button" className="link-button" disabled={!k.available} onClick={() => setChosen({ code: k.code })}>{i18n.language === "en" ? k.name_en : k.name_zh}</button>}
                        description={k.available ? k.code : unavailableReason(t, i18n.language, k.reason)}
                      />
                      {!k.available && <Tag>{t("kpiCatalogue.unavailable")}</Tag>}
                    </List.Item>
                  )}
                />
              )}
            </Loaded>
          </Card>
          <Card title={t("kpiBuilder.custom")} style={{ marginTop: 16 }}>
            <Loaded query={catalogue}>
              {(c) => (
                <>
                  <ListCut cut={c.custom_truncated} shown={c.custom.length} />
                  <List
                    size="small"
                    dataSource={c.custom}
                    locale={{ emptyText: t("kpiBuilder.none") }}
                    renderItem={(d) => (
                      <List.Item
                        actions={
                          d.owner_user === session.user_id
                            ? [<Button key="delete" size="small" danger onClick={() => remove.mutate(d.id)}>{t("kpiBuilder.delete")}</Button>]
                            : []
                        }
                      >
                        <List.Item.Meta
                          title={<button type="button" className="link-button" onClick={() => setChosen({ definitionId: d.id, name: d.name })}>{d.name}</button>}
                          description={`${t(`kpiBuilder.modules.${d.definition.module ?? "ratio"}`)} · ${ownerName(d.owner_user)}`}
                        />
                      </List.Item>
                    )}
                  />
                </>
              )}
            </Loaded>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          {chosen && (
            <Card title={title}>
              {values.error instanceof ApiError && values.error.status === 409 ? (
                <Typography.Paragraph>{unavailableReason(t, i18n.language, values.error.message)}</Typography.Paragraph>
              ) : values.error ? (
                <Failure error={values.error} />
              ) : (
                <Loaded query={values}>
                  {(v) => (
                    <>
                      <Chart
                        label={title}
                        option={{
                          tooltip: { trigger: "axis" },
                          xAxis: { type: "category", data: v.rows.map((r) => `${r.period_start}${r.group ? ` ${groupName(r.group)}` : ""}`) },
                          yAxis: { type: "value" },
                          series: [{ type: "line", name: title, data: v.rows.map((r) => Number(r.value ?? 0)) }],
                        }}
                      />
                      <Table aria-label={title} size="small" rowKey={(r) => `${r.period_start}-${r.group}`} pagination={false} dataSource={v.rows} columns={[
                        { title: t("kpi.month"), dataIndex: "period_start" },
                        { title: t("kpi.node"), dataIndex: "group", render: groupName },
                        { title: t("kpi.value"), dataIndex: "value" },
                      ]} />
                    </>
                  )}
                </Loaded>
              )}
            </Card>
          )}
          {can(session, "kpi.define") && catalogue.data && (
            <div style={{ marginTop: 16 }}>
              <KpiBuilder modules={catalogue.data.modules} />
            </div>
          )}
        </Col>
      </Row>
    </>
  );
}
