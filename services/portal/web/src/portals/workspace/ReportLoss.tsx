import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Form, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import { data, opportunities } from "../../api/client";
import { useFailureReport } from "../../components/feedback";
import { lossReport, type LossValues } from "./loss";

/** Report the open opportunity lost (战败): to which competitor and which of its models (from the
 * dealer's and HQ's managed lists; none when the customer bought nothing), and why. */
export function ReportLoss({ opportunityId }: { opportunityId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<LossValues>();
  const competitors = useQuery({
    queryKey: ["competitors", false],
    queryFn: () => data(opportunities.GET("/competitors", { params: { query: { limit: 200 } } })),
  });
  const listed = competitors.data ?? [];
  const chosen = Form.useWatch("competitor_id", form);
  const models = listed.find((c) => c.id === chosen)?.models ?? [];
  const lose = useMutation({
    mutationFn: (v: LossValues) =>
      data(
        opportunities.POST("/opportunities/{opportunity_id}/loss", {
          params: { path: { opportunity_id: opportunityId } },
          body: lossReport(v, listed),
        }),
      ),
    onSuccess: async () => {
      void message.success(t("competitors.lossRecorded"));
      await queries.invalidateQueries({ queryKey: ["opportunity", opportunityId] });
    },
    onError: (error) => report(error, form),
  });
  return (
    <Card title={t("competitors.loss")} style={{ marginTop: 16 }}>
      <Form<LossValues> form={form} name="loss" layout="vertical" onFinish={(v) => lose.mutate(v)}>
        <Form.Item name="competitor_id" label={t("competitors.lostTo")} extra={t("competitors.lostToHint")}>
          <Select
            aria-label={t("competitors.lostTo")}
            allowClear
            showSearch
            optionFilterProp="label"
            loading={competitors.isPending}
            options={listed.map((c) => ({ value: c.id, label: c.name }))}
            onChange={() => form.setFieldValue("competitor_model", undefined)}
          />
        </Form.Item>
        <Form.Item name="competitor_model" label={t("competitors.lostToModel")}>
          <Select aria-label={t("competitors.lostToModel")} allowClear disabled={!models.length} options={models.map((m) => ({ value: m, label: m }))} />
        </Form.Item>
        <Form.Item name="reason" label={t("competitors.lossReason")} rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button danger htmlType="submit" loading={lose.isPending}>
          {t("competitors.reportLoss")}
        </Button>
      </Form>
    </Card>
  );
}
