import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Form, Input, InputNumber, List, Select, Space, Tag, Typography, type FormInstance } from "antd";
import { useTranslation } from "react-i18next";
import { data, serviceDesk } from "../../api/client";
import type { components } from "../../api/generated/service-desk";
import { Loaded, useFailureReport } from "../../components/feedback";
import { useSession } from "../../session";
import { usePartners } from "../shared/directory";
import { when } from "../workspace/labels";
import { worksOn } from "./ticketWork";
import { dealerMayRefile, maySendToPartner } from "./afterSales";

type Ticket = components["schemas"]["TicketPublic"];
type JobRequest = components["schemas"]["PartnerJobRequest"];
type ClaimIn = components["schemas"]["PartsClaimIn"];
type Claim = components["schemas"]["PartsClaimPublic"];

/** A command of this card: saved, then the ticket (its history, its partner's status) and
 * its claims read again; a 422 goes to the form's fields. */
function useCommand<V, R>(ticketId: string, call: (values: V) => Promise<R>, done: string, form?: FormInstance) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async () => {
      void message.success(t(done));
      form?.resetFields();
      await queries.invalidateQueries({ queryKey: ["ticket", ticketId] });
    },
    onError: (error) => report(error, form),
  });
}

/** The ticket's work outside the dealer: its job sent to a repair or service partner (and
 * where the partner has it), and the parts claims against the makers of faulty parts. */
export default function TicketPartners({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const session = useSession();
  const working = worksOn(session, ticket);
  const path = { params: { path: { ticket_id: ticket.id } } };
  const claims = useQuery({
    queryKey: ["ticket", ticket.id, "parts-claims"],
    queryFn: () => data(serviceDesk.GET("/tickets/{ticket_id}/parts-claims", path)),
  });
  // The partners hang outside the dealer's part of the org tree: identity names them.
  const repairers = usePartners("service", { enabled: working });
  const makers = usePartners("parts", { enabled: working });
  const partnerName = (id: string) => [...(repairers.data ?? []), ...(makers.data ?? [])].find((p) => p.id === id)?.name ?? id;
  const [jobForm] = Form.useForm<JobRequest>();
  const [claimForm] = Form.useForm<ClaimIn>();
  const send = useCommand(ticket.id, (body: JobRequest) => data(serviceDesk.POST("/tickets/{ticket_id}/partner-job", { ...path, body })), "desk.job.sent", jobForm);
  const file = useCommand(ticket.id, (body: ClaimIn) => data(serviceDesk.POST("/tickets/{ticket_id}/parts-claims", { ...path, body })), "desk.claim.filed_ok", claimForm);
  return (
    <Card title={t("desk.job.title")} style={{ marginTop: 16 }}>
      <Space direction="vertical" style={{ width: "100%" }}>
        <div data-partner-status={ticket.partner_status ?? "none"}>
          {ticket.partner_org ? (
            <Space wrap>
              <Typography.Text>{partnerName(ticket.partner_org)}</Typography.Text>
              <Tag className={ticket.partner_status === "declined" ? "sla-tag sla-due-soon" : "sla-tag sla-on-track"}>
                {t(`desk.job.status.${ticket.partner_status ?? "sent"}`)}
              </Tag>
            </Space>
          ) : (
            <Typography.Text type="secondary">{t("desk.job.none")}</Typography.Text>
          )}
        </div>
        {working && maySendToPartner(ticket) && (
          <Form<JobRequest> form={jobForm} name="partner-job" layout="vertical" onFinish={(v) => send.mutate(v)}>
            <Form.Item name="partner_org" label={t("desk.job.partner")} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                loading={repairers.isLoading}
                placeholder={t("desk.job.partnerHint")}
                options={(repairers.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              />
            </Form.Item>
            <Form.Item name="instructions" label={t("desk.job.instructions")}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button htmlType="submit" loading={send.isPending}>
              {t("desk.job.send")}
            </Button>
          </Form>
        )}
        <Typography.Text strong>{t("desk.claim.title")}</Typography.Text>
        <Loaded query={claims}>
          {(list) => (
            <List
              aria-label={t("desk.claim.title")}
              size="small"
              locale={{ emptyText: t("desk.claim.none") }}
              dataSource={list}
              renderItem={(claim) => <ClaimItem claim={claim} maker={partnerName(claim.partner_id)} ticketId={ticket.id} working={working} />}
            />
          )}
        </Loaded>
        {working && (
          <Form<ClaimIn> form={claimForm} name="parts-claim" layout="vertical" initialValues={{ quantity: 1 }} onFinish={(v) => file.mutate(v)}>
            <Space wrap align="start">
              <Form.Item name="partner_id" label={t("desk.claim.maker")} rules={[{ required: true }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  style={{ minWidth: 220 }}
                  loading={makers.isLoading}
                  placeholder={t("desk.claim.makerHint")}
                  options={(makers.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                />
              </Form.Item>
              <Form.Item name="part_number" label={t("desk.claim.part")} rules={[{ required: true }]}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="quantity" label={t("desk.claim.quantity")} rules={[{ required: true }]}>
                <InputNumber min={1} max={10000} />
              </Form.Item>
            </Space>
            <Form.Item name="description" label={t("desk.claim.description")}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button htmlType="submit" loading={file.isPending}>
              {t("desk.claim.file")}
            </Button>
          </Form>
        )}
      </Space>
    </Card>
  );
}

function ClaimItem({ claim, maker, ticketId, working }: { claim: Claim; maker: string; ticketId: string; working: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ information: string }>();
  const refile = useCommand(
    ticketId,
    (body: { information: string }) => data(serviceDesk.POST("/parts-claims/{claim_id}/refiling", { params: { path: { claim_id: claim.id } }, body })),
    "desk.claim.filed_ok",
    form,
  );
  return (
    <List.Item data-claim={claim.status}>
      <Space direction="vertical" size={2} style={{ width: "100%" }}>
        <Space wrap size="small">
          <Typography.Text>
            {claim.part_number} × {claim.quantity} · {maker}
          </Typography.Text>
          <Tag className={claim.status === "rejected" || claim.status === "more_information" ? "sla-tag sla-due-soon" : "sla-tag sla-on-track"}>{t(`desk.claim.status.${claim.status}`)}</Tag>
          <Typography.Text type="secondary">{when(claim.updated_at)}</Typography.Text>
        </Space>
        {claim.description && <Typography.Text type="secondary">{claim.description}</Typography.Text>}
        {claim.answer && (
          <Typography.Text>
            {t("desk.claim.answer")}: {claim.answer}
          </Typography.Text>
        )}
        {working && dealerMayRefile(claim.status) && (
          <Form form={form} name={`refile-${claim.id}`} layout="inline" onFinish={(v) => refile.mutate(v)}>
            <Form.Item name="information" label={t("desk.claim.information")} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Button htmlType="submit" loading={refile.isPending}>
              {t("desk.claim.refile")}
            </Button>
          </Form>
        )}
      </Space>
    </List.Item>
  );
}
