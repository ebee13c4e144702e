import { useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { data, leads } from "../../api/client";
import type { components } from "../../api/generated/leads";
import { Loaded, useFailureReport } from "../../components/feedback";
import { PagedTable } from "../../components/PagedTable";
import { useUsers } from "../shared/directory";
import { gradeLabel, sourceLabel, when } from "../workspace/labels";
import { usePools } from "../shared/pools";

type PooledLead = components["schemas"]["PooledLead"];

/** The dealer's pool, each lead assignable to a consultant of the dealer. */
export default function AssignLeads() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const pools = usePools();
  const users = useUsers();
  const consultants = (users.data ?? []).filter((u) => u.active && u.roles.includes("sales_consultant"));

  async function assign(lead: PooledLead, userId: string) {
    try {
      await data(leads.POST("/leads/{lead_id}/assign", { params: { path: { lead_id: lead.id } }, body: { user_id: userId } }));
      void message.success(t("lead.assigned"));
      await queries.invalidateQueries({ queryKey: ["pool"] });
    } catch (error) {
      report(error);
    }
  }

  return (
    <>
      <Typography.Title level={2}>{t("menu.assign")}</Typography.Title>
      <Loaded query={pools}>
        {(list) => {
          const pool = list.find((p) => p.is_default) ?? list[0];
          if (!pool) return null;
          return (
            <PagedTable<PooledLead>
              label={t("menu.assign")}
              queryKey={["pool", pool.id]}
              fetchPage={(limit, offset) =>
                data(leads.GET("/pools/{pool_id}/leads", { params: { path: { pool_id: pool.id }, query: { limit, offset } } }))
              }
              columns={[
                { title: t("lead.customer"), dataIndex: "customer_name" },
                { title: t("lead.phone"), dataIndex: "phone" },
                { title: t("lead.grade"), dataIndex: "grade", render: (g: string | null) => gradeLabel(t, g) },
                { title: t("lead.source"), dataIndex: "source", render: (s: string) => sourceLabel(t, s) },
                { title: t("lead.created"), dataIndex: "created_at", render: when },
                {
                  title: t("lead.assignTo"),
                  key: "assign",
                  render: (_: unknown, lead) => (
                    <Select
                      size="small"
                      aria-label={`${t("lead.assignTo")} ${lead.customer_name}`}
                      placeholder={t("lead.assignTo")}
                      style={{ minWidth: 160 }}
                      value={null}
                      onChange={(userId: string) => void assign(lead, userId)}
                      options={consultants.map((u) => ({ value: u.id, label: u.display_name }))}
                    />
                  ),
                },
              ]}
            />
          );
        }}
      </Loaded>
    </>
  );
}
