import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Drawer, Form, Input, InputNumber, List, Space, Table, Typography } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { callCenter, data } from "../../api/client";
import type { components } from "../../api/generated/call-center";
import { ListCut, Loaded, useFailureReport } from "../../components/feedback";
import { when } from "../workspace/labels";
import { clock } from "./wallboard";

type Call = components["schemas"]["CallPublic"];
type Reviews = components["schemas"]["CallReviewsPublic"];

/** Recording QA (质检): the recorded calls of the reviewer's book; a recording plays in the
 * browser (the call center answers its range requests, and audits each opening), is scored on
 * the QA form and commented, at a moment of the recording or on the whole. */
export default function Recordings() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Call>();
  const calls = useQuery({
    queryKey: ["calls", "recorded"],
    queryFn: () => data(callCenter.GET("/calls", { params: { query: { recorded: true, limit: 200 } } })),
  });
  return (
    <>
      <Typography.Title level={2}>{t("menu.recordings")}</Typography.Title>
      <Loaded query={calls}>
        {(rows) => (
          <Table
            aria-label={t("menu.recordings")}
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: "max-content", y: 560 }}
            dataSource={rows}
            columns={[
              { title: t("lead.created"), dataIndex: "started_at", render: when },
              { title: t("lead.phone"), dataIndex: "customer_phone" },
              { title: t("lead.owner"), dataIndex: "agent_user" },
              { title: t("calls.direction"), dataIndex: "direction" },
              { title: t("calls.talk"), dataIndex: "talk_seconds" },
              {
                title: "",
                key: "listen",
                render: (_: unknown, call) => (
                  <Button size="small" onClick={() => setOpen(call)}>
                    {t("qa.listen")}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Loaded>
      <Drawer open={!!open} onClose={() => setOpen(undefined)} title={open ? `${open.customer_phone} · ${when(open.started_at)}` : ""} width={Math.min(560, window.innerWidth)} destroyOnHidden>
        {open && <Review call={open} />}
      </Drawer>
    </>
  );
}

function Review({ call }: { call: Call }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const player = useRef<HTMLAudioElement>(null);
  const [form] = Form.useForm<{ scores: Record<string, number>; comment: string }>();
  const [remark, setRemark] = useState("");
  const key = ["call-reviews", call.id];
  const reviews = useQuery({ queryKey: key, queryFn: () => data(callCenter.GET("/calls/{call_id}/reviews", { params: { path: { call_id: call.id } } })) });
  const saved = (next: Reviews) => {
    queries.setQueryData(key, next);
    void message.success(t("qa.scored"));
  };
  const score = useMutation({
    mutationFn: (values: { scores: Record<string, number>; comment: string }) =>
      data(callCenter.POST("/calls/{call_id}/reviews", { params: { path: { call_id: call.id } }, body: { scores: values.scores, comment: values.comment ?? "" } })),
    onSuccess: saved,
    onError: (error) => report(error, form),
  });
  const comment = useMutation({
    mutationFn: () =>
      data(
        callCenter.POST("/calls/{call_id}/comments", {
          params: { path: { call_id: call.id } },
          body: { text: remark, at_second: player.current ? Math.floor(player.current.currentTime) : null },
        }),
      ),
    onSuccess: (next) => {
      setRemark("");
      saved(next);
    },
    onError: (error) => report(error),
  });
  const zh = i18n.language === "zh-CN";
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <audio ref={player} controls preload="metadata" src={`/api/call-center/calls/${call.id}/recording`} aria-label={t("calls.recording")} style={{ width: "100%" }} />
      <Loaded query={reviews}>
        {(r) => (
          <>
            <Card size="small" title={t("qa.form")}>
              <Form form={form} layout="horizontal" labelCol={{ span: 14 }} onFinish={(values) => score.mutate(values)}>
                {r.form.map((item) => (
                  <Form.Item key={item.name} name={["scores", item.name]} label={`${zh ? item.label_zh : item.label} (0–${item.points})`} rules={[{ required: true }]} initialValue={item.points}>
                    <InputNumber min={0} max={item.points} />
                  </Form.Item>
                ))}
                <Form.Item name="comment" label={t("qa.comment")} labelCol={{ span: 24 }}>
                  <Input.TextArea rows={2} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={score.isPending}>
                  {t("qa.submit")}
                </Button>
              </Form>
            </Card>
            <Card size="small" title={`${t("qa.reviews")}${r.average_total !== null ? ` · ${t("qa.average")} ${r.average_total}` : ""}`}>
              <List
                size="small"
                dataSource={r.reviews}
                renderItem={(review) => (
                  <List.Item className="qa-review">
                    {review.reviewer}: <strong>{review.total}</strong> {review.comment}
                  </List.Item>
                )}
              />
            </Card>
            <Card size="small" title={t("qa.comments")}>
              <ListCut cut={r.comments_truncated} shown={r.comments.length} />
              <List
                size="small"
                dataSource={r.comments}
                renderItem={(c) => (
                  <List.Item className="qa-comment">
                    {c.at_second !== null ? `[${clock(c.at_second)}] ` : ""}
                    {c.author}: {c.text}
                  </List.Item>
                )}
              />
              <Space.Compact style={{ width: "100%", marginTop: 8 }}>
                <Input aria-label={t("qa.comments")} value={remark} onChange={(e) => setRemark(e.target.value)} />
                <Button onClick={() => comment.mutate()} disabled={!remark} loading={comment.isPending}>
                  {t("qa.addComment")}
                </Button>
              </Space.Compact>
            </Card>
          </>
        )}
      </Loaded>
    </Space>
  );
}
