import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Card, List, Space, Tag, Typography } from "antd";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { data, serviceDesk, uploadFile } from "../../api/client";
import type { components } from "../../api/generated/service-desk";
import { Loaded, useFailureReport } from "../../components/feedback";
import { useSession } from "../../session";
import { fetchTicketAttachments } from "../shared/wholeLists";
import { ATTACHMENT_TYPES, attachmentOf } from "./afterSales";
import { worksOn } from "./ticketWork";

type Ticket = components["schemas"]["TicketPublic"];
type Attachment = components["schemas"]["AttachmentPublic"];

/** What after-sales knows about a ticket: whether a service agreement covers its work (and
 * why not), knowledge-base articles like it (most shared words first), and its files (those
 * who work the ticket add more). */
export default function TicketAfterSales({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const session = useSession();
  const path = { params: { path: { ticket_id: ticket.id } } };
  const coverage = useQuery({
    queryKey: ["ticket", ticket.id, "coverage"],
    queryFn: () => data(serviceDesk.GET("/tickets/{ticket_id}/coverage", path)),
  });
  const text = `${ticket.subject} ${ticket.description}`.slice(0, 2000);
  const articles = useQuery({
    queryKey: ["knowledge", "suggestions", text],
    queryFn: () => data(serviceDesk.GET("/knowledge-articles/suggestions", { params: { query: { text } } })),
  });
  const files = useQuery({
    queryKey: ["ticket", ticket.id, "attachments"],
    queryFn: () => fetchTicketAttachments(ticket.id),
  });
  return (
    <Card title={t("afterSales.title")} style={{ marginTop: 16 }}>
      <Space direction="vertical" style={{ width: "100%" }}>
        <Loaded query={coverage}>
          {(found) => (
            <div data-coverage={found.covered ? "covered" : "not-covered"}>
              <Tag className={found.covered ? "sla-tag sla-on-track" : "sla-tag sla-due-soon"}>
                {found.covered ? t("afterSales.covered") : t("afterSales.notCovered")}
              </Tag>
              <Typography.Text type="secondary">{found.reason}</Typography.Text>
            </div>
          )}
        </Loaded>
        <Typography.Text strong>{t("afterSales.articles")}</Typography.Text>
        <Loaded query={articles}>
          {(list) => (
            <List
              aria-label={t("afterSales.articles")}
              size="small"
              locale={{ emptyText: t("afterSales.noArticles") }}
              dataSource={list}
              renderItem={(article) => (
                <List.Item data-article={article.id}>
                  <Space direction="vertical" size={0}>
                    <Typography.Text>{article.title}</Typography.Text>
                    <Typography.Text type="secondary" style={{ whiteSpace: "pre-wrap" }}>
                      {article.solution}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Loaded>
        <Typography.Text strong>{t("afterSales.files")}</Typography.Text>
        {worksOn(session, ticket) && ticket.status !== "merged" && <FileUpload ticketId={ticket.id} />}
        <Loaded query={files}>
          {(list) => (
            <List
              aria-label={t("afterSales.files")}
              size="small"
              locale={{ emptyText: t("afterSales.noFiles") }}
              dataSource={list}
              renderItem={(file) => (
                <List.Item data-attachment={file.id}>
                  {/* Underlined: a link beside text must not be told apart by its colour only. */}
                  <a href={`/api/service-desk/attachments/${file.id}`} download={file.filename} style={{ textDecoration: "underline" }}>
                    {file.filename}
                  </a>{" "}
                  <Typography.Text type="secondary">
                    {file.media_type} · {Math.max(1, Math.round(file.size / 1024))} KB
                  </Typography.Text>
                </List.Item>
              )}
            />
          )}
        </Loaded>
      </Space>
    </Card>
  );
}

/** A native file input (screen readers and keyboards know it): the file is checked here for
 * type and size, then sent as it is through the BFF; the service checks it again. */
function FileUpload({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: ({ file, mediaType }: { file: File; mediaType: string }) =>
      uploadFile<Attachment>("service-desk", `/tickets/${ticketId}/attachments`, { filename: file.name }, file, mediaType),
    onSuccess: async (attachment) => {
      void message.success(t("desk.files.uploaded", { name: attachment.filename }));
      await queries.invalidateQueries({ queryKey: ["ticket", ticketId] });
    },
    onError: (error) => report(error),
    onSettled: () => {
      if (input.current) input.current.value = "";
    },
  });
  return (
    <label>
      {t("desk.files.upload")}{" "}
      <input
        ref={input}
        type="file"
        name="attachment"
        accept={ATTACHMENT_TYPES.join(",") + ",.heic,.log"}
        disabled={upload.isPending}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (!file) return;
          const check = attachmentOf(file);
          if (!check.ok) {
            void message.error(t(`desk.files.${check.problem}`));
            event.target.value = "";
            return;
          }
          upload.mutate({ file, mediaType: check.mediaType });
        }}
      />
    </label>
  );
}
