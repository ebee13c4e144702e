import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { data, leads } from "../../api/client";
import type { components } from "../../api/generated/leads";
import { Loaded, useFailureReport } from "../../components/feedback";
import { PagedTable } from "../../components/PagedTable";
import { gradeLabel, sourceLabel, when } from "./labels";

type PooledLead = components["schemas"]["PooledLead"];

export default function Pool() {
  const { t } = useTranslation();
  const pools = useQuery({ queryKey: ["pools"], queryFn: () => data(leads.GET("/pools")) });
  const [chosen, setChosen] = useState<string>();
  return (
    <>
      <Typography.Title level={2}>{t("menu.pool")}</Typography.Title>
      <Loaded query={pools}>
        {(list) => {
          const pool = list.find((p) => p.id === chosen) ?? list.find((p) => p.is_default) ?? list[0];
          if (!pool) return null;
          return (
            <>
              {list.length > 1 && (
                <Select
                  aria-label={t("pool.name")}
                  value={pool.id}
                  onChange={setChosen}
                  options={list.map((p) => ({ value: p.id, label: p.name }))}
                  style={{ marginBottom: 12, minWidth: 200 }}
                />
              )}
              <PoolLeads poolId={pool.id} />
            </>
          );
        }}
      </Loaded>
    </>
  );
}

function PoolLeads({ poolId }: { poolId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [claiming, setClaiming] = useState<string>();

  async function claim(lead: PooledLead) {
    setClaiming(lead.id);
    try {
      const { response, error } = await leads.POST("/leads/{lead_id}/claim", {
        params: { path: { lead_id: lead.id } },
      });
      if (response.status === 202) {
        // Blind release: the lead goes by lottery among those who ask during its window.
        void message.info(t("lead.inTheDraw"));
      } else if (response.ok) {
        void message.success(t("lead.claimed"));
        await queries.invalidateQueries({ queryKey: ["leads"] });
        navigate(`/workspace/leads/${lead.id}`);
      } else {
        await data(Promise.resolve({ response, error }));
      }
    } catch (failure) {
      report(failure);
      await queries.invalidateQueries({ queryKey: ["pool", poolId] });
    } finally {
      setClaiming(undefined);
    }
  }

  return (
    <PagedTable<PooledLead>
      label={t("menu.pool")}
      queryKey={["pool", poolId]}
      fetchPage={(limit, offset) =>
        data(leads.GET("/pools/{pool_id}/leads", { params: { path: { pool_id: poolId }, query: { limit, offset } } }))
      }
      columns={[
        { title: t("lead.customer"), dataIndex: "customer_name" },
        { title: t("lead.phone"), dataIndex: "phone" },
        { title: t("lead.grade"), dataIndex: "grade", render: (g: string | null) => gradeLabel(t, g) },
        { title: t("lead.source"), dataIndex: "source", render: (s: string) => sourceLabel(t, s) },
        { title: t("lead.interest"), dataIndex: "vehicle_interest" },
        { title: t("lead.released"), dataIndex: "released_at", render: when },
        {
          title: "",
          key: "claim",
          render: (_: unknown, lead) => (
            <Space>
              <Button type="primary" size="small" loading={claiming === lead.id} onClick={() => void claim(lead)}>
                {t("lead.claim")}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}
