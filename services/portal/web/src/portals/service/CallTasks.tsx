import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Drawer, Input, Segmented, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { callCenter, data } from "../../api/client";
import type { components } from "../../api/generated/call-center";
import { useFailureReport } from "../../components/feedback";
import { PagedTable } from "../../components/PagedTable";
import { can, useSession } from "../../session";
import { useOwnerName } from "../shared/directory";
import { when } from "../workspace/labels";

type Task = components["schemas"]["CallTaskPublic"];
type Status = "open" | "cancel_requested" | "cleared" | "cancelled";

/** Call tasks (the "renewal assistant"): due first, the task type's script, dial, request a
 * cancellation with a reason; a supervisor decides the requested cancellations (approve →
 * cancelled, reject → due today). A task is cleared only by a call with its disposition. */
export default function CallTasks() {
  const { t } = useTranslation();
  const session = useSession();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const reviewer = can(session, "call.review");
  const ownerName = useOwnerName();
  const [status, setStatus] = useState<Status>(reviewer ? "cancel_requested" : "open");
  const [open, setOpen] = useState<Task>();
  const [reason, setReason] = useState("");
  const done = async () => {
    void message.success(t("app.saved"));
    setOpen(undefined);
    setReason("");
    await queries.invalidateQueries({ queryKey: ["call-tasks"] });
  };
  const cancel = useMutation({
    mutationFn: (task: Task) => data(callCenter.POST("/call-tasks/{task_id}/cancellation", { params: { path: { task_id: task.id } }, body: { reason } })),
    onSuccess: done,
    onError: (error) => report(error),
  });
  const decide = useMutation({
    mutationFn: ({ task, approved }: { task: Task; approved: boolean }) =>
      data(callCenter.POST("/call-tasks/{task_id}/cancellation/decision", { params: { path: { task_id: task.id } }, body: { approved } })),
    onSuccess: done,
    onError: (error) => report(error),
  });
  const dial = useMutation({
    mutationFn: (task: Task) => data(callCenter.POST("/call-tasks/{task_id}/dial", { params: { path: { task_id: task.id } }, body: {} })),
    onSuccess: () => void message.success(t("service.dialled")),
    onError: (error) => report(error),
  });
  return (
    <>
      <Typography.Title level={2}>{t("menu.callTasks")}</Typography.Title>
      <Segmented<Status>
        aria-label={t("opp.status")}
        value={status}
        onChange={setStatus}
        options={(["open", "cancel_requested", "cleared", "cancelled"] as const).map((s) => ({ value: s, label: t(`taskStatus.${s}`) }))}
        style={{ marginBottom: 12 }}
      />
      <PagedTable<Task>
        label={t("menu.callTasks")}
        queryKey={["call-tasks", status]}
        fetchPage={(limit, offset) => data(callCenter.GET("/call-tasks", { params: { query: { status, limit, offset } } }))}
        sort={(rows) => [...rows].sort((a, b) => Date.parse(a.due_at) - Date.parse(b.due_at))}
        columns={[
          // A reviewer sees every agent's tasks: whose each is, by name.
          ...(reviewer ? [{ title: t("lead.owner"), dataIndex: "assignee", render: (a: string) => ownerName(a) }] : []),
          { title: t("lead.customer"), dataIndex: "customer_name" },
          { title: t("lead.phone"), dataIndex: "phone" },
          { title: t("callLists.kind"), dataIndex: "kind", render: (k: string) => t(`taskKind.${k}`, { defaultValue: k }) },
          { title: t("lead.due"), dataIndex: "due_at", render: (d: string, task) => (Date.parse(d) <= Date.now() ? <Tag color="red">{when(d)}</Tag> : when(task.due_at)) },
          { title: t("opp.status"), dataIndex: "status", render: (s: string, task) => `${t(`taskStatus.${s}`, { defaultValue: s })}${task.rejected ? " ↺" : ""}` },
          {
            title: "",
            key: "open",
            render: (_: unknown, task) => (
              <Button size="small" onClick={() => setOpen(task)}>
                {t("lead.open")}
              </Button>
            ),
          },
        ]}
      />
      <Drawer open={!!open} onClose={() => setOpen(undefined)} title={open?.customer_name} width={Math.min(480, window.innerWidth)}>
        {open && (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Typography.Paragraph>{open.script}</Typography.Paragraph>
            {open.cancel_reason && <Typography.Paragraph type="secondary">{open.cancel_reason}</Typography.Paragraph>}
            {open.status === "open" && can(session, "call.make") && (
              <>
                <Button type="primary" onClick={() => dial.mutate(open)} loading={dial.isPending}>
                  {t("service.dial")}
                </Button>
                <Input.TextArea aria-label={t("service.cancelReason")} placeholder={t("service.cancelReason")} value={reason} onChange={(e) => setReason(e.target.value)} />
                <Button onClick={() => cancel.mutate(open)} loading={cancel.isPending}>
                  {t("service.requestCancel")}
                </Button>
              </>
            )}
            {open.status === "cancel_requested" && reviewer && (
              <Space>
                <Button type="primary" onClick={() => decide.mutate({ task: open, approved: true })}>
                  {t("opp.approve")}
                </Button>
                <Button danger onClick={() => decide.mutate({ task: open, approved: false })}>
                  {t("opp.reject")}
                </Button>
              </Space>
            )}
          </Space>
        )}
      </Drawer>
    </>
  );
}
