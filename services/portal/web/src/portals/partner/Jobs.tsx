import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { data, serviceDesk } from "../../api/client";
import type { components } from "../../api/generated/service-desk";
import { partnerSteps, type PartnerStatus } from "../service/afterSales";
import { when } from "../workspace/labels";
import { PartnerQueue } from "./PartnerQueue";

type Job = components["schemas"]["PartnerJobPublic"];
const FILTERS = ["sent", "accepted", "in_progress", "done", "declined"] as const;

/** A repair or service partner's jobs: those dealers sent it (the customer masked unless the
 * dealer shares tickets with it in full); accept or decline one, then report it in progress
 * and done, with a note the dealer's staff read on the ticket. */
export default function Jobs() {
  const { t } = useTranslation();
  const jobStatus = (s: PartnerStatus | null | undefined) => t(`desk.job.status.${s ?? "sent"}`);
  return (
    <PartnerQueue<Job, PartnerStatus, PartnerStatus>
      title={t("desk.menu.jobs")}
      queryKey="partner-jobs"
      statuses={FILTERS.map((s) => ({ value: s, label: t(`desk.job.status.${s}`) }))}
      initialStatus="sent"
      fetchPage={(status, limit, offset) => data(serviceDesk.GET("/partner/jobs", { params: { query: { status, limit, offset } } }))}
      columns={[
        { title: t("ticket.number"), dataIndex: "number" },
        { title: t("ticket.subject"), dataIndex: "subject" },
        { title: t("desk.job.dealer"), dataIndex: "dealer_id" },
        { title: t("ticket.vehicle"), key: "vehicle", render: (_: unknown, j) => [j.vehicle_model, j.vin].filter(Boolean).join(" · ") },
        { title: t("ticket.customer"), key: "customer", render: (_: unknown, j) => [j.customer_name, j.customer_phone].filter(Boolean).join(" · ") },
        { title: t("ticket.priority"), dataIndex: "priority", render: (p: string) => <Tag>{t(`priority.${p}`)}</Tag> },
        { title: t("opp.status"), dataIndex: "partner_status", render: (s: PartnerStatus | null) => <Tag data-job-status={s ?? ""}>{jobStatus(s)}</Tag> },
        { title: t("ticket.opened"), dataIndex: "opened_at", render: when },
      ]}
      openLabel={t("desk.job.open")}
      openAriaLabel={(j) => `${t("desk.job.open")} ${j.number}`}
      drawerTitle={(j) => `${t("desk.job.title")} · ${j.number}`}
      drawerWidth={520}
      details={(j) => [
        { key: "subject", label: t("ticket.subject"), children: j.subject },
        { key: "status", label: t("opp.status"), children: <span data-job-status={j.partner_status ?? ""}>{jobStatus(j.partner_status)}</span> },
        { key: "dealer", label: t("desk.job.dealer"), children: j.dealer_id },
        { key: "instructions", label: t("desk.job.instructions"), children: <span style={{ whiteSpace: "pre-wrap" }}>{j.instructions}</span> },
        { key: "description", label: t("desk.job.description"), children: <span style={{ whiteSpace: "pre-wrap" }}>{j.description}</span> },
        { key: "vehicle", label: t("ticket.vehicle"), children: [j.vehicle_model, j.vin].filter(Boolean).join(" · ") },
        { key: "customer", label: t("ticket.customer"), children: j.customer_name },
        { key: "phone", label: t("ticket.phone"), children: j.customer_phone },
        ...(j.appointment ? [{ key: "appointment", label: t("desk.job.appointment"), children: when(j.appointment.starts_at) }] : []),
      ]}
      steps={(j) => partnerSteps(j.partner_status).map((to) => ({ to, label: t(`desk.job.step.${to}`), primary: to !== "declined", danger: to === "declined" }))}
      noteLabel={t("desk.job.note")}
      move={(j, to, note) => data(serviceDesk.POST("/partner/jobs/{ticket_id}/progress", { params: { path: { ticket_id: j.id } }, body: { status: to, note } }))}
      moved={() => t("desk.job.progressSaved")}
    />
  );
}
