import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { data, leads, opportunities } from "../../api/client";
import { Loaded, useFailureReport } from "../../components/feedback";
import { can, useSession } from "../../session";
import { fetchCreditSplit } from "../shared/creditSplits";
import { fetchQuotes } from "../shared/wholeLists";

const OPEN_OPPORTUNITIES = 200;

/** What waits for the manager: quotes whose discount needs their approval, leads reported lost.
 * (The opportunities service lists quotes per opportunity only, so the dealer's open
 * opportunities' quotes are read and those pending approval kept.) */
export default function Approvals() {
  const { t } = useTranslation();
  const session = useSession();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const open = useQuery({
    queryKey: ["opportunities", "open"],
    queryFn: () => data(opportunities.GET("/opportunities", { params: { query: { status: "open", limit: OPEN_OPPORTUNITIES } } })),
  });
  const quoteLists = useQueries({
    queries: (open.data ?? []).map((o) => ({
      queryKey: ["opportunity", o.id, "quotes"],
      queryFn: () => fetchQuotes(o.id),
    })),
  });
  // Split credit waiting for a manager: decided on the opportunity, where its shares show.
  const splitsOf = useQueries({
    queries: (can(session, "opportunity.assign") ? (open.data ?? []) : []).map((o) => ({
      queryKey: ["opportunity", o.id, "credit-split"],
      queryFn: () => fetchCreditSplit(o.id),
    })),
  });
  const pendingSplits = (open.data ?? []).filter((_, i) => splitsOf[i]?.data?.status === "pending_approval");
  const names = new Map((open.data ?? []).map((o) => [o.id, o.customer_name]));
  const pending = quoteLists.flatMap((q) => q.data ?? []).filter((q) => q.status === "pending_approval");
  const losses = useQuery({
    queryKey: ["leads", "loss_pending"],
    queryFn: () => data(leads.GET("/leads", { params: { query: { status: "loss_pending", limit: 100 } } })),
    enabled: can(session, "lead.assign"),
  });
  const decide = useMutation({
    mutationFn: ({ id, approve }: { id: string; approve: boolean }) =>
      data(opportunities.POST("/quotes/{quote_id}/approval", { params: { path: { quote_id: id } }, body: { approve } })),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      await queries.invalidateQueries({ queryKey: ["opportunity"] });
    },
    onError: (error) => report(error),
  });
  const decideLoss = useMutation({
    mutationFn: ({ id, approved }: { id: string; approved: boolean }) =>
      data(leads.POST("/leads/{lead_id}/loss/decision", { params: { path: { lead_id: id } }, body: { approved } })),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      await queries.invalidateQueries({ queryKey: ["leads", "loss_pending"] });
    },
    onError: (error) => report(error),
  });
  return (
    <>
      <Typography.Title level={2}>{t("menu.approvals")}</Typography.Title>
      <Card title={t("opp.pendingOnly")}>
        <Loaded query={open}>
          {() => (
            <Table
              aria-label={t("opp.pendingOnly")}
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: "max-content" }}
              loading={quoteLists.some((q) => q.isPending)}
              dataSource={pending}
              columns={[
                {
                  title: t("lead.customer"),
                  dataIndex: "opportunity_id",
                  render: (id: string) => <Link to={`/workspace/opportunities/${id}`}>{names.get(id)}</Link>,
                },
                { title: t("opp.version"), dataIndex: "version" },
                { title: t("opp.total"), dataIndex: "total", render: (v: string) => `¥${v}` },
                { title: t("opp.discount"), dataIndex: "discount_percent", render: (v: string) => <Tag color="processing">{v}%</Tag> },
                { title: t("approver.sales_manager"), dataIndex: "approver_needed", render: (a: string | null) => (a ? t(`approver.${a}`) : "") },
                {
                  title: "",
                  key: "decide",
                  render: (_: unknown, q) => (
                    <Space>
                      <Button size="small" type="primary" onClick={() => decide.mutate({ id: q.id, approve: true })}>
                        {t("opp.approve")}
                      </Button>
                      <Button size="small" danger onClick={() => decide.mutate({ id: q.id, approve: false })}>
                        {t("opp.reject")}
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </Loaded>
      </Card>
      {can(session, "opportunity.assign") && (
        <Card title={t("split.pending")} style={{ marginTop: 16 }}>
          <Table
            aria-label={t("split.pending")}
            rowKey="id"
            size="small"
            pagination={false}
            loading={open.isPending || splitsOf.some((q) => q.isPending)}
            dataSource={pendingSplits}
            columns={[
              {
                title: t("lead.customer"),
                dataIndex: "customer_name",
                render: (name: string, o) => <Link to={`/workspace/opportunities/${o.id}`}>{name}</Link>,
              },
              { title: t("opp.amount"), dataIndex: "amount", render: (v: string) => `¥${v}` },
            ]}
          />
        </Card>
      )}
      {can(session, "lead.assign") && (
        <Card title={t("lead.lossApprove")} style={{ marginTop: 16 }}>
          <Loaded query={losses}>
            {(rows) => (
              <Table
                aria-label={t("lead.lossApprove")}
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={rows}
                columns={[
                  { title: t("lead.customer"), dataIndex: "customer_name" },
                  { title: t("lead.phone"), dataIndex: "phone" },
                  {
                    title: "",
                    key: "decide",
                    render: (_: unknown, l) => (
                      <Space>
                        <Button size="small" onClick={() => decideLoss.mutate({ id: l.id, approved: true })}>
                          {t("lead.lossApprove")}
                        </Button>
                        <Button size="small" onClick={() => decideLoss.mutate({ id: l.id, approved: false })}>
                          {t("lead.lossReject")}
                        </Button>
                      </Space>
                    ),
                  },
                ]}
              />
            )}
          </Loaded>
        </Card>
      )}
    </>
  );
}
