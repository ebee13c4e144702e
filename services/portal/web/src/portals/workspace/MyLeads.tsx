import { Button, Segmented, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { data, leads } from "../../api/client";
import type { components } from "../../api/generated/leads";
import { PagedTable } from "../../components/PagedTable";
import { gradeLabel, sourceLabel, when } from "./labels";
import { ScoreTag } from "./Score";

type Lead = components["schemas"]["ScoredLead"];
type Order = "newest" | "score";

/** Due first: the oldest due date on top, leads without one after them. */
export function dueFirst(rows: Lead[]): Lead[] {
  const due = (l: Lead) => (l.next_follow_up_due ? Date.parse(l.next_follow_up_due) : Infinity);
  return [...rows].sort((a, b) => due(a) - due(b));
}

export function dueToday(lead: Lead, now = new Date()): boolean {
  if (!lead.next_follow_up_due) return false;
  const endOfToday = new Date(now);
  endOfToday.setHours(23, 59, 59, 999);
  return Date.parse(lead.next_follow_up_due) <= endOfToday.getTime();
}

export default function MyLeads() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [order, setOrder] = useState<Order>("newest");
  return (
    <>
      <Typography.Title level={2}>{t("menu.myLeads")}</Typography.Title>
      <Segmented<Order>
        aria-label={t("pool.sort")}
        style={{ marginBottom: 12 }}
        value={order}
        onChange={setOrder}
        options={[
          { value: "newest", label: t("lead.sortNewest") },
          { value: "score", label: t("lead.sortScore") },
        ]}
      />
      <PagedTable<Lead>
        key={order}
        label={t("menu.myLeads")}
        queryKey={["leads", "mine", order]}
        fetchPage={(limit, offset) =>
          data(leads.GET("/leads", { params: { query: { status: "open", sort: order, limit, offset } } }))
        }
        // By score the server's order stands; otherwise what is due comes first.
        sort={order === "score" ? undefined : dueFirst}
        columns={[
          {
            title: t("lead.customer"),
            dataIndex: "customer_name",
            render: (name: string, lead) => <Link to={`/workspace/leads/${lead.id}`}>{name}</Link>,
          },
          { title: t("lead.phone"), dataIndex: "phone" },
          { title: t("lead.grade"), dataIndex: "grade", render: (g: string | null) => gradeLabel(t, g) },
          // Not on a phone: the row would outgrow the screen (the order by score still holds).
          {
            title: t("lead.score"),
            dataIndex: "score",
            responsive: ["sm"],
            render: (_: unknown, lead) => <ScoreTag score={lead.score} />,
          },
          {
            title: t("lead.due"),
            dataIndex: "next_follow_up_due",
            render: (d: string | null, lead) =>
              dueToday(lead) ? <Tag color="red">{t("lead.dueToday")}</Tag> : when(d),
          },
          { title: t("lead.source"), dataIndex: "source", render: (s: string) => sourceLabel(t, s) },
          { title: t("lead.interest"), dataIndex: "vehicle_interest" },
          {
            title: "",
            key: "open",
            render: (_: unknown, lead) => (
              <Button size="small" onClick={() => navigate(`/workspace/leads/${lead.id}`)}>
                {t("lead.open")}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
