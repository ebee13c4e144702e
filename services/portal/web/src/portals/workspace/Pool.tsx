import { useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Input, InputNumber, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { data, leads } from "../../api/client";
import type { components, paths } from "../../api/generated/leads";
import { Loaded, useFailureReport } from "../../components/feedback";
import { PagedTable } from "../../components/PagedTable";
import { gradeLabel, sourceLabel, when } from "./labels";
import { ScoreTag } from "./Score";
import { usePools } from "../shared/pools";

type PooledLead = components["schemas"]["PooledLead"];
type PoolQuery = NonNullable<paths["/pools/{pool_id}/leads"]["get"]["parameters"]["query"]>;
type Filters = Pick<PoolQuery, "source" | "grade" | "vehicle_interest" | "min_age_days" | "max_age_days" | "sort">;

const SOURCES: NonNullable<PoolQuery["source"]> = ["campaign", "campaign_form", "oem_website", "referral", "flyer", "walk_in", "phone", "web"];
const GRADES = ["ready_to_buy", "intent", "potential", "H", "A", "B", "C", "N"];
const ORDERS: NonNullable<PoolQuery["sort"]>[] = ["recently_released", "newest", "oldest", "grade", "score", "region", "vehicle_interest", "source"];

export default function Pool() {
  const { t } = useTranslation();
  const pools = usePools();
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
                <PoolLeads key={pool.id} poolId={pool.id} />
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
  const [filters, setFilters] = useState<Filters>({ sort: "recently_released" });
  const filter = (change: Partial<Filters>) => setFilters((current) => ({ ...current, ...change }));

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
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          mode="multiple"
          allowClear
          aria-label={t("lead.source")}
          placeholder={t("lead.source")}
          style={{ minWidth: 160 }}
          value={filters.source ?? []}
          onChange={(source) => filter({ source: source.length ? source : undefined })}
          options={SOURCES.map((s) => ({ value: s, label: sourceLabel(t, s) }))}
        />
        <Select
          mode="multiple"
          allowClear
          aria-label={t("lead.grade")}
          placeholder={t("lead.grade")}
          style={{ minWidth: 140 }}
          value={filters.grade ?? []}
          onChange={(grade) => filter({ grade: grade.length ? grade : undefined })}
          options={GRADES.map((g) => ({ value: g, label: gradeLabel(t, g) }))}
        />
        <Input.Search
          allowClear
          aria-label={t("lead.interest")}
          placeholder={t("lead.interest")}
          style={{ width: 180 }}
          onSearch={(words) => filter({ vehicle_interest: words.trim() || undefined })}
        />
        <InputNumber min={0} max={3650} aria-label={t("pool.minAge")} placeholder={t("pool.minAge")} value={filters.min_age_days} onChange={(v) => filter({ min_age_days: v ?? undefined })} />
        <InputNumber min={0} max={3650} aria-label={t("pool.maxAge")} placeholder={t("pool.maxAge")} value={filters.max_age_days} onChange={(v) => filter({ max_age_days: v ?? undefined })} />
        <Select
          aria-label={t("pool.sort")}
          style={{ minWidth: 150 }}
          value={filters.sort}
          onChange={(sort) => filter({ sort })}
          options={ORDERS.map((o) => ({ value: o, label: t(`pool.order.${o}`) }))}
        />
      </Space>
      <PagedTable<PooledLead>
        // A new filter starts again from the first page.
        key={JSON.stringify(filters)}
        label={t("menu.pool")}
        queryKey={["pool", poolId, filters]}
        fetchPage={(limit, offset) =>
          data(leads.GET("/pools/{pool_id}/leads", { params: { path: { pool_id: poolId }, query: { limit, offset, ...filters } } }))
        }
        columns={[
          { title: t("lead.customer"), dataIndex: "customer_name" },
          { title: t("lead.phone"), dataIndex: "phone" },
          { title: t("lead.grade"), dataIndex: "grade", render: (g: string | null) => gradeLabel(t, g) },
          { title: t("lead.score"), dataIndex: "score", render: (_: unknown, lead) => <ScoreTag score={lead.score} /> },
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
    </>
  );
}
