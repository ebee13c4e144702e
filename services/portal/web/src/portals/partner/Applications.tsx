import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { data, opportunities } from "../../api/client";
import type { components } from "../../api/generated/opportunities";
import { when } from "../workspace/labels";
import { PartnerQueue } from "./PartnerQueue";

type Application = components["schemas"]["PartnerApplicationPublic"];
type Status = components["schemas"]["ApplicationStatus"];
const FILTERS = ["submitted", "approved", "declined"] as const;

/** The partner's queue: the applications naming it, the customer masked unless the dealer's
 * agreement with the partner says full; approve or decline with a note. */
export default function Applications() {
  const { t } = useTranslation();
  return (
    <PartnerQueue<Application, Status, Status>
      title={t("menu.applications")}
      queryKey="applications"
      statuses={FILTERS.map((s) => ({ value: s, label: t(`partner.${s}`) }))}
      initialStatus="submitted"
      fetchPage={(status, limit, offset) => data(opportunities.GET("/partner/applications", { params: { query: { status, limit, offset } } }))}
      columns={[
        { title: t("partner.product"), dataIndex: "description" },
        { title: t("lead.customer"), dataIndex: "customer_name" },
        { title: t("partner.vehicle"), dataIndex: "vehicle" },
        { title: t("opp.amount"), dataIndex: "amount", render: (v: string) => `¥${v}` },
        { title: t("opp.status"), dataIndex: "status", render: (s: string) => <Tag>{t(`partner.${s}`)}</Tag> },
        { title: t("lead.created"), dataIndex: "created_at", render: when },
      ]}
      openLabel={t("lead.open")}
      drawerTitle={(a) => `${t("partner.application")} · ${a.product_code}`}
      drawerWidth={480}
      details={(a) => [
        { key: "product", label: t("partner.product"), children: a.description },
        { key: "customer", label: t("lead.customer"), children: a.customer_name },
        { key: "phone", label: t("lead.phone"), children: a.phone },
        { key: "vehicle", label: t("partner.vehicle"), children: a.vehicle },
        { key: "quote", label: t("partner.quoteTotal"), children: `¥${a.quote_total}` },
        { key: "amount", label: t("opp.amount"), children: `¥${a.amount}` },
        { key: "status", label: t("opp.status"), children: t(`partner.${a.status}`) },
      ]}
      steps={(a) =>
        a.status === "submitted"
          ? [
              { to: "approved", label: t("partner.approve"), primary: true },
              { to: "declined", label: t("partner.decline"), danger: true },
            ]
          : []
      }
      noteLabel={t("partner.note")}
      move={(a, to, note) => data(opportunities.POST("/partner/applications/{application_id}/status", { params: { path: { application_id: a.id } }, body: { status: to, note } }))}
      moved={(a) => t(`partner.${a.status}`)}
      closeOnMove
    />
  );
}
