import { useMutation } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Form, Input, InputNumber, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { data, leads } from "../../api/client";
import type { components } from "../../api/generated/leads";
import { useFailureReport } from "../../components/feedback";

type Reception = components["schemas"]["ReceptionCreate"];

/** The showroom reception form (客户接待表), made for a phone in the consultant's hand. */
export default function ReceptionPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const navigate = useNavigate();
  const [form] = Form.useForm<Reception>();
  const save = useMutation({
    mutationFn: (values: Reception) =>
      data(leads.POST("/receptions", { body: { ...values, source: "walk_in", arrived_at: new Date().toISOString() } })),
    onSuccess: (recorded) => {
      void message.success(t("reception.saved"));
      const leadId = (recorded as { lead_id?: string | null }).lead_id;
      navigate(leadId ? `/workspace/leads/${leadId}` : "/workspace/leads");
    },
    onError: (error) => report(error, form),
  });
  return (
    <>
      <Typography.Title level={2}>{t("menu.reception")}</Typography.Title>
      <Card style={{ maxWidth: 560 }}>
        <Form<Reception> form={form} layout="vertical" initialValues={{ visitors: 1 }} onFinish={(v) => save.mutate(v)}>
          <Form.Item name="customer_name" label={t("lead.customer")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="phone" label={t("lead.phone")} rules={[{ required: true }]}>
            <Input inputMode="tel" />
          </Form.Item>
          <Form.Item name="vehicle_interest" label={t("lead.interest")}>
            <Input />
          </Form.Item>
          <Form.Item name="visitors" label={t("reception.visitors")}>
            <InputNumber min={1} style={{ width: "100%" }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={save.isPending}>
            {t("reception.save")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
