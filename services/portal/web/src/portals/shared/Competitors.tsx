import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, opportunities } from "../../api/client";
import type { components } from "../../api/generated/opportunities";
import { Loaded, useFailureReport } from "../../components/feedback";
import { useSession } from "../../session";
import { fetchCompetitors } from "./wholeLists";

type Competitor = components["schemas"]["CompetitorPublic"];
type CompetitorForm = { name: string; models?: string[] };

/** The competitors (竞争对手) and their models a book's opportunities may name: the caller's own
 * list, kept here (added, renamed, models changed, retired), beside the lists of the nodes
 * above it (HQ's is every dealer's), shown for reference. */
export default function Competitors() {
  const { t } = useTranslation();
  const session = useSession();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<CompetitorForm>();
  const [editing, setEditing] = useState<Competitor>();
  const [retired, setRetired] = useState(false);
  const list = useQuery({
    queryKey: ["competitors", retired],
    queryFn: () => fetchCompetitors(retired),
  });
  const refresh = () => queries.invalidateQueries({ queryKey: ["competitors"] });
  const save = useMutation({
    mutationFn: (v: CompetitorForm & { active?: boolean; id?: string }) => {
      const body = { name: v.name, models: v.models ?? [] };
      return v.id
        ? data(opportunities.PUT("/competitors/{competitor_id}", { params: { path: { competitor_id: v.id } }, body: { ...body, active: v.active ?? true } }))
        : data(opportunities.POST("/competitors", { body }));
    },
    onSuccess: async () => {
      void message.success(editing ? t("app.saved") : t("competitors.added"));
      setEditing(undefined);
      form.resetFields();
      await refresh();
    },
    onError: (error) => report(error, form),
  });
  const retire = useMutation({
    mutationFn: (c: Competitor) =>
      data(opportunities.PUT("/competitors/{competitor_id}", { params: { path: { competitor_id: c.id } }, body: { name: c.name, models: c.models, active: !c.active } })),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      await refresh();
    },
    onError: (error) => report(error),
  });
  const ours = (c: Competitor) => c.owner_org === session.org_node;
  return (
    <>
      <Typography.Title level={2}>{t("competitors.menu")}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card title={editing ? `${t("competitors.edit")} ${editing.name}` : t("competitors.add")}>
            <Form<CompetitorForm>
              form={form}
              layout="vertical"
              name="competitor"
              onFinish={(v) => save.mutate({ ...v, id: editing?.id, active: editing?.active })}
            >
              <Form.Item name="name" label={t("competitors.name")} rules={[{ required: true, max: 200 }]}>
                <Input />
              </Form.Item>
              <Form.Item name="models" label={t("competitors.models")} extra={t("competitors.modelsHint")}>
                <Select mode="tags" tokenSeparators={[",", "，"]} />
              </Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" loading={save.isPending}>
                  {editing ? t("competitors.save") : t("competitors.add")}
                </Button>
                {editing && (
                  <Button
                    onClick={() => {
                      setEditing(undefined);
                      form.resetFields();
                    }}
                  >
                    {t("competitors.cancel")}
                  </Button>
                )}
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card title={t("competitors.list")} extra={<Checkbox checked={retired} onChange={(e) => setRetired(e.target.checked)}>{t("competitors.showRetired")}</Checkbox>}>
            <Loaded query={list}>
              {(found) => (
                <Table<Competitor>
                  aria-label={t("competitors.list")}
                  rowKey="id"
                  size="small"
                  pagination={false}
                  scroll={{ x: "max-content" }}
                  dataSource={found}
                  columns={[
                    { title: t("competitors.name"), dataIndex: "name" },
                    { title: t("competitors.models"), dataIndex: "models", render: (models: string[]) => models.map((m) => <Tag key={m}>{m}</Tag>) },
                    { title: t("competitors.owner"), dataIndex: "owner_org", render: (org: string, c) => (ours(c) ? t("competitors.ours") : org) },
                    { title: t("competitors.status"), dataIndex: "active", render: (active: boolean) => (active ? t("competitors.active") : <Tag>{t("competitors.retired")}</Tag>) },
                    {
                      title: "",
                      key: "actions",
                      render: (_: unknown, c) =>
                        ours(c) ? (
                          <Space>
                            <Button
                              size="small"
                              aria-label={`${t("competitors.edit")} ${c.name}`}
                              onClick={() => {
                                setEditing(c);
                                form.setFieldsValue({ name: c.name, models: c.models });
                              }}
                            >
                              {t("competitors.edit")}
                            </Button>
                            <Button size="small" aria-label={`${c.active ? t("competitors.retire") : t("competitors.reactivate")} ${c.name}`} onClick={() => retire.mutate(c)}>
                              {c.active ? t("competitors.retire") : t("competitors.reactivate")}
                            </Button>
                          </Space>
                        ) : null,
                    },
                  ]}
                />
              )}
            </Loaded>
          </Card>
        </Col>
      </Row>
    </>
  );
}
