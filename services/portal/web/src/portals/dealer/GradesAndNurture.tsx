import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, leads } from "../../api/client";
import type { components } from "../../api/generated/leads";
import { Loaded, useFailureReport } from "../../components/feedback";
import { PagedTable } from "../../components/PagedTable";
import { useOwnerName, useUsers } from "../shared/directory";
import { gradeLabel, when } from "../workspace/labels";

type Scheme = components["schemas"]["GradeSchemePublic"];
type SchemeSet = components["schemas"]["GradeSchemeSet"];
type Lead = components["schemas"]["LeadPublic"];

/** The re-assignment ladder and grades as a book's managers run them: the book's own grade
 * schemes (grades and callback cadences, changed in versions), who owns the nurture list and
 * what is on it, and the escalated leads waiting for a more senior consultant. */
export default function GradesAndNurture() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={2}>{t("menu.gradesNurture")}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Schemes />
        </Col>
        <Col xs={24} xl={12}>
          <Nurture />
        </Col>
        <Col xs={24}>
          <Escalated />
        </Col>
      </Row>
    </>
  );
}

function useConsultants() {
  const users = useUsers();
  return (users.data ?? []).filter((u) => u.active && u.roles.includes("sales_consultant"));
}

function Schemes() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<SchemeSet>();
  const [editing, setEditing] = useState<Scheme>();
  const schemes = useQuery({ queryKey: ["grade-schemes"], queryFn: () => data(leads.GET("/grade-schemes")) });
  const save = useMutation({
    mutationFn: (body: SchemeSet) => data(leads.PUT("/grade-schemes", { body: { ...body, version: editing?.version ?? 0 } })),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      setEditing(undefined);
      form.resetFields();
      await queries.invalidateQueries({ queryKey: ["grade-schemes"] });
    },
    onError: (error) => report(error, form),
  });
  function edit(scheme: Scheme) {
    setEditing(scheme);
    form.setFieldsValue({ name: scheme.name, grades: scheme.grades });
  }
  return (
    <Card title={t("grades.schemes")}>
      <Loaded query={schemes}>
        {(found) => (
          <Table<Scheme>
            aria-label={t("grades.schemes")}
            size="small"
            rowKey="name"
            pagination={false}
            scroll={{ x: "max-content" }}
            dataSource={found.schemes}
            columns={[
              { title: t("grades.name"), dataIndex: "name" },
              { title: t("grades.version"), dataIndex: "version", render: (v: number, s) => (s.built_in ? t("grades.builtIn") : v) },
              {
                title: t("grades.grades"),
                key: "grades",
                render: (_: unknown, s) =>
                  s.grades.map((g) => `${gradeLabel(t, g.code)} (${g.cadence_days ?? "—"})`).join(" · "),
              },
              {
                title: "",
                key: "edit",
                render: (_: unknown, s) =>
                  s.built_in ? null : (
                    <Button size="small" onClick={() => edit(s)} aria-label={`${t("grades.edit")} ${s.name}`}>
                      {t("grades.edit")}
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Loaded>
      <Typography.Title level={4}>{editing ? `${t("grades.edit")} ${editing.name} (v${editing.version + 1})` : t("grades.new")}</Typography.Title>
      <Form<SchemeSet>
        form={form}
        layout="vertical"
        initialValues={{ grades: [{ cadence_days: 7, rank: 2 }, { cadence_days: null, rank: 1 }] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t("grades.name")} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t("grades.namePattern") }]}>
          <Input disabled={editing !== undefined} />
        </Form.Item>
        <Form.List name="grades">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                // One grade per row, each field labelled; on a narrow screen the fields narrow.
                <Row key={field.key} gutter={8} wrap={false} align="bottom">
                  <Col flex="0 1 96px" style={{ minWidth: 0 }}>
                    <Form.Item name={[field.name, "code"]} label={t("grades.code")} rules={[{ required: true }]}>
                      <Input aria-label={`${t("grades.code")} ${index + 1}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="1 1 120px" style={{ minWidth: 0 }}>
                    <Form.Item name={[field.name, "label"]} label={t("grades.label")} rules={[{ required: true }]}>
                      <Input aria-label={`${t("grades.label")} ${index + 1}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="0 1 112px" style={{ minWidth: 0 }}>
                    <Form.Item name={[field.name, "cadence_days"]} label={t("grades.cadence")}>
                      <InputNumber min={1} max={365} placeholder={t("grades.noCadence")} style={{ width: "100%" }} aria-label={`${t("grades.cadence")} ${index + 1}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="0 1 80px" style={{ minWidth: 0 }}>
                    <Form.Item name={[field.name, "rank"]} label={t("grades.rank")} rules={[{ required: true }]}>
                      <InputNumber min={1} max={100} style={{ width: "100%" }} aria-label={`${t("grades.rank")} ${index + 1}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="none">
                    <Form.Item label=" " colon={false}>
                      <Button onClick={() => remove(field.name)} aria-label={`${t("grades.remove")} ${index + 1}`}>
                        −
                      </Button>
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Form.Item>
                <Button onClick={() => add({ cadence_days: null })}>{t("grades.add")}</Button>
              </Form.Item>
            </>
          )}
        </Form.List>
        <Typography.Paragraph type="secondary">{t("grades.help")}</Typography.Paragraph>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t("grades.save")}
          </Button>
          {editing && (
            <Button
              onClick={() => {
                setEditing(undefined);
                form.resetFields();
              }}
            >
              {t("grades.new")}
            </Button>
          )}
        </Space>
      </Form>
    </Card>
  );
}

function Nurture() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const users = useUsers();
  const consultants = useConsultants();
  const workers = (users.data ?? []).filter((u) => u.active && (u.roles.includes("sales_consultant") || u.roles.includes("sales_manager")));
  const settings = useQuery({ queryKey: ["nurture-settings"], queryFn: () => data(leads.GET("/nurture-settings")) });
  const owner = useMutation({
    mutationFn: (user: string | null) => data(leads.PUT("/nurture-settings", { body: { owner: user } })),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      await queries.invalidateQueries({ queryKey: ["nurture-settings"] });
    },
    onError: (error) => report(error),
  });
  async function giveBack(lead: Lead, userId: string) {
    try {
      await data(leads.POST("/leads/{lead_id}/assign", { params: { path: { lead_id: lead.id } }, body: { user_id: userId } }));
      void message.success(t("lead.assigned"));
      await queries.invalidateQueries({ queryKey: ["leads", "nurture"] });
    } catch (error) {
      report(error);
    }
  }
  return (
    <Card title={t("grades.nurture")}>
      <Loaded query={settings}>
        {(current) => (
          <Space wrap style={{ marginBottom: 12 }}>
            <Typography.Text>{t("grades.nurtureOwner")}</Typography.Text>
            <Select
              aria-label={t("grades.nurtureOwner")}
              style={{ minWidth: 200 }}
              allowClear
              placeholder={t("grades.nobody")}
              value={current.owner ?? undefined}
              loading={owner.isPending}
              onChange={(user?: string) => owner.mutate(user ?? null)}
              options={workers.map((u) => ({ value: u.id, label: u.display_name }))}
            />
          </Space>
        )}
      </Loaded>
      <PagedTable<Lead>
        label={t("grades.nurtureList")}
        queryKey={["leads", "nurture"]}
        fetchPage={(limit, offset) => data(leads.GET("/leads", { params: { query: { nurture: true, limit, offset } } }))}
        columns={[
          { title: t("lead.customer"), dataIndex: "customer_name" },
          { title: t("lead.grade"), dataIndex: "grade", render: (g: string | null) => gradeLabel(t, g) },
          { title: t("grades.nurtureSince"), dataIndex: "nurture_since", render: when },
          {
            title: t("grades.giveBack"),
            key: "back",
            render: (_: unknown, lead) => (
              <Select
                size="small"
                aria-label={`${t("grades.giveBack")} ${lead.customer_name}`}
                placeholder={t("lead.assignTo")}
                style={{ minWidth: 160 }}
                value={null}
                onChange={(userId: string) => void giveBack(lead, userId)}
                options={consultants.map((u) => ({ value: u.id, label: u.display_name }))}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

function Escalated() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const ownerName = useOwnerName();
  async function moreSenior(lead: Lead) {
    try {
      await data(leads.POST("/leads/{lead_id}/assign", { params: { path: { lead_id: lead.id } }, body: { strategy: "more_senior" } }));
      void message.success(t("lead.assigned"));
      await queries.invalidateQueries({ queryKey: ["leads", "escalated"] });
    } catch (error) {
      report(error);
    }
  }
  return (
    <Card title={t("grades.escalated")}>
      <PagedTable<Lead>
        label={t("grades.escalated")}
        queryKey={["leads", "escalated"]}
        fetchPage={(limit, offset) => data(leads.GET("/leads", { params: { query: { escalated: true, limit, offset } } }))}
        columns={[
          { title: t("lead.customer"), dataIndex: "customer_name" },
          { title: t("lead.grade"), dataIndex: "grade", render: (g: string | null) => gradeLabel(t, g) },
          { title: t("grades.owner"), dataIndex: "owner_user", render: (u: string | null) => ownerName(u) },
          { title: t("grades.escalatedAt"), dataIndex: "escalated_at", render: when },
          {
            title: "",
            key: "senior",
            render: (_: unknown, lead) => (
              <Button size="small" onClick={() => void moreSenior(lead)} aria-label={`${t("grades.moreSenior")} ${lead.customer_name}`}>
                {t("grades.moreSenior")}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
