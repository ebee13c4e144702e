import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, kpi } from "../../api/client";
import type { components } from "../../api/generated/kpi";
import { Loaded, useFailureReport } from "../../components/feedback";
import { can, useSession } from "../../session";
import { useOrgName, useOwnerName } from "./directory";
import { reviewStepsOf, type ReviewStep } from "./commission";
import { fetchMonthStatements } from "./wholeLists";

type Statement = components["schemas"]["StatementPublic"];

const STATUS_COLOURS: Record<Statement["status"], string> = {
  draft: "default",
  acknowledged: "processing",
  disputed: "warning",
  approved: "success",
  issued: "purple",
};

/** A month's commission statements the caller may read, each with its lines on demand and the
 * review steps open to this caller (the consultant acknowledges or disputes their own, the
 * manager approves, the dealer admin issues); dealers shared only in aggregate as totals. */
export function Statements({ month }: { month: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [disputing, setDisputing] = useState<Statement>();
  const [form] = Form.useForm<{ note: string }>();
  const nameOf = useOwnerName();
  const orgName = useOrgName();
  const statements = useQuery({
    queryKey: ["commission", "statements", month],
    queryFn: () => fetchMonthStatements(month),
  });
  const review = useMutation({
    mutationFn: ({ id, step, note }: { id: string; step: ReviewStep; note?: string }) => {
      const path = { params: { path: { statement_id: id } } };
      switch (step) {
        case "acknowledge":
          return data(kpi.POST("/kpi/commission/statements/{statement_id}/acknowledgement", path));
        case "dispute":
          return data(kpi.POST("/kpi/commission/statements/{statement_id}/dispute", { ...path, body: { note: note ?? "" } }));
        case "approve":
          return data(kpi.POST("/kpi/commission/statements/{statement_id}/approval", path));
        case "issue":
          return data(kpi.POST("/kpi/commission/statements/{statement_id}/issue", path));
      }
    },
    onSuccess: async () => {
      void message.success(t("app.saved"));
      setDisputing(undefined);
      form.resetFields();
      await queries.invalidateQueries({ queryKey: ["commission"] });
    },
    onError: (error) => report(error, disputing ? form : undefined),
  });
  return (
    <Loaded query={statements}>
      {(s) => (
        <>
          <Card title={`${t("commission.statements")} · ${s.month}`}>
            <Table<Statement>
              aria-label={t("commission.statements")}
              rowKey="id"
              size="small"
              scroll={{ x: "max-content" }}
              pagination={false}
              dataSource={s.statements}
              expandable={{ expandedRowRender: (row) => <Lines statementId={row.id} /> }}
              columns={[
                { title: t("commission.consultant"), dataIndex: "user_id", render: (u: string) => nameOf(u) },
                { title: t("kpi.units"), dataIndex: "units" },
                { title: t("kpi.target"), dataIndex: "target_units", render: (v: number | null) => v ?? "—" },
                { title: t("kpi.attainment"), dataIndex: "attainment_percent", render: (v: string | null) => (v === null ? "—" : `${v}%`) },
                { title: t("commission.total"), key: "total", render: (_: unknown, r) => `${r.total} ${r.currency}` },
                {
                  title: t("opp.status"),
                  dataIndex: "status",
                  render: (v: Statement["status"], r) => (
                    <Space direction="vertical" size={0}>
                      <Tag color={STATUS_COLOURS[v]}>{t(`commissionStatus.${v}`)}</Tag>
                      {r.dispute_note && <Typography.Text type="secondary">{r.dispute_note}</Typography.Text>}
                    </Space>
                  ),
                },
                {
                  title: t("ticket.actions"),
                  key: "review",
                  render: (_: unknown, r) => (
                    <Space>
                      {reviewStepsOf(r, session.user_id, (fn) => can(session, fn)).map((step) => (
                        <Button
                          key={step}
                          size="small"
                          type={step === "dispute" ? "default" : "primary"}
                          danger={step === "dispute"}
                          onClick={() => (step === "dispute" ? setDisputing(r) : review.mutate({ id: r.id, step }))}
                        >
                          {t(`commission.step.${step}`)}
                        </Button>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
          {s.dealers.length > 0 && (
            <Card title={t("commission.dealerTotals")} style={{ marginTop: 16 }}>
              <Table
                aria-label={t("commission.dealerTotals")}
                rowKey="dealer_id"
                size="small"
                pagination={false}
                dataSource={s.dealers}
                columns={[
                  { title: t("lead.dealer"), dataIndex: "dealer_id", render: orgName },
                  { title: t("commission.statements"), dataIndex: "statements" },
                  { title: t("commission.total"), dataIndex: "total" },
                  { title: t("commission.issuedTotal"), dataIndex: "issued_total" },
                ]}
              />
            </Card>
          )}
          <Modal
            open={!!disputing}
            title={t("commission.step.dispute")}
            okText={t("commission.step.dispute")}
            onCancel={() => setDisputing(undefined)}
            onOk={() => form.submit()}
            confirmLoading={review.isPending}
          >
            <Form form={form} layout="vertical" onFinish={(v) => disputing && review.mutate({ id: disputing.id, step: "dispute", note: v.note })}>
              <Form.Item name="note" label={t("commission.disputeNote")} rules={[{ required: true, max: 2000 }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </Form>
          </Modal>
        </>
      )}
    </Loaded>
  );
}

function Lines({ statementId }: { statementId: string }) {
  const { t } = useTranslation();
  const statement = useQuery({
    queryKey: ["commission", "statement", statementId],
    queryFn: () => data(kpi.GET("/kpi/commission/statements/{statement_id}", { params: { path: { statement_id: statementId } } })),
  });
  return (
    <Loaded query={statement}>
      {(s) => (
        <Table
          aria-label={t("commission.lines")}
          rowKey={(l) => `${l.order_id}-${l.rule}-${l.kind}`}
          size="small"
          pagination={false}
          dataSource={s.items}
          columns={[
            { title: t("kpi.day"), dataIndex: "deal_day" },
            { title: t("commission.rule"), dataIndex: "rule" },
            { title: t("commission.basis"), dataIndex: "basis" },
            { title: t("commission.rate"), dataIndex: "rate" },
            { title: t("commission.originRate"), dataIndex: "origin_rate" },
            { title: t("commission.share"), dataIndex: "share_percent", render: (v: string) => `${v}%` },
            { title: t("commission.amount"), dataIndex: "amount", render: (v: string, l) => (l.clawback_of ? <Tag color="error">{v}</Tag> : v) },
          ]}
        />
      )}
    </Loaded>
  );
}
