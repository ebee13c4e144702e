import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Col, Form, Row, Select, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { data, opportunities } from "../../api/client";
import type { components } from "../../api/generated/opportunities";
import { Loaded, useFailureReport } from "../../components/feedback";
import { fetchCompetitors } from "../shared/wholeLists";

type Choice = components["schemas"]["CompetitorChoice"];
type InPlay = components["schemas"]["CompetitorsInPlayPublic"];

/** The competitors an opportunity meets (在争竞争对手) and which of their models: the consultant
 * keeps the whole list while the opportunity is open (from the dealer's and HQ's lists); once
 * closed it is shown as it stood. */
export function CompetitorsInPlay({ opportunityId, editable }: { opportunityId: string; editable: boolean }) {
  const { t } = useTranslation();
  const path = { params: { path: { opportunity_id: opportunityId } } };
  const inPlay = useQuery({
    queryKey: ["opportunity", opportunityId, "competitors"],
    queryFn: () => data(opportunities.GET("/opportunities/{opportunity_id}/competitors", path)),
  });
  return (
    <Card title={t("competitors.inPlay")} style={{ marginTop: 16 }}>
      <Loaded query={inPlay}>
        {(found) =>
          editable ? (
            <InPlayForm key={JSON.stringify(found.competitors)} opportunityId={opportunityId} current={found} />
          ) : found.competitors.length ? (
            <Space direction="vertical">
              {found.competitors.map((c) => (
                <span key={c.competitor_id}>
                  {c.name} {c.models.map((m) => <Tag key={m}>{m}</Tag>)}
                </span>
              ))}
            </Space>
          ) : (
            <Typography.Text type="secondary">{t("competitors.none")}</Typography.Text>
          )
        }
      </Loaded>
    </Card>
  );
}

function InPlayForm({ opportunityId, current }: { opportunityId: string; current: InPlay }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<{ competitors: Choice[] }>();
  const competitors = useQuery({
    queryKey: ["competitors", false],
    queryFn: () => fetchCompetitors(),
  });
  const save = useMutation({
    mutationFn: (v: { competitors?: Choice[] }) =>
      data(
        opportunities.PUT("/opportunities/{opportunity_id}/competitors", {
          params: { path: { opportunity_id: opportunityId } },
          body: { competitors: (v.competitors ?? []).map((c) => ({ competitor_id: c.competitor_id, models: c.models ?? [] })) },
        }),
      ),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      await queries.invalidateQueries({ queryKey: ["opportunity", opportunityId, "competitors"] });
    },
    onError: (error) => report(error, form),
  });
  const chosen = Form.useWatch("competitors", form) ?? [];
  const listed = competitors.data ?? [];
  return (
    <Form
      form={form}
      layout="vertical"
      name="competitors-in-play"
      initialValues={{ competitors: current.competitors.map((c) => ({ competitor_id: c.competitor_id, models: c.models })) }}
      onFinish={(v) => save.mutate(v)}
    >
      <Typography.Paragraph type="secondary">{t("competitors.inPlayHint")}</Typography.Paragraph>
      <Form.List name="competitors">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => {
              const models = listed.find((c) => c.id === chosen[field.name]?.competitor_id)?.models ?? [];
              return (
                <Row key={field.key} gutter={8} wrap={false} align="bottom">
                  <Col flex="1 1 45%" style={{ minWidth: 0 }}>
                    <Form.Item name={[field.name, "competitor_id"]} label={t("competitors.choose")} rules={[{ required: true }]}>
                      <Select
                        aria-label={`${t("competitors.choose")} ${index + 1}`}
                        loading={competitors.isPending}
                        options={listed.map((c) => ({ value: c.id, label: c.name }))}
                        onChange={() => form.setFieldValue(["competitors", field.name, "models"], [])}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="1 1 45%" style={{ minWidth: 0 }}>
                    <Form.Item name={[field.name, "models"]} label={t("competitors.theirModels")}>
                      <Select mode="multiple" aria-label={`${t("competitors.theirModels")} ${index + 1}`} options={models.map((m) => ({ value: m, label: m }))} />
                    </Form.Item>
                  </Col>
                  <Col flex="none">
                    <Form.Item label=" " colon={false}>
                      <Button onClick={() => remove(field.name)} aria-label={`${t("competitors.remove")} ${index + 1}`}>
                        −
                      </Button>
                    </Form.Item>
                  </Col>
                </Row>
              );
            })}
            <Space>
              <Button onClick={() => add({ models: [] })}>{t("competitors.addRow")}</Button>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t("competitors.saveInPlay")}
              </Button>
            </Space>
          </>
        )}
      </Form.List>
    </Form>
  );
}
