import { useMutation } from "@tanstack/react-query";
import { App as AntApp, Badge, Button, Card, Descriptions, Empty, Space, Tag, Typography } from "antd";
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
 * (answering, transfer and wrap-up go through the phone until the CTI actions are built). */
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
        {latest ? <PopCard pop={latest} /> : <Empty description={t("console.noCalls")} />}
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
