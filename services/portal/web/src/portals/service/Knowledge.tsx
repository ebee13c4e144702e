import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Form, Input, List, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, serviceDesk } from "../../api/client";
import type { components } from "../../api/generated/service-desk";
import { Loaded, useFailureReport } from "../../components/feedback";
import { can, useSession } from "../../session";
import { useOrgName } from "../shared/directory";
import { when } from "../workspace/labels";

type Article = components["schemas"]["ArticlePublic"];
type ArticleIn = components["schemas"]["ArticleIn"];
type Draft = Omit<ArticleIn, "published">;

/** The knowledge base: articles (problem → solution) the caller's book reads, most used first,
 * searched in Chinese or English; those who configure the desk write them for their book and
 * every book below it, as a draft first or published at once, and revise their own. */
export default function Knowledge() {
  const { t } = useTranslation();
  const session = useSession();
  const orgName = useOrgName();
  const writer = can(session, "service.configure");
  const [search, setSearch] = useState("");
  const [editing, setEditing] = useState<Article | "new" | null>(null);
  const articles = useQuery({
    queryKey: ["knowledge", "list", search],
    queryFn: () => data(serviceDesk.GET("/knowledge-articles", { params: { query: { q: search || undefined, limit: 50 } } })),
  });
  return (
    <>
      <Typography.Title level={2}>{t("desk.menu.knowledge")}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search aria-label={t("desk.kb.search")} placeholder={t("desk.kb.search")} allowClear onSearch={(q) => setSearch(q.trim())} style={{ width: 260 }} />
        {writer && editing === null && (
          <Button type="primary" onClick={() => setEditing("new")}>
            {t("desk.kb.write")}
          </Button>
        )}
      </Space>
      {writer && editing !== null && <ArticleForm article={editing === "new" ? undefined : editing} onDone={() => setEditing(null)} />}
      <Loaded query={articles}>
        {(list) => (
          <List
            aria-label={t("desk.menu.knowledge")}
            locale={{ emptyText: t("desk.kb.none") }}
            dataSource={list}
            renderItem={(article) => (
              <List.Item
                data-article={article.title}
                actions={
                  writer && article.owner_org === session.org_node
                    ? [
                        <Button key="edit" size="small" onClick={() => setEditing(article)} aria-label={`${t("desk.kb.edit")} ${article.title}`}>
                          {t("desk.kb.edit")}
                        </Button>,
                      ]
                    : []
                }
              >
                <Space direction="vertical" size={2} style={{ width: "100%" }}>
                  <Space wrap size="small">
                    <Typography.Text strong>{article.title}</Typography.Text>
                    <Tag className={article.published ? "sla-tag sla-on-track" : "sla-tag sla-due-soon"} data-published={String(article.published)}>
                      {article.published ? t("desk.kb.published") : t("desk.kb.draft")}
                    </Tag>
                    {article.category && <Tag>{article.category}</Tag>}
                    <Typography.Text type="secondary">
                      {t("desk.kb.uses")}: {article.uses} · <span data-article-owner>{orgName(article.owner_org)}</span> · {when(article.updated_at)}
                    </Typography.Text>
                  </Space>
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>
                    <Typography.Text type="secondary">{t("desk.kb.problem")}: </Typography.Text>
                    {article.problem}
                  </Typography.Paragraph>
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>
                    <Typography.Text type="secondary">{t("desk.kb.solution")}: </Typography.Text>
                    {article.solution}
                  </Typography.Paragraph>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Loaded>
    </>
  );
}

function ArticleForm({ article, onDone }: { article?: Article; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<Draft>();
  const save = useMutation({
    mutationFn: (body: ArticleIn) =>
      article
        ? data(serviceDesk.PUT("/knowledge-articles/{article_id}", { params: { path: { article_id: article.id } }, body }))
        : data(serviceDesk.POST("/knowledge-articles", { body })),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      await queries.invalidateQueries({ queryKey: ["knowledge"] });
      onDone();
    },
    onError: (error) => report(error, form),
  });
  const submit = async (published: boolean) => {
    const values = await form.validateFields().catch(() => null);
    if (values) save.mutate({ ...values, category: values.category || null, published });
  };
  return (
    <Card title={article ? `${t("desk.kb.edit")}: ${article.title}` : t("desk.kb.write")} style={{ marginBottom: 16 }}>
      <Form<Draft>
        form={form}
        name="knowledge-article"
        layout="vertical"
        initialValues={article ? { title: article.title, problem: article.problem, solution: article.solution, category: article.category } : undefined}
      >
        <Form.Item name="title" label={t("desk.kb.titleField")} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="problem" label={t("desk.kb.problem")} rules={[{ required: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="solution" label={t("desk.kb.solution")} rules={[{ required: true }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="category" label={t("desk.kb.category")}>
          <Input style={{ maxWidth: 240 }} autoComplete="off" />
        </Form.Item>
        <Space>
          <Button type="primary" loading={save.isPending} onClick={() => void submit(true)}>
            {t("desk.kb.publish")}
          </Button>
          <Button loading={save.isPending} onClick={() => void submit(false)}>
            {t("desk.kb.saveDraft")}
          </Button>
          <Button onClick={onDone}>{t("desk.kb.cancel")}</Button>
        </Space>
      </Form>
    </Card>
  );
}
