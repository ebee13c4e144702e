import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Form, Input, List, Segmented, Select, Space, Switch, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { data, serviceDesk } from "../../api/client";
import type { components } from "../../api/generated/service-desk";
import { useFailureReport } from "../../components/feedback";
import { PagedTable } from "../../components/PagedTable";
import { useSession } from "../../session";
import { when } from "../workspace/labels";
import { byUrgency, nextClock } from "./sla";
import { SlaTag, useNow } from "./SlaTag";
import { useOrgName, useOwnerName } from "../shared/directory";

type Ticket = components["schemas"]["TicketPublic"];
type QuickTicket = components["schemas"]["QuickTicket"];
type Status = "open" | "waiting" | "resolved" | "closed";
const KINDS = ["service_request", "complaint", "feedback", "inquiry"] as const;

/** The value once it stopped changing for a moment: one suggestion per pause, not per key. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The desk's tickets: open ones most urgent first with their SLA countdown (amber within
 * the last hour, red once breached), the escalation level; quick entry of a phone ticket. */
export default function Tickets() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const now = useNow();
  const ownerName = useOwnerName();
  const [status, setStatus] = useState<Status>("open");
  const [mine, setMine] = useState(false);
  const [search, setSearch] = useState("");
  const [form] = Form.useForm<QuickTicket>();
  // The console's "new ticket for this caller" comes with the caller's number.
  const [params] = useSearchParams();
  // Knowledge-base articles like the ticket being typed, before it is saved.
  const typed = useSettled((Form.useWatch("subject", form) ?? "").trim(), 400);
  const suggested = useQuery({
    queryKey: ["knowledge", "suggestions", typed],
    queryFn: () => data(serviceDesk.GET("/knowledge-articles/suggestions", { params: { query: { text: typed } } })),
    enabled: typed.length >= 2,
  });
  const quick = useMutation({
    mutationFn: (body: QuickTicket) => data(serviceDesk.POST("/tickets/quick", { body })),
    onSuccess: async (ticket) => {
      void message.success(t("lead.created_ok"));
      form.resetFields();
      await queries.invalidateQueries({ queryKey: ["tickets"] });
      navigate(`/service/tickets/${ticket.id}`);
    },
    onError: (error) => report(error, form),
  });
  return (
    <>
      <Typography.Title level={2}>{t("menu.tickets")}</Typography.Title>
      <Card title={t("ticket.quickEntry")} style={{ marginBottom: 16 }}>
        <Form<QuickTicket> form={form} name="quick-ticket" layout="inline" initialValues={{ kind: "service_request", phone: params.get("phone") ?? undefined }} onFinish={(v) => quick.mutate(v)}>
          <Form.Item name="phone" label={t("ticket.phone")} rules={[{ required: true }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="subject" label={t("ticket.subject")} rules={[{ required: true }]}>
            <Input style={{ minWidth: 220 }} />
          </Form.Item>
          <Form.Item name="kind" label={t("ticket.kind")}>
            <Select style={{ minWidth: 120 }} options={KINDS.map((k) => ({ value: k, label: t(`ticketKind.${k}`) }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={quick.isPending}>
            {t("ticket.quickSave")}
          </Button>
        </Form>
        {typed.length >= 2 && (suggested.data?.length ?? 0) > 0 && (
          <List
            aria-label={t("afterSales.articles")}
            header={t("afterSales.articles")}
            size="small"
            style={{ marginTop: 12 }}
            dataSource={suggested.data}
            renderItem={(article) => (
              <List.Item data-article={article.id}>
                <Space direction="vertical" size={0}>
                  <Typography.Text>{article.title}</Typography.Text>
                  <Typography.Text type="secondary" style={{ whiteSpace: "pre-wrap" }}>
                    {article.solution}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<Status>
          aria-label={t("opp.status")}
          value={status}
          onChange={setStatus}
          options={(["open", "waiting", "resolved", "closed"] as const).map((s) => ({ value: s, label: t(`ticketStatus.${s}`) }))}
        />
        <Space>
          <Switch id="tickets-mine" checked={mine} onChange={setMine} />
          <label htmlFor="tickets-mine">{t("ticket.mine")}</label>
        </Space>
        <Input.Search aria-label={t("ticket.search")} placeholder={t("ticket.search")} allowClear onSearch={(q) => setSearch(q.trim())} style={{ width: 220 }} />
      </Space>
      <PagedTable<Ticket>
        label={t("menu.tickets")}
        queryKey={["tickets", status, mine, search]}
        fetchPage={(limit, offset) =>
          data(
            serviceDesk.GET("/tickets", {
              params: { query: { status, limit, offset, owner_user: mine ? session.user_id : undefined, q: search || undefined } },
            }),
          )
        }
        sort={(rows) => byUrgency(rows, now)}
        columns={[
          { title: t("ticket.number"), dataIndex: "number", render: (n: string, ticket) => <Link to={`/service/tickets/${ticket.id}`}>{n}</Link> },
          { title: t("ticket.subject"), dataIndex: "subject" },
          { title: t("ticket.customer"), key: "customer", render: (_: unknown, ticket) => [ticket.customer.name, ticket.customer.phone].filter(Boolean).join(" · ") },
          { title: t("ticket.priority"), dataIndex: "priority", render: (p: string) => <Tag>{t(`priority.${p}`)}</Tag> },
          { title: t("opp.status"), dataIndex: "status", render: (s: string) => t(`ticketStatus.${s}`, { defaultValue: s }) },
          { title: t("ticket.sla"), key: "sla", render: (_: unknown, ticket) => <SlaTag clock={nextClock(ticket, now)} /> },
          { title: t("ticket.escalation"), key: "escalation", render: (_: unknown, ticket) => <EscalationLevel ticket={ticket} /> },
          { title: t("ticket.owner"), dataIndex: "owner_user", render: (u: string | null) => ownerName(u) },
          { title: t("ticket.opened"), dataIndex: "opened_at", render: when },
        ]}
      />
    </>
  );
}

export function EscalationLevel({ ticket }: { ticket: Pick<Ticket, "escalation_steps" | "raised_to_org"> }) {
  const { t } = useTranslation();
  const orgName = useOrgName();
  const level = ticket.escalation_steps.length;
  if (level === 0) return <>{t("ticket.notEscalated")}</>;
  return (
    <Tag className="sla-tag sla-due-soon">
      {t("ticket.level", { level })}
      {ticket.raised_to_org ? ` · ${t("ticket.raisedTo", { org: orgName(ticket.raised_to_org) })}` : ""}
    </Tag>
  );
}
