import { useQuery } from "@tanstack/react-query";
import { Card, List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { data, serviceDesk } from "../../api/client";
import type { components } from "../../api/generated/service-desk";
import { Loaded } from "../../components/feedback";

type Ticket = components["schemas"]["TicketPublic"];

/** What after-sales knows about a ticket: whether a service agreement covers its work (and
 * why not), knowledge-base articles like it (most shared words first), and its files. */
export default function TicketAfterSales({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
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
    queryFn: () => data(serviceDesk.GET("/tickets/{ticket_id}/attachments", path)),
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
        <Loaded query={files}>
          {(list) => (
            <List
              aria-label={t("afterSales.files")}
              size="small"
              locale={{ emptyText: t("afterSales.noFiles") }}
              dataSource={list}
              renderItem={(file) => (
                <List.Item data-attachment={file.id}>
                  <a href={`/api/service-desk/attachments/${file.id}`} download={file.filename}>
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
