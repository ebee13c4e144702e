import { useMutation, useQuery } from "@tanstack/react-query";
import { App as AntApp, Badge, Button, Card, Checkbox, Descriptions, Empty, Form, Input, Select, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { callCenter, data, leads, serviceDesk } from "../../api/client";
import type { components } from "../../api/generated/call-center";
import { useFailureReport } from "../../components/feedback";
import { customerFilesOf } from "../../portals";
import { can, useSession } from "../../session";
import { when } from "../workspace/labels";
import { popView, withPop, type ScreenPop } from "./screenPop";

const STATES = ["ready", "break", "wrap_up", "offline"] as const;
type AgentState = (typeof STATES)[number];
const SCREEN_POPS = "/api/call-center/agents/me/screen-pops";

/** The call center's pushes for this agent, for as long as the page is open: the browser's
 * EventSource reconnects by itself after a network error, and the console opens the stream
 * again when the call center asks (`event: reconnect`: its token expired; the BFF refreshes).
 * Connected means the call center listens to the agent's phone (`event: listening`), not that
 * the stream opened: its headers arrive before the call center has subscribed. */
function useScreenPops(): { pops: ScreenPop[]; connected: boolean } {
  const [pops, setPops] = useState<ScreenPop[]>([]);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    let source: EventSource;
    const open = () => {
      source = new EventSource(SCREEN_POPS);
      source.addEventListener("listening", () => setConnected(true));
      source.addEventListener("error", () => setConnected(false));
      source.addEventListener("screen-pop", (event) => setPops((earlier) => withPop(earlier, JSON.parse((event as MessageEvent<string>).data) as ScreenPop)));
      source.addEventListener("reconnect", () => {
        source.close();
        open();
      });
    };
    open();
    return () => source.close();
  }, []);
  return { pops, connected };
}

/** The agent's console: their state in one click, and each call ringing their phone as a card
 * with the call's controls: hang up and transfer through the phone system (the PBX; a cloud
 * contact center's calls are controlled in its own softphone, as the call center answers),
 * and the wrap-up's disposition and notes. Answering is on the phone itself. */
export default function Console() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const [state, setState] = useState<string>();
  const { pops, connected } = useScreenPops();
  const change = useMutation({
    mutationFn: (next: AgentState) => data(callCenter.PUT("/agents/me/state", { body: { state: next } })),
    onSuccess: (presence) => {
      setState(presence.state);
      void message.success(t("app.saved"));
    },
    onError: (error) => report(error),
  });
  const session = useSession();
  const [latest, ...earlier] = pops;
  // Who works a known caller (their lead's owner): the call goes to them in one click.
  const owner = latest?.known && latest.owner_user && latest.owner_user !== session.user_id ? latest.owner_user : undefined;
  return (
    <>
      <Typography.Title level={2}>{t("menu.console")}</Typography.Title>
      <Card title={t("console.state")} extra={<Badge status={connected ? "success" : "default"} text={t(connected ? "console.connected" : "console.disconnected")} />}>
        <Space wrap>
          {STATES.map((s) => (
            <Button key={s} type={state === s ? "primary" : "default"} aria-pressed={state === s} loading={change.isPending && change.variables === s} onClick={() => change.mutate(s)}>
              {t(`agentState.${s}`)}
            </Button>
          ))}
        </Space>
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }} data-agent-state={state ?? ""}>
          {t("console.now")}: {state ? t(`agentState.${state}`, { defaultValue: state }) : "—"}
        </Typography.Paragraph>
      </Card>
      <Card title={t("console.incoming")} style={{ marginTop: 16 }}>
        {latest ? (
          <>
            <PopCard pop={latest} />
            <CallControls key={latest.call_id} callId={latest.call_id} owner={owner} />
          </>
        ) : (
          <Empty description={t("console.noCalls")} />
        )}
      </Card>
      {earlier.length > 0 && (
        <Card title={t("console.earlier")} style={{ marginTop: 16 }}>
          <Space direction="vertical" style={{ width: "100%" }}>
            {earlier.map((p) => (
              <PopCard key={p.call_id} pop={p} />
            ))}
          </Space>
        </Card>
      )}
    </>
  );
}

function PopCard({ pop }: { pop: ScreenPop }) {
  const { t } = useTranslation();
  const session = useSession();
  const view = popView(pop);
  const files = customerFilesOf(session);
  return (
    <Card size="small" className="screen-pop" data-pop={view.kind} title={view.title} extra={<Tag>{t(`console.kind.${view.kind}`)}</Tag>}>
      <Descriptions column={1} size="small">
        {view.fields.map(([field, value]) => (
          <Descriptions.Item key={field} label={t(`console.field.${field}`)}>
            {value}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t("console.rangAt")}>{when(pop.rang_at)}</Descriptions.Item>
      </Descriptions>
      {view.kind === "customer" && pop.customer_id && files && (
        <Link to={`${files}/${pop.customer_id}`} data-customer-file={pop.customer_id}>
          {t("consoleCustomer.file")}
        </Link>
      )}
      {view.kind === "unknown" && <UnknownCaller pop={pop} />}
    </Card>
  );
}

/** An unknown caller: one step to a lead (leads' API) or a ticket linked to the call (the
 * service desk's), the number filled in — each offered to those whose functions allow it. */
function UnknownCaller({ pop }: { pop: ScreenPop }) {
  const { t } = useTranslation();
  const session = useSession();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const [leadForm] = Form.useForm<{ customer_name: string }>();
  const [ticketForm] = Form.useForm<{ subject: string; customer_name?: string }>();
  const newLead = useMutation({
    mutationFn: (values: { customer_name: string }) => data(leads.POST("/leads", { body: { customer_name: values.customer_name, phone: pop.customer_phone, source: "phone" } })),
    onSuccess: () => void message.success(t("console.leadCreated")),
    onError: (error) => report(error, leadForm),
  });
  const newTicket = useMutation({
    mutationFn: (values: { subject: string; customer_name?: string }) =>
      data(
        serviceDesk.POST("/tickets", {
          body: { kind: "inquiry", subject: values.subject, description: "", customer_name: values.customer_name || null, phone: pop.customer_phone, channel: "phone", links: { call_id: pop.call_id } },
        }),
      ),
    onError: (error) => report(error, ticketForm),
  });
  return (
    <Space direction="vertical" style={{ width: "100%", marginTop: 8 }} className="unknown-caller">
      {can(session, "lead.create") && (
        <Form form={leadForm} name={`lead-${pop.call_id}`} layout="inline" aria-label={t("console.newLead")} onFinish={(values) => newLead.mutate(values)}>
          <Form.Item name="customer_name" label={t("console.customerName")} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Button htmlType="submit" loading={newLead.isPending} disabled={newLead.isSuccess}>
            {t("console.newLead")}
          </Button>
        </Form>
      )}
      {can(session, "ticket.manage") && (
        <Form form={ticketForm} name={`ticket-${pop.call_id}`} layout="inline" aria-label={t("console.newTicketForm")} onFinish={(values) => newTicket.mutate(values)}>
          <Form.Item name="subject" label={t("console.subject")} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="customer_name" label={t("console.customerName")}>
            <Input maxLength={200} />
          </Form.Item>
          <Button htmlType="submit" loading={newTicket.isPending} disabled={newTicket.isSuccess}>
            {t("console.newTicket")}
          </Button>
        </Form>
      )}
      {newTicket.data && (
        <Link to={`/service/tickets/${newTicket.data.id}`} data-ticket={newTicket.data.id}>
          {t("console.ticketOpened", { number: newTicket.data.number })}
        </Link>
      )}
    </Space>
  );
}

type TransferTarget = components["schemas"]["TransferTargetPublic"];

/** Agents, dealers' consultants and queues by name, as the call center's directory answers the
 * search typed so far. */
function useTransferTargets(search: string) {
  return useQuery({
    queryKey: ["transfer-targets", search],
    queryFn: () => data(callCenter.GET("/transfer-targets", { params: { query: { search, limit: 20 } } })),
    placeholderData: (previous) => previous,
  });
}

/** Hang up, transfer (cold or warm, to an agent, a dealer's consultant or a queue picked by
 * name from the directory, or in one click to whoever works the caller) and the wrap-up of one
 * call: each refusal (not on the call any more, the phone system takes no commands) is shown
 * with the call center's reason. */
function CallControls({ callId, owner }: { callId: string; owner?: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const [search, setSearch] = useState("");
  const [picked, setPicked] = useState<TransferTarget>();
  const [attended, setAttended] = useState(false);
  const targets = useTransferTargets(search);
  const [wrapUp] = Form.useForm<{ disposition: string; notes: string }>();
  const path = { params: { path: { call_id: callId } } };
  const hangUp = useMutation({
    mutationFn: () => data(callCenter.POST("/calls/{call_id}/hangup", path)),
    onSuccess: () => void message.success(t("calls.hungUp")),
    onError: (error) => report(error),
  });
  const transfer = useMutation({
    mutationFn: (to: TransferTarget) => data(callCenter.POST("/calls/{call_id}/transfer", { ...path, body: { target_kind: to.kind, target: to.target, attended } })),
    onSuccess: () => void message.success(t("calls.transferred")),
    onError: (error) => report(error),
  });
  const wrap = useMutation({
    mutationFn: (values: { disposition: string; notes: string }) => data(callCenter.POST("/calls/{call_id}/disposition", { ...path, body: values })),
    onSuccess: () => void message.success(t("calls.wrapUpSaved")),
    onError: (error) => report(error, wrapUp),
  });
  const found = targets.data ?? [];
  // The owner as the directory knows them (by user id): only one with an extension is reachable.
  const owners = useQuery({
    queryKey: ["transfer-targets", "owner", owner],
    queryFn: () => data(callCenter.GET("/transfer-targets", { params: { query: { search: owner ?? "", limit: 20 } } })),
    enabled: !!owner,
  });
  const ownerTarget = owners.data?.find((target) => target.kind === "agent" && target.target === owner);
  const label = (target: TransferTarget) => {
    const kind = t(target.kind === "queue" ? "calls.toQueue" : "calls.toAgent");
    const state = target.state ? ` · ${t(`agentState.${target.state}`, { defaultValue: target.state })}` : "";
    return `${target.name} (${kind} · ${target.owner_org} · ${target.extension}${state})`;
  };
  return (
    <Card size="small" title={t("calls.controls")} style={{ marginTop: 12 }} className="call-controls">
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Text type="secondary">{t("calls.answerOnPhone")}</Typography.Text>
        <Button danger onClick={() => hangUp.mutate()} loading={hangUp.isPending}>
          {t("calls.hangUp")}
        </Button>
        {owner &&
          (ownerTarget ? (
            <Button type="primary" onClick={() => transfer.mutate(ownerTarget)} loading={transfer.isPending && transfer.variables === ownerTarget} data-transfer-owner={owner}>
              {t("consoleCustomer.toOwner", { name: `${ownerTarget.name} · ${ownerTarget.owner_org}` })}
            </Button>
          ) : (
            owners.isSuccess && <Typography.Text type="secondary">{t("consoleCustomer.ownerUnreachable")}</Typography.Text>
          ))}
        <Space wrap>
          <Select
            aria-label={t("calls.target")}
            showSearch
            filterOption={false}
            placeholder={t("calls.targetHint")}
            style={{ width: 360 }}
            value={picked ? `${picked.kind}:${picked.target}` : undefined}
            onSearch={setSearch}
            onChange={(value: string) => setPicked(found.find((target) => `${target.kind}:${target.target}` === value))}
            loading={targets.isFetching}
            options={found.map((target) => ({ value: `${target.kind}:${target.target}`, label: label(target) }))}
          />
          <Checkbox checked={attended} onChange={(e) => setAttended(e.target.checked)}>
            {t("calls.attended")}
          </Checkbox>
          <Button onClick={() => picked && transfer.mutate(picked)} disabled={!picked} loading={transfer.isPending}>
            {t("calls.transfer")}
          </Button>
        </Space>
        <Form form={wrapUp} layout="vertical" onFinish={(values) => wrap.mutate(values)} aria-label={t("calls.wrapUp")}>
          <Form.Item name="disposition" label={t("calls.disposition")} rules={[{ required: true }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="notes" label={t("calls.notes")} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={wrap.isPending}>
            {t("calls.saveWrapUp")}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}
