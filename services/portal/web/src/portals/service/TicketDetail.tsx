import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Col, Descriptions, Form, Input, List, Radio, Row, Select, Space, Tag, Timeline, Typography, type FormInstance } from "antd";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { data, serviceDesk } from "../../api/client";
import type { components } from "../../api/generated/service-desk";
import { Loaded, useFailureReport } from "../../components/feedback";
import { can, useSession } from "../../session";
import { when } from "../workspace/labels";
import { firstResponseClock, resolutionClock } from "./sla";
import { SlaTag, useNow } from "./SlaTag";
import TicketAfterSales from "./TicketAfterSales";
import TicketPartners from "./TicketPartners";
import { worksOn } from "./ticketWork";
import { EscalationLevel } from "./Tickets";
import { useOwnerName, useStaff } from "../shared/directory";
import { fetchTicketEntries, fetchTicketHistory } from "../shared/wholeLists";

type Ticket = components["schemas"]["TicketPublic"];
type Entry = components["schemas"]["EntryCreate"];
type Satisfaction = "satisfied" | "unsatisfied" | "unconfirmed";
const SATISFACTION: Record<Satisfaction, boolean | null> = { satisfied: true, unsatisfied: false, unconfirmed: null };

/** One ticket: its SLA clocks and escalation level, replies to the customer apart from
 * internal notes, and what the desk does with it (reassign, wait, resolve, close, reopen). */
export default function TicketDetail() {
  const { ticketId = "" } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const now = useNow();
  const ownerName = useOwnerName();
  const path = { params: { path: { ticket_id: ticketId } } };
  const ticket = useQuery({ queryKey: ["ticket", ticketId], queryFn: () => data(serviceDesk.GET("/tickets/{ticket_id}", path)) });
  const entries = useQuery({ queryKey: ["ticket", ticketId, "entries"], queryFn: () => fetchTicketEntries(ticketId) });
  const history = useQuery({ queryKey: ["ticket", ticketId, "history"], queryFn: () => fetchTicketHistory(ticketId) });
  return (
    <Loaded query={ticket}>
      {(tk) => (
        <>
          <Typography.Title level={2}>
            {t("ticket.detail")}: {tk.number}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card>
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t("ticket.subject")}>{tk.subject}</Descriptions.Item>
                  <Descriptions.Item label={t("opp.status")}>
                    <span data-status={tk.status}>{t(`ticketStatus.${tk.status}`, { defaultValue: tk.status })}</span>
                    {tk.waiting_for ? ` · ${t("ticket.waitingFor")} ${t(`waitingFor.${tk.waiting_for}`)}` : ""}
                  </Descriptions.Item>
                  <Descriptions.Item label={t("ticket.sla")}>
                    <Space wrap>
                      <SlaTag clock={firstResponseClock(tk, now)} />
                      <SlaTag clock={resolutionClock(tk, now)} />
                    </Space>
                  </Descriptions.Item>
                  <Descriptions.Item label={t("ticket.escalation")}>
                    <EscalationLevel ticket={tk} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t("ticket.priority")}>{t(`priority.${tk.priority}`)}</Descriptions.Item>
                  <Descriptions.Item label={t("ticket.kind")}>{t(`ticketKind.${tk.kind}`)}</Descriptions.Item>
                  <Descriptions.Item label={t("ticket.channel")}>{t(`channel.${tk.channel}`, { defaultValue: tk.channel })}</Descriptions.Item>
                  <Descriptions.Item label={t("ticket.customer")}>{tk.customer.name}</Descriptions.Item>
                  <Descriptions.Item label={t("ticket.phone")}>{tk.customer.phone}</Descriptions.Item>
                  <Descriptions.Item label={t("ticket.vehicle")}>{[tk.vehicle.model, tk.vehicle.vin].filter(Boolean).join(" · ")}</Descriptions.Item>
                  <Descriptions.Item label={t("ticket.owner")}>
                    <span data-owner={tk.owner_user ?? ""}>{ownerName(tk.owner_user)}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t("ticket.opened")}>{when(tk.opened_at)}</Descriptions.Item>
                  {tk.resolution && <Descriptions.Item label={t("ticket.resolution")}>{tk.resolution}</Descriptions.Item>}
                </Descriptions>
              </Card>
              {worksOn(session, tk) && <TicketActions ticket={tk} />}
              <TicketAfterSales ticket={tk} />
              <TicketPartners ticket={tk} />
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t("ticket.entries")}>
                <Loaded query={entries}>
                  {(list) => (
                    <List
                      aria-label={t("ticket.entries")}
                      dataSource={list}
                      renderItem={(entry) => (
                        <List.Item className={`ticket-entry-${entry.kind}`} data-entry={entry.kind}>
                          <Space direction="vertical" size={2} style={{ width: "100%" }}>
                            <Space wrap size="small">
                              <Tag className={entry.kind === "note" ? "sla-tag sla-due-soon" : "sla-tag sla-on-track"}>{t(`ticket.${entry.kind}`)}</Tag>
                              <Typography.Text type="secondary">
                                {ownerName(entry.author)} · {when(entry.at)}
                              </Typography.Text>
                            </Space>
                            <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>{entry.body}</Typography.Paragraph>
                          </Space>
                        </List.Item>
                      )}
                    />
                  )}
                </Loaded>
                {worksOn(session, tk) && tk.status !== "closed" && tk.status !== "merged" && <EntryForm ticketId={ticketId} />}
              </Card>
              <Card title={t("ticket.history")} style={{ marginTop: 16 }}>
                <Loaded query={history}>
                  {(rows) => (
                    <Timeline
                      items={rows.map((h) => ({
                        color: h.rule ? "red" : "blue",
                        children: (
                          <span data-history={h.action}>
                            {when(h.at)} · {t(`ticketAction.${h.action}`, { defaultValue: h.action })}
                            {h.rule ? (
                              <>
                                {" "}
                                <Tag className="sla-tag sla-breached">{t("ticket.escalated")}</Tag> {h.rule}
                              </>
                            ) : null}{" "}
                            · {ownerName(h.actor)}
                          </span>
                        ),
                      }))}
                    />
                  )}
                </Loaded>
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Loaded>
  );
}

function EntryForm({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<Entry>();
  const add = useMutation({
    mutationFn: (body: Entry) => data(serviceDesk.POST("/tickets/{ticket_id}/entries", { params: { path: { ticket_id: ticketId } }, body })),
    onSuccess: async () => {
      void message.success(t("ticket.entryAdded"));
      form.resetFields(["body"]);
      // A first reply meets the first-response target: the ticket's clocks change too.
      await queries.invalidateQueries({ queryKey: ["ticket", ticketId] });
    },
    onError: (error) => report(error, form),
  });
  return (
    <Form<Entry> form={form} name="ticket-entry" layout="vertical" initialValues={{ kind: "note" }} onFinish={(v) => add.mutate(v)} style={{ marginTop: 12 }}>
      <Form.Item name="kind" label={t("ticket.entryKind")}>
        <Radio.Group
          optionType="button"
          options={[
            { value: "note", label: t("ticket.note") },
            { value: "reply", label: t("ticket.reply") },
          ]}
        />
      </Form.Item>
      <Form.Item name="body" label={t("ticket.entryBody")} rules={[{ required: true }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.isPending}>
        {t("ticket.addEntry")}
      </Button>
    </Form>
  );
}

/** A command on the ticket: saved, then the ticket and the lists read again; a 422 goes to
 * the form's fields. */
function useTicketCommand<V>(ticketId: string, call: (values: V) => Promise<unknown>, form?: FormInstance) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async () => {
      void message.success(t("app.saved"));
      await queries.invalidateQueries({ queryKey: ["ticket", ticketId] });
      await queries.invalidateQueries({ queryKey: ["tickets"] });
    },
    onError: (error) => report(error, form),
  });
}

function TicketActions({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const session = useSession();
  const staff = useStaff();
  const [resolveForm] = Form.useForm<{ resolution: string }>();
  const [closeForm] = Form.useForm<{ satisfaction: Satisfaction }>();
  const [reopenForm] = Form.useForm<{ reason: string }>();
  const [assignForm] = Form.useForm<{ assignee: string }>();
  const id = ticket.id;
  const path = { params: { path: { ticket_id: id } } };
  const reassign = useTicketCommand(id, (v: { assignee: string }) => data(serviceDesk.POST("/tickets/{ticket_id}/reassignment", { ...path, body: v })), assignForm);
  const hold = useTicketCommand(id, () => data(serviceDesk.POST("/tickets/{ticket_id}/hold", { ...path, body: { waiting_for: "customer" } })));
  const resume = useTicketCommand(id, () => data(serviceDesk.POST("/tickets/{ticket_id}/resume", path)));
  const resolve = useTicketCommand(id, (v: { resolution: string }) => data(serviceDesk.POST("/tickets/{ticket_id}/resolution", { ...path, body: v })), resolveForm);
  const close = useTicketCommand(
    id,
    (v: { satisfaction: Satisfaction }) => data(serviceDesk.POST("/tickets/{ticket_id}/closure", { ...path, body: { customer_satisfied: SATISFACTION[v.satisfaction] } })),
    closeForm,
  );
  const reopen = useTicketCommand(id, (v: { reason: string }) => data(serviceDesk.POST("/tickets/{ticket_id}/reopening", { ...path, body: v })), reopenForm);
  const open = ticket.status === "open" || ticket.status === "waiting";
  return (
    <Card title={t("ticket.actions")} style={{ marginTop: 16 }}>
      <Space direction="vertical" style={{ width: "100%" }}>
        {open && can(session, "ticket.assign") && (
          <Form form={assignForm} name="ticket-reassign" layout="inline" onFinish={(v) => reassign.mutate(v)}>
            <Form.Item name="assignee" label={t("ticket.assignee")} rules={[{ required: true }]}>
              {staff.data ? (
                <Select
                  showSearch
                  optionFilterProp="label"
                  style={{ minWidth: 180 }}
                  options={staff.data.filter((u) => u.active && u.org_node === ticket.owner_org).map((u) => ({ value: u.id, label: u.username }))}
                />
              ) : (
                <Input />
              )}
            </Form.Item>
            <Button htmlType="submit" loading={reassign.isPending}>
              {t("ticket.reassign")}
            </Button>
          </Form>
        )}
        {ticket.status === "open" && (
          <Button onClick={() => hold.mutate(undefined)} loading={hold.isPending}>
            {t("ticket.hold")}
          </Button>
        )}
        {ticket.status === "waiting" && (
          <Button onClick={() => resume.mutate(undefined)} loading={resume.isPending}>
            {t("ticket.resume")}
          </Button>
        )}
        {open && (
          <Form form={resolveForm} name="ticket-resolve" layout="vertical" onFinish={(v) => resolve.mutate(v)}>
            <Form.Item name="resolution" label={t("ticket.resolution")} rules={[{ required: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={resolve.isPending}>
              {t("ticket.resolve")}
            </Button>
          </Form>
        )}
        {ticket.status === "resolved" && (
          <Form form={closeForm} name="ticket-close" layout="inline" initialValues={{ satisfaction: "unconfirmed" }} onFinish={(v) => close.mutate(v)}>
            <Form.Item name="satisfaction" label={t("ticket.satisfaction")}>
              <Select
                style={{ minWidth: 140 }}
                options={(["satisfied", "unsatisfied", "unconfirmed"] as const).map((s) => ({ value: s, label: t(`ticket.${s}`) }))}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={close.isPending}>
              {t("ticket.close")}
            </Button>
          </Form>
        )}
        {(ticket.status === "resolved" || ticket.status === "closed") && (
          <Form form={reopenForm} name="ticket-reopen" layout="inline" onFinish={(v) => reopen.mutate(v)}>
            <Form.Item name="reason" label={t("ticket.reopenReason")} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Button htmlType="submit" loading={reopen.isPending}>
              {t("ticket.reopen")}
            </Button>
          </Form>
        )}
      </Space>
    </Card>
  );
}
