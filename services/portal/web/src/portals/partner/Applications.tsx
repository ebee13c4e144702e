import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Descriptions, Drawer, Input, Segmented, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, opportunities } from "../../api/client";
import type { components } from "../../api/generated/opportunities";
import { useFailureReport } from "../../components/feedback";
import { PagedTable } from "../../components/PagedTable";
import { when } from "../workspace/labels";

type Application = components["schemas"]["PartnerApplicationPublic"];
type Status = components["schemas"]["ApplicationStatus"];

/** The partner's queue: the applications naming it, the customer masked unless the dealer's
 * agreement with the partner says full; approve or decline with a note. */
export default function Applications() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [status, setStatus] = useState<Status>("submitted");
  const [open, setOpen] = useState<Application>();
  const [note, setNote] = useState("");
  const decide = useMutation({
    mutationFn: ({ id, to }: { id: string; to: Status }) =>
      data(opportunities.POST("/partner/applications/{application_id}/status", { params: { path: { application_id: id } }, body: { status: to, note: note || null } })),
    onSuccess: async (application) => {
      void message.success(t(`partner.${application.status}`));
      setOpen(undefined);
      setNote("");
      await queries.invalidateQueries({ queryKey: ["applications"] });
    },
    onError: (error) => report(error),
  });
  return (
    <>
      <Typography.Title level={2}>{t("menu.applications")}</Typography.Title>
      <Segmented<Status>
        aria-label={t("opp.status")}
        value={status}
        onChange={setStatus}
        options={(["submitted", "approved", "declined"] as const).map((s) => ({ value: s, label: t(`partner.${s}`) }))}
        style={{ marginBottom: 12 }}
      />
      <PagedTable<Application>
        label={t("menu.applications")}
        queryKey={["applications", status]}
        fetchPage={(limit, offset) => data(opportunities.GET("/partner/applications", { params: { query: { status, limit, offset } } }))}
        columns={[
          { title: t("partner.product"), dataIndex: "description" },
          { title: t("lead.customer"), dataIndex: "customer_name" },
          { title: t("partner.vehicle"), dataIndex: "vehicle" },
          { title: t("opp.amount"), dataIndex: "amount", render: (v: string) => `¥${v}` },
          { title: t("opp.status"), dataIndex: "status", render: (s: string) => <Tag>{t(`partner.${s}`)}</Tag> },
          { title: t("lead.created"), dataIndex: "created_at", render: when },
          {
            title: "",
            key: "open",
            render: (_: unknown, a) => (
              <Button size="small" onClick={() => setOpen(a)}>
                {t("lead.open")}
              </Button>
            ),
          },
        ]}
      />
      <Drawer open={!!open} onClose={() => setOpen(undefined)} title={open ? `${t("partner.application")} · ${open.product_code}` : ""} width={Math.min(480, window.innerWidth)}>
        {open && (
          <>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t("partner.product")}>{open.description}</Descriptions.Item>
              <Descriptions.Item label={t("lead.customer")}>{open.customer_name}</Descriptions.Item>
              <Descriptions.Item label={t("lead.phone")}>{open.phone}</Descriptions.Item>
              <Descriptions.Item label={t("partner.vehicle")}>{open.vehicle}</Descriptions.Item>
              <Descriptions.Item label={t("partner.quoteTotal")}>¥{open.quote_total}</Descriptions.Item>
              <Descriptions.Item label={t("opp.amount")}>¥{open.amount}</Descriptions.Item>
              <Descriptions.Item label={t("opp.status")}>{t(`partner.${open.status}`)}</Descriptions.Item>
            </Descriptions>
            {open.status === "submitted" && (
              <Space direction="vertical" style={{ width: "100%", marginTop: 12 }}>
                <Input.TextArea aria-label={t("partner.note")} placeholder={t("partner.note")} value={note} onChange={(e) => setNote(e.target.value)} />
                <Space>
                  <Button type="primary" loading={decide.isPending} onClick={() => decide.mutate({ id: open.id, to: "approved" })}>
                    {t("partner.approve")}
                  </Button>
                  <Button danger loading={decide.isPending} onClick={() => decide.mutate({ id: open.id, to: "declined" })}>
                    {t("partner.decline")}
                  </Button>
                </Space>
              </Space>
            )}
          </>
        )}
      </Drawer>
    </>
  );
}
