import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Descriptions, Drawer, Input, Segmented, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, serviceDesk } from "../../api/client";
import type { components } from "../../api/generated/service-desk";
import { useFailureReport } from "../../components/feedback";
import { PagedTable } from "../../components/PagedTable";
import { makerMayAnswer, type ClaimStatus } from "../service/afterSales";
import { when } from "../workspace/labels";

type Claim = components["schemas"]["PartsClaimPublic"];
type Answer = components["schemas"]["PartsClaimAnswer"]["status"];
const FILTERS: ClaimStatus[] = ["filed", "more_information", "accepted", "rejected"];
const ANSWERS: Answer[] = ["accepted", "rejected", "more_information"];

/** A parts maker's claims (零部件索赔): those naming it (the ticket's number, VIN and subject,
 * never the customer); it accepts, rejects or asks for more information, once per filing. */
export default function PartsClaims() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [status, setStatus] = useState<ClaimStatus>("filed");
  const [open, setOpen] = useState<Claim>();
  const [answer, setAnswer] = useState("");
  const decide = useMutation({
    mutationFn: ({ id, to }: { id: string; to: Answer }) =>
      data(serviceDesk.POST("/partner/parts-claims/{claim_id}/answer", { params: { path: { claim_id: id } }, body: { status: to, answer: answer || null } })),
    onSuccess: async (claim) => {
      void message.success(t("desk.claim.answered"));
      setOpen(claim);
      setAnswer("");
      await queries.invalidateQueries({ queryKey: ["partner-claims"] });
    },
    onError: (error) => report(error),
  });
  return (
    <>
      <Typography.Title level={2}>{t("desk.menu.claims")}</Typography.Title>
      <Segmented<ClaimStatus>
        aria-label={t("opp.status")}
        value={status}
        onChange={setStatus}
        options={FILTERS.map((s) => ({ value: s, label: t(`desk.claim.status.${s}`) }))}
        style={{ marginBottom: 12 }}
      />
      <PagedTable<Claim>
        label={t("desk.menu.claims")}
        queryKey={["partner-claims", status]}
        fetchPage={(limit, offset) => data(serviceDesk.GET("/partner/parts-claims", { params: { query: { status, limit, offset } } }))}
        columns={[
          { title: t("desk.claim.part"), dataIndex: "part_number" },
          { title: t("desk.claim.quantity"), dataIndex: "quantity" },
          { title: t("desk.claim.ticket"), dataIndex: "number" },
          { title: t("ticket.subject"), dataIndex: "subject" },
          { title: "VIN", dataIndex: "vin" },
          { title: t("desk.job.dealer"), dataIndex: "dealer_id" },
          { title: t("opp.status"), dataIndex: "status", render: (s: string) => <Tag data-claim-status={s}>{t(`desk.claim.status.${s}`)}</Tag> },
          { title: t("lead.created"), dataIndex: "filed_at", render: when },
          {
            title: "",
            key: "open",
            render: (_: unknown, c) => (
              <Button size="small" onClick={() => setOpen(c)} aria-label={`${t("desk.job.open")} ${c.part_number}`}>
                {t("desk.job.open")}
              </Button>
            ),
          },
        ]}
      />
      <Drawer open={!!open} onClose={() => setOpen(undefined)} title={open ? `${t("desk.claim.title")} · ${open.part_number}` : ""} width={Math.min(520, window.innerWidth)}>
        {open && (
          <>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t("desk.claim.part")}>
                {open.part_number} × {open.quantity}
              </Descriptions.Item>
              <Descriptions.Item label={t("opp.status")}>
                <span data-claim-status={open.status}>{t(`desk.claim.status.${open.status}`)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("desk.claim.description")}>
                <span style={{ whiteSpace: "pre-wrap" }}>{open.description}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("desk.claim.ticket")}>
                {open.number} · {open.subject}
              </Descriptions.Item>
              <Descriptions.Item label="VIN">{open.vin}</Descriptions.Item>
              <Descriptions.Item label={t("desk.job.dealer")}>{open.dealer_id}</Descriptions.Item>
              {open.answer && <Descriptions.Item label={t("desk.claim.answer")}>{open.answer}</Descriptions.Item>}
            </Descriptions>
            {makerMayAnswer(open.status) && (
              <Space direction="vertical" style={{ width: "100%", marginTop: 12 }}>
                <Input.TextArea aria-label={t("desk.claim.answer")} placeholder={t("desk.claim.answer")} value={answer} onChange={(e) => setAnswer(e.target.value)} />
                <Space wrap>
                  {ANSWERS.map((to) => (
                    <Button key={to} type={to === "accepted" ? "primary" : "default"} danger={to === "rejected"} loading={decide.isPending} onClick={() => decide.mutate({ id: open.id, to })}>
                      {t(`desk.claim.step.${to}`)}
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
