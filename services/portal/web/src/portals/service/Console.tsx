import { useMutation } from "@tanstack/react-query";
import { App as AntApp, Badge, Button, Card, Checkbox, Descriptions, Empty, Form, Input, Segmented, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { callCenter, data } from "../../api/client";
import { useFailureReport } from "../../components/feedback";
import { when } from "../workspace/labels";
import { popView, withPop, type ScreenPop } from "./screenPop";

const STATES = ["ready", "break", "wrap_up", "offline"] as const;
type AgentState = (typeof STATES)[number];
const SCREEN_POPS = "/api/call-center/agents/me/screen-pops";

/** The call center's pushes for this agent, for as long as the page is open: the browser's
 * EventSource reconnects by itself after a network error, and the console opens the stream
 * again when the call center asks (`event: reconnect`: its token expired; the BFF refreshes). */
function useScreenPops(): { pops: ScreenPop[]; connected: boolean } {
  const [pops, setPops] = useState<ScreenPop[]>([]);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    let source: EventSource;
    const open = () => {
      source = new EventSource(SCREEN_POPS);
      source.addEventListener("open", () => setConnected(true));
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
  const [latest, ...earlier] = pops;
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
            <CallControls key={latest.call_id} callId={latest.call_id} />
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
  const view = popView(pop);
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
      {view.kind === "unknown" && (
        <Link to={`/service/tickets?phone=${encodeURIComponent(pop.customer_phone)}`}>{t("console.newTicket")}</Link>
      )}
    </Card>
  );
}

type TransferKind = "agent" | "queue";

/** Hang up, transfer (cold or warm, to an agent, a dealer's consultant or a queue) and the
 * wrap-up of one call: each refusal (not on the call any more, the phone system takes no
 * commands) is shown with the call center's reason. */
function CallControls({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const [kind, setKind] = useState<TransferKind>("agent");
  const [target, setTarget] = useState("");
  const [attended, setAttended] = useState(false);
  const [wrapUp] = Form.useForm<{ disposition: string; notes: string }>();
  const path = { params: { path: { call_id: callId } } };
  const hangUp = useMutation({
    mutationFn: () => data(callCenter.POST("/calls/{call_id}/hangup", path)),
    onSuccess: () => void message.success(t("calls.hungUp")),
    onError: (error) => report(error),
  });
  const transfer = useMutation({
    mutationFn: () => data(callCenter.POST("/calls/{call_id}/transfer", { ...path, body: { target_kind: kind, target, attended } })),
    onSuccess: () => void message.success(t("calls.transferred")),
    onError: (error) => report(error),
  });
  const wrap = useMutation({
    mutationFn: (values: { disposition: string; notes: string }) => data(callCenter.POST("/calls/{call_id}/disposition", { ...path, body: values })),
    onSuccess: () => void message.success(t("app.saved")),
    onError: (error) => report(error, wrapUp),
  });
  return (
    <Card size="small" title={t("calls.controls")} style={{ marginTop: 12 }} className="call-controls">
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Text type="secondary">{t("calls.answerOnPhone")}</Typography.Text>
        <Button danger onClick={() => hangUp.mutate()} loading={hangUp.isPending}>
          {t("calls.hangUp")}
        </Button>
        <Space wrap>
          <Segmented<TransferKind>
            aria-label={t("calls.transferKind")}
            value={kind}
            onChange={setKind}
            options={[
              { value: "agent", label: t("calls.toAgent") },
              { value: "queue", label: t("calls.toQueue") },
            ]}
          />
          <Input aria-label={t("calls.target")} placeholder={t("calls.targetHint")} value={target} onChange={(e) => setTarget(e.target.value)} style={{ width: 220 }} />
          <Checkbox checked={attended} onChange={(e) => setAttended(e.target.checked)}>
            {t("calls.attended")}
          </Checkbox>
          <Button onClick={() => transfer.mutate()} disabled={!target} loading={transfer.isPending}>
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
