import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Space, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";
import { data, leads } from "../../api/client";
import type { components } from "../../api/generated/leads";
import { Loaded, useFailureReport } from "../../components/feedback";
import { can, useSession } from "../../session";
import { fetchLeadHistory } from "../shared/wholeLists";
import { gradeLabel, historyLabel, leadStatusLabel, sourceLabel, when } from "./labels";

type FollowUp = components["schemas"]["FollowUpCreate"];
const KINDS = ["call", "visit", "test_drive", "message"] as const;

export default function LeadDetail() {
  const { leadId = "" } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [form] = Form.useForm<FollowUp>();
  const path = { params: { path: { lead_id: leadId } } };
  const lead = useQuery({ queryKey: ["lead", leadId], queryFn: () => data(leads.GET("/leads/{lead_id}", path)) });
  const history = useQuery({ queryKey: ["lead", leadId, "history"], queryFn: () => fetchLeadHistory(leadId) });
  // The grades of the lead's own pool (also while it is owned): what its follow-ups take.
  const grading = useQuery({ queryKey: ["lead", leadId, "grades"], queryFn: () => data(leads.GET("/leads/{lead_id}/grades", path)), enabled: !!lead.data });
  const refresh = () => queries.invalidateQueries({ queryKey: ["lead", leadId] });

  const followUp = useMutation({
    mutationFn: (body: FollowUp) => data(leads.POST("/leads/{lead_id}/follow-ups", { ...path, body })),
    onSuccess: async () => {
      void message.success(t("lead.recorded"));
      form.resetFields();
      await refresh();
    },
    onError: (error) => report(error, form),
  });
  const convert = useMutation({
    mutationFn: () =>
      data(leads.POST("/leads/{lead_id}/convert", { ...path, body: { vehicle_interest: lead.data?.vehicle_interest ?? null } })),
    onSuccess: async () => {
      void message.success(t("lead.converted"));
      await refresh();
      await queries.invalidateQueries({ queryKey: ["leads"] });
      navigate("/workspace/board");
    },
    onError: (error) => report(error),
  });

  return (
    <Loaded query={lead}>
      {(l) => {
        const scheme = grading.data;
        const grades = scheme?.grades.map((g) => g.code) ?? [];
        const labelOf = (code: string) => (scheme && !scheme.built_in ? (scheme.grades.find((g) => g.code === code)?.label ?? code) : gradeLabel(t, code));
        const open = l.status === "open";
        return (
          <>
            <Typography.Title level={2}>
              {t("lead.detail")}: {l.customer_name}
            </Typography.Title>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <Card>
                  <Descriptions column={1} size="small">
                    <Descriptions.Item label={t("lead.phone")}>{l.phone}</Descriptions.Item>
                    <Descriptions.Item label={t("lead.status")}>{leadStatusLabel(t, l.status)}</Descriptions.Item>
                    <Descriptions.Item label={t("lead.grade")}>{gradeLabel(t, l.grade)}</Descriptions.Item>
                    <Descriptions.Item label={t("lead.source")}>{sourceLabel(t, l.source)}</Descriptions.Item>
                    <Descriptions.Item label={t("lead.interest")}>{l.vehicle_interest}</Descriptions.Item>
                    <Descriptions.Item label={t("lead.due")}>{when(l.next_follow_up_due)}</Descriptions.Item>
                    <Descriptions.Item label={t("lead.created")}>{when(l.created_at)}</Descriptions.Item>
                  </Descriptions>
                  {open && can(session, "lead.work") && (
                    <Space style={{ marginTop: 12 }}>
                      <Button type="primary" loading={convert.isPending} onClick={() => convert.mutate()}>
                        {t("lead.convert")}
                      </Button>
                    </Space>
                  )}
                </Card>
              </Col>
              {open && can(session, "lead.work") && (
                <Col xs={24} lg={12}>
                  <Card title={t("lead.followUp")}>
                    <Form<FollowUp> form={form} layout="vertical" onFinish={(values) => followUp.mutate(values)} initialValues={{ kind: "call" }}>
                      <Form.Item name="kind" label={t("lead.kind")} rules={[{ required: true }]}>
                        <Select options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
                      </Form.Item>
                      <Form.Item name="grade" label={t("lead.grade")}>
                        <Select allowClear options={grades.map((g) => ({ value: g, label: labelOf(g) }))} />
                      </Form.Item>
                      <Form.Item name="outcome" label={t("lead.outcome")} rules={[{ required: true }]}>
                        <Input.TextArea rows={2} />
                      </Form.Item>
                      <Form.Item name="next_step" label={t("lead.nextStep")}>
                        <Input />
                      </Form.Item>
                      <Form.Item name="call_seconds" label={t("lead.callSeconds")}>
                        <InputNumber min={0} style={{ width: "100%" }} />
                      </Form.Item>
                      <Button type="primary" htmlType="submit" loading={followUp.isPending}>
                        {t("lead.record")}
                      </Button>
                    </Form>
                  </Card>
                </Col>
              )}
              <Col xs={24}>
                <Card title={t("lead.history")}>
                  <Loaded query={history}>
                    {(entries) => (
                      <Timeline
                        items={entries.map((e) => ({
                          children: `${when(e.at)} · ${historyLabel(t, e)}`,
                        }))}
                      />
                    )}
                  </Loaded>
                </Card>
              </Col>
            </Row>
          </>
        );
      }}
    </Loaded>
  );
}
