import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { data, serviceDesk } from "../../api/client";
import type { components } from "../../api/generated/service-desk";
import { makerMayAnswer, type ClaimStatus } from "../service/afterSales";
import { when } from "../workspace/labels";
import { PartnerQueue } from "./PartnerQueue";

type Claim = components["schemas"]["PartsClaimPublic"];
type Answer = components["schemas"]["PartsClaimAnswer"]["status"];
const FILTERS: ClaimStatus[] = ["filed", "more_information", "accepted", "rejected"];
const ANSWERS: Answer[] = ["accepted", "rejected", "more_information"];

/** A parts maker's claims (零部件索赔): those naming it (the ticket's number, VIN and subject,
 * never the customer); it accepts, rejects or asks for more information, once per filing. */
export default function PartsClaims() {
  const { t } = useTranslation();
  return (
    <PartnerQueue<Claim, ClaimStatus, Answer>
      title={t("desk.menu.claims")}
      queryKey="partner-claims"
      statuses={FILTERS.map((s) => ({ value: s, label: t(`desk.claim.status.${s}`) }))}
      initialStatus="filed"
      fetchPage={(status, limit, offset) => data(serviceDesk.GET("/partner/parts-claims", { params: { query: { status, limit, offset } } }))}
      columns={[
        { title: t("desk.claim.part"), dataIndex: "part_number" },
        { title: t("desk.claim.quantity"), dataIndex: "quantity" },
        { title: t("desk.claim.ticket"), dataIndex: "number" },
        { title: t("ticket.subject"), dataIndex: "subject" },
        { title: "VIN", dataIndex: "vin" },
        { title: t("desk.job.dealer"), dataIndex: "dealer_id" },
        { title: t("opp.status"), dataIndex: "status", render: (s: string) => <Tag data-claim-status={s}>{t(`desk.claim.status.${s}`)}</Tag> },
        { title: t("lead.created"), dataIndex: "filed_at", render: when },
      ]}
      openLabel={t("desk.job.open")}
      openAriaLabel={(c) => `${t("desk.job.open")} ${c.part_number}`}
      drawerTitle={(c) => `${t("desk.claim.title")} · ${c.part_number}`}
      drawerWidth={520}
      details={(c) => [
        { key: "part", label: t("desk.claim.part"), children: `${c.part_number} × ${c.quantity}` },
        { key: "status", label: t("opp.status"), children: <span data-claim-status={c.status}>{t(`desk.claim.status.${c.status}`)}</span> },
        { key: "description", label: t("desk.claim.description"), children: <span style={{ whiteSpace: "pre-wrap" }}>{c.description}</span> },
        { key: "ticket", label: t("desk.claim.ticket"), children: `${c.number} · ${c.subject}` },
        { key: "vin", label: "VIN", children: c.vin },
        { key: "dealer", label: t("desk.job.dealer"), children: c.dealer_id },
        ...(c.answer ? [{ key: "answer", label: t("desk.claim.answer"), children: c.answer }] : []),
      ]}
      steps={(c) => (makerMayAnswer(c.status) ? ANSWERS.map((to) => ({ to, label: t(`desk.claim.step.${to}`), primary: to === "accepted", danger: to === "rejected" })) : [])}
      noteLabel={t("desk.claim.answer")}
      move={(c, to, answer) => data(serviceDesk.POST("/partner/parts-claims/{claim_id}/answer", { params: { path: { claim_id: c.id } }, body: { status: to, answer } }))}
      moved={() => t("desk.claim.answered")}
    />
  );
}
