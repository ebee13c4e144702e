import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Checkbox, Col, Descriptions, Form, Input, InputNumber, Row, Select, Space, Steps, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { data, fileUrl, opportunities } from "../../api/client";
import type { components } from "../../api/generated/opportunities";
import { Loaded, useFailureReport } from "../../components/feedback";
import { can, useSession } from "../../session";
import { fetchQuotes } from "../shared/wholeLists";
import { CompetitorsInPlay } from "./CompetitorsInPlay";
import { ReportLoss } from "./ReportLoss";
import { SplitCredit } from "./SplitCredit";
import { when } from "./labels";

type Quote = components["schemas"]["QuotePublic"];
type Configuration = components["schemas"]["ConfigurationIn"];
type QuoteForm = Configuration & { extra_discount?: number };
type Step = components["schemas"]["Step"];
type StepForm = { amount?: number; vin?: string };
/** An order's steps in its process's order (crm_opportunities.domain.order.STEPS). */
const STEPS: Record<components["schemas"]["OrderProcess"], Step[]> = {
  deposit_first: ["deposit_paid", "ordered", "delivered", "paid"],
  payment_first: ["paid", "ordered", "delivered"],
};

export default function OpportunityDetail() {
  const { opportunityId = "" } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [quoteForm] = Form.useForm<QuoteForm>();
  const [driveForm] = Form.useForm<{ model_code: string; licence_number: string }>();
  const path = { params: { path: { opportunity_id: opportunityId } } };
  const opportunity = useQuery({ queryKey: ["opportunity", opportunityId], queryFn: () => data(opportunities.GET("/opportunities/{opportunity_id}", path)) });
  // The stage by the name its pipeline gives it (the dealer's words), not its code.
  const pipelines = useQuery({ queryKey: ["pipelines"], queryFn: () => data(opportunities.GET("/pipelines")), staleTime: 5 * 60_000 });
  const quotes = useQuery({ queryKey: ["opportunity", opportunityId, "quotes"], queryFn: () => fetchQuotes(opportunityId) });
  const working = can(session, "opportunity.work");
  const catalog = useQuery({ queryKey: ["catalog"], queryFn: () => data(opportunities.GET("/catalog")), enabled: working });
  const refresh = () => queries.invalidateQueries({ queryKey: ["opportunity", opportunityId] });
  const done = (text: string) => async () => {
    void message.success(text);
    await refresh();
  };

  const draft = useMutation({
    mutationFn: ({ extra_discount, ...configuration }: QuoteForm) =>
      data(opportunities.POST("/opportunities/{opportunity_id}/quotes", { ...path, body: { configuration, lines: [], extra_discount: extra_discount ?? 0 } })),
    onSuccess: done(t("opp.draft")),
    onError: (error) => report(error, quoteForm),
  });
  const testDrive = useMutation({
    mutationFn: (v: { model_code: string; licence_number: string }) =>
      data(opportunities.POST("/opportunities/{opportunity_id}/test-drives", { ...path, body: { ...v, licence_checked: true, started_at: new Date().toISOString() } })),
    onSuccess: done(t("opp.testDriveRecorded")),
    onError: (error) => report(error, driveForm),
  });
  const act = useMutation({
    mutationFn: async ({ quote, action }: { quote: Quote; action: "issue" | "approve" | "reject" | "accept" }) => {
      const q = { params: { path: { quote_id: quote.id } } };
      if (action === "issue") return data(opportunities.POST("/quotes/{quote_id}/issue", q));
      if (action === "accept") return data(opportunities.POST("/quotes/{quote_id}/acceptance", q));
      return data(opportunities.POST("/quotes/{quote_id}/approval", { ...q, body: { approve: action === "approve" } }));
    },
    onSuccess: done(t("app.saved")),
    onError: (error) => report(error),
  });

  const model = Form.useWatch("model_code", quoteForm);
  const trim = Form.useWatch("trim_code", quoteForm);
  const models = catalog.data?.models ?? [];
  const trims = models.find((m) => m.code === model)?.trims ?? [];
  const chosenTrim = trims.find((tr) => tr.code === trim);

  return (
    <Loaded query={opportunity}>
      {(o) => (
        <>
          <Typography.Title level={2}>
            {t("opp.detail")}: {o.customer_name}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card>
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t("opp.stage")}>{pipelines.data?.find((p) => p.id === o.pipeline_id)?.stages.find((s) => s.code === o.stage)?.name ?? o.stage}</Descriptions.Item>
                  <Descriptions.Item label={t("opp.status")}>{t(`oppStatus.${o.status}`, { defaultValue: o.status })}</Descriptions.Item>
                  <Descriptions.Item label={t("opp.amount")}>¥{o.amount}</Descriptions.Item>
                  <Descriptions.Item label={t("opp.probability")}>{o.probability}%</Descriptions.Item>
                  <Descriptions.Item label={t("lead.interest")}>{o.vehicle_interest}</Descriptions.Item>
                  <Descriptions.Item label={t("lead.created")}>{when(o.created_at)}</Descriptions.Item>
                </Descriptions>
              </Card>
              <CompetitorsInPlay opportunityId={opportunityId} editable={working && o.status === "open"} />
              <SplitCredit opportunityId={opportunityId} owner={o.owner_user} open={o.status === "open"} />
              {working && o.status === "open" && (
                <Card title={t("opp.testDrive")} style={{ marginTop: 16 }}>
                  <Form form={driveForm} name="test-drive" layout="vertical" onFinish={(v) => testDrive.mutate(v)}>
                    <Form.Item name="model_code" label={t("opp.testDriveModel")} rules={[{ required: true }]}>
                      <Select options={models.map((m) => ({ value: m.code, label: m.name }))} />
                    </Form.Item>
                    <Form.Item name="licence_number" label={t("opp.licence")} rules={[{ required: true }]}>
                      <Input />
                    </Form.Item>
                    <Button htmlType="submit" loading={testDrive.isPending}>
                      {t("opp.recordTestDrive")}
                    </Button>
                  </Form>
                </Card>
              )}
              {working && o.status === "open" && <ReportLoss opportunityId={opportunityId} />}
            </Col>
            <Col xs={24} lg={14}>
              <Card title={t("opp.quotes")}>
                <Loaded query={quotes}>
                  {(list) => (
                    <Table<Quote>
                      aria-label={t("opp.quotes")}
                      rowKey="id"
                      size="small"
                      pagination={false}
                      scroll={{ x: "max-content" }}
                      dataSource={list}
                      columns={[
                        { title: t("opp.version"), dataIndex: "version" },
                        { title: t("opp.total"), dataIndex: "total", render: (v: string) => `¥${v}` },
                        { title: t("opp.discount"), dataIndex: "discount_percent", render: (v: string) => `${v}%` },
                        {
                          title: t("opp.status"),
                          dataIndex: "status",
                          render: (s: string, q) => (
                            <Tag color={s === "pending_approval" ? "processing" : undefined}>
                              {t(`quoteStatus.${s}`)}
                              {s === "pending_approval" && q.approver_needed ? ` · ${t(`approver.${q.approver_needed}`)}` : ""}
                            </Tag>
                          ),
                        },
                        {
                          title: "",
                          key: "actions",
                          render: (_: unknown, q) => (
                            <Space wrap>
                              {working && q.status === "draft" && (
                                <Button size="small" type="primary" onClick={() => act.mutate({ quote: q, action: "issue" })}>
                                  {t("opp.issue")}
                                </Button>
                              )}
                              {can(session, "quote.approve") && q.status === "pending_approval" && (
                                <>
                                  <Button size="small" type="primary" onClick={() => act.mutate({ quote: q, action: "approve" })}>
                                    {t("opp.approve")}
                                  </Button>
                                  <Button size="small" danger onClick={() => act.mutate({ quote: q, action: "reject" })}>
                                    {t("opp.reject")}
                                  </Button>
                                </>
                              )}
                              {working && q.status === "issued" && (
                                <Button size="small" onClick={() => act.mutate({ quote: q, action: "accept" })}>
                                  {t("opp.accept")}
                                </Button>
                              )}
                              {q.status !== "draft" && (
                                <a href={fileUrl("opportunities", `/quotes/${q.id}/document`, { format: "pdf" })} target="_blank" rel="noreferrer">
                                  {t("opp.pdf")}
                                </a>
                              )}
                            </Space>
                          ),
                        },
                      ]}
                    />
                  )}
                </Loaded>
                {quotes.data?.filter((q) => q.order_id).map((q) => <OrderSteps key={q.order_id} orderId={q.order_id!} />)}
              </Card>
              {working && o.status === "open" && (
                <Card title={t("opp.newQuote")} style={{ marginTop: 16 }}>
                  <Form<QuoteForm> form={quoteForm} name="quote" layout="vertical" onFinish={(v) => draft.mutate(v)}>
                    <Form.Item name="model_code" label={t("opp.model")} rules={[{ required: true }]}>
                      <Select options={models.map((m) => ({ value: m.code, label: m.name }))} onChange={() => quoteForm.setFieldsValue({ trim_code: undefined, colour_code: undefined, options: [] })} />
                    </Form.Item>
                    <Form.Item name="trim_code" label={t("opp.trim")} rules={[{ required: true }]}>
                      <Select options={trims.map((tr) => ({ value: tr.code, label: `${tr.name} · ¥${tr.msrp}` }))} />
                    </Form.Item>
                    <Form.Item name="colour_code" label={t("opp.colour")} rules={[{ required: true }]}>
                      <Select options={(chosenTrim?.colours ?? []).map((c) => ({ value: c.code, label: `${c.name} · ¥${c.msrp}` }))} />
                    </Form.Item>
                    <Form.Item name="options" label={t("opp.options")}>
                      <Checkbox.Group options={(chosenTrim?.options ?? []).map((op) => ({ value: op.code, label: `${op.name} · ¥${op.msrp}` }))} />
                    </Form.Item>
                    <Form.Item name="extra_discount" label={t("opp.extraDiscount")}>
                      <InputNumber min={0} style={{ width: "100%" }} />
                    </Form.Item>
                    <Button type="primary" htmlType="submit" loading={draft.isPending}>
                      {t("opp.draft")}
                    </Button>
                  </Form>
                </Card>
              )}
            </Col>
          </Row>
        </>
      )}
    </Loaded>
  );
}

function OrderSteps({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const report = useFailureReport();
  const queries = useQueryClient();
  const order = useQuery({ queryKey: ["order", orderId], queryFn: () => data(opportunities.GET("/orders/{order_id}", { params: { path: { order_id: orderId } } })) });
  const [stepForm] = Form.useForm<StepForm>();
  const step = useMutation({
    mutationFn: (body: StepForm & { step: Step }) =>
      data(opportunities.POST("/orders/{order_id}/steps", { params: { path: { order_id: orderId } }, body })),
    onSuccess: () => {
      stepForm.resetFields();
      return queries.invalidateQueries({ queryKey: ["order", orderId] });
    },
    onError: (error) => report(error, stepForm),
  });
  return (
    <Loaded query={order}>
      {(o) => (
        <Card size="small" title={`${t("opp.order")} · ¥${o.total}`} style={{ marginTop: 12 }}>
          <Steps
            size="small"
            items={STEPS[o.process].map((s) => ({ title: t(`orderStep.${s}`), status: o.steps_done.includes(s) ? "finish" : o.next_step === s ? "process" : "wait" }))}
          />
          {o.next_step && (
            // The deposit says how much was paid, the delivery which vehicle (its VIN).
            <Form<StepForm> form={stepForm} name={`order-step-${orderId}`} layout="inline" style={{ marginTop: 8 }} onFinish={(v) => step.mutate({ ...v, step: o.next_step! })}>
              {o.next_step === "deposit_paid" && (
                <Form.Item name="amount" label={t("opp.depositAmount")} rules={[{ required: true }]}>
                  <InputNumber min={1} />
                </Form.Item>
              )}
              {o.next_step === "delivered" && (
                <Form.Item name="vin" label="VIN" rules={[{ required: true, len: 17 }]}>
                  <Input maxLength={17} />
                </Form.Item>
              )}
              <Button size="small" htmlType="submit" loading={step.isPending}>
                {t("opp.recordStep", { step: t(`orderStep.${o.next_step}`) })}
              </Button>
            </Form>
          )}
        </Card>
      )}
    </Loaded>
  );
}
