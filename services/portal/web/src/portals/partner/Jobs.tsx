import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Descriptions, Drawer, Input, Segmented, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, serviceDesk } from "../../api/client";
import type { components } from "../../api/generated/service-desk";
import { useFailureReport } from "../../components/feedback";
import { PagedTable } from "../../components/PagedTable";
import { partnerSteps, type PartnerStatus } from "../service/afterSales";
import { when } from "../workspace/labels";

type Job = components["schemas"]["PartnerJobPublic"];
const FILTERS = ["sent", "accepted", "in_progress", "done", "declined"] as const;

/** A repair or service partner's jobs: those dealers sent it (the customer masked unless the
 * dealer shares tickets with it in full); accept or decline one, then report it in progress
 * and done, with a note the dealer's staff read on the ticket. */
export default function Jobs() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [status, setStatus] = useState<PartnerStatus>("sent");
  const [open, setOpen] = useState<Job>();
  const [note, setNote] = useState("");
  const progress = useMutation({
    mutationFn: ({ id, to }: { id: string; to: PartnerStatus }) =>
      data(serviceDesk.POST("/partner/jobs/{ticket_id}/progress", { params: { path: { ticket_id: id } }, body: { status: to, note: note || null } })),
    onSuccess: async (job) => {
      void message.success(t("desk.job.progressSaved"));
      setOpen(job);
      setNote("");
      await queries.invalidateQueries({ queryKey: ["partner-jobs"] });
    },
    onError: (error) => report(error),
  });
  const steps = partnerSteps(open?.partner_status);
  return (
    <>
      <Typography.Title level={2}>{t("desk.menu.jobs")}</Typography.Title>
      <Segmented<PartnerStatus>
        aria-label={t("opp.status")}
        value={status}
        onChange={setStatus}
        options={FILTERS.map((s) => ({ value: s, label: t(`desk.job.status.${s}`) }))}
        style={{ marginBottom: 12 }}
      />
      <PagedTable<Job>
        label={t("desk.menu.jobs")}
        queryKey={["partner-jobs", status]}
        fetchPage={(limit, offset) => data(serviceDesk.GET("/partner/jobs", { params: { query: { status, limit, offset } } }))}
        columns={[
          { title: t("ticket.number"), dataIndex: "number" },
          { title: t("ticket.subject"), dataIndex: "subject" },
          { title: t("desk.job.dealer"), dataIndex: "dealer_id" },
          { title: t("ticket.vehicle"), key: "vehicle", render: (_: unknown, j) => [j.vehicle_model, j.vin].filter(Boolean).join(" · ") },
          { title: t("ticket.customer"), key: "customer", render: (_: unknown, j) => [j.customer_name, j.customer_phone].filter(Boolean).join(" · ") },
          { title: t("ticket.priority"), dataIndex: "priority", render: (p: string) => <Tag>{t(`priority.${p}`)}</Tag> },
          { title: t("opp.status"), dataIndex: "partner_status", render: (s: string | null) => <Tag data-job-status={s ?? ""}>{t(`desk.job.status.${s ?? "sent"}`)}</Tag> },
          { title: t("ticket.opened"), dataIndex: "opened_at", render: when },
          {
            title: "",
            key: "open",
            render: (_: unknown, j) => (
              <Button size="small" onClick={() => setOpen(j)} aria-label={`${t("desk.job.open")} ${j.number}`}>
                {t("desk.job.open")}
              </Button>
            ),
          },
        ]}
      />
      <Drawer open={!!open} onClose={() => setOpen(undefined)} title={open ? `${t("desk.job.title")} · ${open.number}` : ""} width={Math.min(520, window.innerWidth)}>
        {open && (
          <>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t("ticket.subject")}>{open.subject}</Descriptions.Item>
              <Descriptions.Item label={t("opp.status")}>
                <span data-job-status={open.partner_status ?? ""}>{t(`desk.job.status.${open.partner_status ?? "sent"}`)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("desk.job.dealer")}>{open.dealer_id}</Descriptions.Item>
              <Descriptions.Item label={t("desk.job.instructions")}>
                <span style={{ whiteSpace: "pre-wrap" }}>{open.instructions}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("desk.job.description")}>
                <span style={{ whiteSpace: "pre-wrap" }}>{open.description}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("ticket.vehicle")}>{[open.vehicle_model, open.vin].filter(Boolean).join(" · ")}</Descriptions.Item>
              <Descriptions.Item label={t("ticket.customer")}>{open.customer_name}</Descriptions.Item>
              <Descriptions.Item label={t("ticket.phone")}>{open.customer_phone}</Descriptions.Item>
              {open.appointment && <Descriptions.Item label={t("desk.job.appointment")}>{when(open.appointment.starts_at)}</Descriptions.Item>}
            </Descriptions>
            {steps.length > 0 && (
              <Space direction="vertical" style={{ width: "100%", marginTop: 12 }}>
                <Input.TextArea aria-label={t("desk.job.note")} placeholder={t("desk.job.note")} value={note} onChange={(e) => setNote(e.target.value)} />
                <Space wrap>
                  {steps.map((step) => (
                    <Button key={step} type={step === "declined" ? "default" : "primary"} danger={step === "declined"} loading={progress.isPending} onClick={() => progress.mutate({ id: open.id, to: step })}>
                      {t(`desk.job.step.${step}`)}
                    </Button>
                  ))}
                </Space>
              </Space>
            )}
          </>
        )}
      </Drawer>
    </>
  );
}
