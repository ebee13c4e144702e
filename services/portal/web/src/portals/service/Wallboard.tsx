import { useQuery } from "@tanstack/react-query";
import { Badge, Card, Col, Row, Space, Statistic, Table, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { callCenter, data } from "../../api/client";
import type { components } from "../../api/generated/call-center";
import { Chart } from "../../components/Chart";
import { ListCut } from "../../components/feedback";
import type { ChartOption } from "../../components/EChart";
import { useOwnerName, useStaff } from "../shared/directory";
import { clock, percent, waitedSeconds } from "./wallboard";

type Board = components["schemas"]["LiveWallboard"];
type DayStatistics = components["schemas"]["CallStatistics"];
const STREAM = "/api/call-center/wallboard/stream";

/** The call center pushes the wallboard (server-sent events) when an agent's state changes or
 * a call is reported: nothing is polled. The browser's EventSource reconnects by itself. */
function useLiveWallboard(): { board?: Board; live: boolean } {
  const [board, setBoard] = useState<Board>();
  const [live, setLive] = useState(false);
  useEffect(() => {
    const source = new EventSource(STREAM);
    source.addEventListener("open", () => setLive(true));
    source.addEventListener("error", () => setLive(false));
    source.addEventListener("wallboard", (event) => setBoard(JSON.parse((event as MessageEvent<string>).data) as Board));
    return () => source.close();
  }, []);
  return { board, live };
}

/** A second's tick for the waits counting up between pushes. */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/** Today's figures per hour, dealer and agent (occupancy): read again when a push says
 * something changed (the board's time), never on a timer. */
function useDayStatistics(board: Board | undefined) {
  return useQuery({
    queryKey: ["call-statistics", board?.at],
    queryFn: () => data(callCenter.GET("/call-statistics")),
    enabled: board !== undefined,
    placeholderData: (previous) => previous,
  });
}

export default function Wallboard() {
  const { t } = useTranslation();
  const { board, live } = useLiveWallboard();
  const now = useNow();
  const day = useDayStatistics(board);
  const occupancy = new Map((day.data?.agents ?? []).map((a) => [a.agent_user, a.occupancy]));
  // Agents by name: a supervisor reads the users of their scope (user.read).
  const staff = useStaff();
  const agentName = useOwnerName();
  // Drawn again when a push brings new figures, not at each tick of the clock.
  const perAgent = useMemo<ChartOption | undefined>(
    () =>
      board && board.agents.length > 0
        ? {
            tooltip: { trigger: "axis" },
            xAxis: { type: "category", data: board.agents.map((a) => agentName(a.user_id)) },
            yAxis: { type: "value", minInterval: 1 },
            series: [
              { name: t("wallboard.answered"), type: "bar", data: board.agents.map((a) => a.today?.answered ?? 0) },
              { name: t("wallboard.offered"), type: "bar", data: board.agents.map((a) => a.today?.offered ?? 0) },
            ],
          }
        : undefined,
    // Drawn again when the staff read brings the agents' names, too.
    [board, t, staff.data],
  );
  return (
    <>
      <Typography.Title level={2}>{t("menu.wallboard")}</Typography.Title>
      <Badge status={live ? "success" : "default"} text={t(live ? "wallboard.live" : "wallboard.offline")} data-live={live ? "yes" : "no"} />
      {board && (
        <div style={{ marginTop: 12 }}>
          <ListCut cut={board.queues_truncated} shown={board.queues.length} hint={t("app.narrowScope")} />
          <ListCut cut={board.agents_truncated} shown={board.agents.length} hint={t("app.narrowScope")} />
        </div>
      )}
      <Row gutter={[16, 16]} style={{ marginTop: 12 }}>
        {(board?.queues ?? []).map((q) => (
          <Col key={q.queue_id} xs={24} md={12} xl={8}>
            <Card title={q.name} className="wallboard-queue" data-queue={q.queue_id}>
              <Row gutter={8}>
                <Col span={12}>
                  <Statistic title={t("wallboard.waiting")} value={q.waiting} styles={q.waiting > 0 ? { content: { color: "#a8071a" } } : undefined} />
                </Col>
                <Col span={12}>
                  <Statistic title={t("wallboard.longestWait")} value={clock(waitedSeconds(q.oldest_waiting_since, now))} />
                </Col>
                <Col span={12}>
                  <Statistic title={t("wallboard.serviceLevel")} value={percent(q.today?.service_level)} />
                </Col>
                <Col span={12}>
                  <Statistic title={t("wallboard.abandonRate")} value={percent(q.today?.abandon_rate)} />
                </Col>
              </Row>
              <Space wrap style={{ marginTop: 8 }}>
                {Object.entries(q.agents_by_state).map(([state, n]) => (
                  <Tag key={state}>
                    {t(`agentState.${state}`, { defaultValue: state })}: {n}
                  </Tag>
                ))}
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={`${t("wallboard.agents")} · ${t("wallboard.today")}`} style={{ marginTop: 16 }}>
        <Table
          aria-label={t("wallboard.agents")}
          size="small"
          rowKey="user_id"
          pagination={false}
          dataSource={board?.agents ?? []}
          columns={[
            { title: t("users.username"), dataIndex: "user_id", render: (id: string) => agentName(id) },
            { title: t("wallboard.state"), dataIndex: "state", render: (s: string) => <span data-agent-state={s}>{t(`agentState.${s}`, { defaultValue: s })}</span> },
            { title: t("wallboard.since"), dataIndex: "since", render: (since: string) => clock(waitedSeconds(since, now)) },
            { title: t("wallboard.offered"), key: "offered", render: (_: unknown, a) => a.today?.offered ?? 0 },
            { title: t("wallboard.answered"), key: "answered", render: (_: unknown, a) => a.today?.answered ?? 0 },
            { title: t("wallboard.aht"), key: "aht", render: (_: unknown, a) => a.today?.average_handle_seconds ?? "—" },
            { title: t("wallboard.occupancy"), key: "occupancy", render: (_: unknown, a) => <span data-occupancy={a.user_id}>{percent(occupancy.get(a.user_id))}</span> },
          ]}
        />
        {perAgent && <Chart label={t("wallboard.perAgent")} height={240} option={perAgent} />}
      </Card>
      {day.data && <DayBreakdown day={day.data} />}
    </>
  );
}

/** Today's calls by the hour they started (offered, answered, abandoned) and per dealer. */
function DayBreakdown({ day }: { day: DayStatistics }) {
  const { t } = useTranslation();
  const perHour = useMemo<ChartOption | undefined>(() => {
    if (day.hours.length === 0) return undefined;
    const hours = Array.from({ length: 24 }, (_, h) => day.hours.find((row) => row.hour === h)?.stats);
    return {
      tooltip: { trigger: "axis" },
      legend: {},
      xAxis: { type: "category", data: hours.map((_, h) => `${h}:00`) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: t("wallboard.offered"), type: "bar", data: hours.map((s) => s?.offered ?? 0) },
        { name: t("wallboard.answered"), type: "bar", data: hours.map((s) => s?.answered ?? 0) },
        { name: t("wallboard.abandoned"), type: "bar", data: hours.map((s) => s?.abandoned ?? 0) },
      ],
    };
  }, [day, t]);
  return (
    <Card title={`${t("wallboard.byHour")} · ${t("wallboard.byDealer")}`} style={{ marginTop: 16 }}>
      {perHour && <Chart label={t("wallboard.byHour")} height={240} option={perHour} />}
      <Table
        aria-label={t("wallboard.byDealer")}
        className="wallboard-dealers"
        size="small"
        rowKey="dealer_id"
        pagination={false}
        dataSource={day.dealers}
        columns={[
          { title: t("wallboard.dealer"), dataIndex: "dealer_id" },
          { title: t("wallboard.offered"), key: "offered", render: (_: unknown, d) => d.stats.offered },
          { title: t("wallboard.answered"), key: "answered", render: (_: unknown, d) => d.stats.answered },
          { title: t("wallboard.serviceLevel"), key: "sl", render: (_: unknown, d) => percent(d.stats.service_level) },
          { title: t("wallboard.abandonRate"), key: "abandon", render: (_: unknown, d) => percent(d.stats.abandon_rate) },
          { title: t("wallboard.outbound"), key: "outbound", render: (_: unknown, d) => `${d.stats.outbound_connected}/${d.stats.outbound}` },
        ]}
      />
    </Card>
  );
}
