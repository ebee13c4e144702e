import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography, type FormInstance } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router-dom";
import { data, kpi } from "../../api/client";
import type { components } from "../../api/generated/kpi";
import { Loaded, useFailureReport } from "../../components/feedback";
import { PagedTable } from "../../components/PagedTable";
import { useSession } from "../../session";
import { when } from "../workspace/labels";
import { isSalesPlanning, reviewStepFor, roleOfTier, tiersScoredBy, weightedTotal, weightSum, type ReviewStep, type Tier } from "./assessments";
import { useOwnerName, useStaff } from "./directory";
import { fetchAssessmentForms } from "./wholeLists";

type ScoringForm = components["schemas"]["FormPublic"];
type FormContent = components["schemas"]["FormContent"];
type Assessment = components["schemas"]["AssessmentPublic"];
type ScoreValues = { form_id: string; subject_user: string; period: Dayjs; scores: Record<string, number>; comment?: string };

// Solid tags with white text: Ant Design's pale success and warning tags fall below WCAG AA.
const STATUS_COLOURS: Record<string, string> = { scored: "#0958d9", vp_approved: "#0958d9", final: "#237804", returned: "#874d00" };

/** Tiered assessment (逐级考核): sales planning writes the scoring forms; a region's manager
 * scores its consultants, sales planning the region managers; the sales VP then HR review each
 * score. In the workspace: the consultant's own final scores. */
export default function Assessments() {
  const { t } = useTranslation();
  const session = useSession();
  const mine = useLocation().pathname.startsWith("/workspace");
  const [scoreForm] = Form.useForm<ScoreValues>();
  const forms = useQuery({ queryKey: ["assessment-forms"], queryFn: fetchAssessmentForms });
  const tiers = mine ? [] : tiersScoredBy(session);
  return (
    <>
      <Typography.Title level={2}>{t(mine ? "assessment.mine" : "assessment.menu")}</Typography.Title>
      <Row gutter={[16, 16]}>
        {!mine && isSalesPlanning(session) && (
          <Col xs={24} xl={12}>
            <Forms forms={forms.data ?? []} />
          </Col>
        )}
        {tiers.length > 0 && (
          <Col xs={24} xl={12}>
            <Score form={scoreForm} forms={(forms.data ?? []).filter((f) => tiers.includes(f.tier as Tier))} />
          </Col>
        )}
        <Col xs={24}>
          <Card title={t("assessment.list")}>
            <Loaded query={forms}>{(found) => <AssessmentList forms={found} onRescore={(a) => rescore(scoreForm, a)} />}</Loaded>
          </Card>
        </Col>
      </Row>
    </>
  );
}

function rescore(form: FormInstance<ScoreValues>, a: Assessment) {
  form.setFieldsValue({ form_id: a.form_id, subject_user: a.subject_user, period: dayjs(`${a.period}-01`), scores: a.scores, comment: a.comment ?? undefined });
  document.getElementById("score_form_id")?.scrollIntoView({ block: "center" });
}

function Forms({ forms }: { forms: ScoringForm[] }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<FormContent>();
  const criteria = Form.useWatch("criteria", form) ?? [];
  const save = useMutation({
    mutationFn: (body: FormContent) => data(kpi.POST("/kpi/assessment-forms", { body })),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      form.resetFields();
      await queries.invalidateQueries({ queryKey: ["assessment-forms"] });
    },
    onError: (error) => report(error, form),
  });
  return (
    <Card title={t("assessment.forms")}>
      <Table<ScoringForm>
        aria-label={t("assessment.forms")}
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={forms}
        columns={[
          { title: t("assessment.formName"), dataIndex: "name" },
          { title: t("assessment.tier"), dataIndex: "tier", render: (tier: string) => t(`assessment.tiers.${tier}`) },
          { title: t("assessment.criteria"), key: "criteria", render: (_: unknown, f) => f.criteria.map((c) => `${c.text} ${c.weight}%`).join(" · ") },
          { title: t("lead.created"), dataIndex: "created_at", render: when },
        ]}
      />
      <Typography.Title level={4}>{t("assessment.newForm")}</Typography.Title>
      <Form<FormContent>
        form={form}
        layout="vertical"
        name="assessment-form"
        initialValues={{ tier: "consultant", criteria: [{ weight: 50 }, { weight: 50 }] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={8}>
          <Col xs={24} md={14}>
            <Form.Item name="name" label={t("assessment.formName")} rules={[{ required: true, max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="tier" label={t("assessment.tier")} rules={[{ required: true }]}>
              <Select options={(["consultant", "region_manager"] as const).map((tier) => ({ value: tier, label: t(`assessment.tiers.${tier}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Row key={field.key} gutter={8} wrap={false} align="bottom">
                  <Col flex="0 1 110px" style={{ minWidth: 0 }}>
                    <Form.Item name={[field.name, "code"]} label={t("assessment.code")} rules={[{ required: true, pattern: /^[a-z0-9_]+$/, message: "a-z 0-9 _" }]}>
                      <Input aria-label={`${t("assessment.code")} ${index + 1}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="1 1 auto" style={{ minWidth: 0 }}>
                    <Form.Item name={[field.name, "text"]} label={t("assessment.text")} rules={[{ required: true, max: 500 }]}>
                      <Input aria-label={`${t("assessment.text")} ${index + 1}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="0 1 96px" style={{ minWidth: 0 }}>
                    <Form.Item name={[field.name, "weight"]} label={t("assessment.weight")} rules={[{ required: true }]}>
                      <InputNumber min={1} max={100} style={{ width: "100%" }} aria-label={`${t("assessment.weight")} ${index + 1}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="none">
                    <Form.Item label=" " colon={false}>
                      <Button onClick={() => remove(field.name)} aria-label={`${t("assessment.removeCriterion")} ${index + 1}`}>
                        −
                      </Button>
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Space wrap style={{ marginBottom: 12 }}>
                <Button onClick={() => add({ weight: 0 })}>{t("assessment.addCriterion")}</Button>
                <Typography.Text type={weightSum(criteria) === 100 ? "secondary" : "warning"}>{t("assessment.weights", { sum: weightSum(criteria) })}</Typography.Text>
              </Space>
            </>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t("assessment.saveForm")}
        </Button>
      </Form>
    </Card>
  );
}

function Score({ form, forms }: { form: FormInstance<ScoreValues>; forms: ScoringForm[] }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const staff = useStaff();
  const formId = Form.useWatch("form_id", form);
  const scores = Form.useWatch("scores", form) ?? {};
  const chosen = forms.find((f) => f.id === formId);
  const people = chosen ? (staff.data ?? []).filter((u) => u.active && u.roles.includes(roleOfTier(chosen.tier as Tier))) : [];
  const total = chosen ? weightedTotal(chosen.criteria, scores) : null;
  const submit = useMutation({
    mutationFn: (v: ScoreValues) =>
      data(kpi.POST("/kpi/assessments", { body: { form_id: v.form_id, subject_user: v.subject_user, period: v.period.format("YYYY-MM"), scores: v.scores, comment: v.comment || null } })),
    onSuccess: async () => {
      void message.success(t("assessment.scored"));
      form.resetFields();
      await queries.invalidateQueries({ queryKey: ["assessments"] });
    },
    onError: (error) => report(error, form),
  });
  return (
    <Card title={t("assessment.score")}>
      <Form<ScoreValues> form={form} layout="vertical" name="score" initialValues={{ period: dayjs() }} onFinish={(v) => submit.mutate(v)}>
        <Form.Item name="form_id" label={t("assessment.form")} rules={[{ required: true }]}>
          <Select options={forms.map((f) => ({ value: f.id, label: f.name }))} onChange={() => form.setFieldsValue({ scores: {} })} />
        </Form.Item>
        <Row gutter={8}>
          <Col xs={24} md={14}>
            <Form.Item name="subject_user" label={t("assessment.subject")} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" loading={staff.isPending} options={people.map((u) => ({ value: u.id, label: u.username }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="period" label={t("assessment.period")} rules={[{ required: true }]}>
              <DatePicker picker="month" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
        {chosen?.criteria.map((c) => (
          <Form.Item key={c.code} name={["scores", c.code]} label={`${c.text} · ${c.weight}%`} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} style={{ width: 120 }} />
          </Form.Item>
        ))}
        <Form.Item name="comment" label={t("assessment.comment")}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={submit.isPending}>
            {t("assessment.submit")}
          </Button>
          {total !== null && <Typography.Text strong>{t("assessment.preview", { total: total.toFixed(2) })}</Typography.Text>}
        </Space>
      </Form>
    </Card>
  );
}

function AssessmentList({ forms, onRescore }: { forms: ScoringForm[]; onRescore: (a: Assessment) => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const nameOf = useOwnerName();
  const formOf = new Map(forms.map((f) => [f.id, f]));
  return (
    <PagedTable<Assessment>
      label={t("assessment.list")}
      wrap
      queryKey={["assessments"]}
      fetchPage={(limit, offset) => data(kpi.GET("/kpi/assessments", { params: { query: { limit, offset } } }))}
      columns={[
        { title: t("assessment.subject"), dataIndex: "subject_user", render: (u: string) => nameOf(u) },
        { title: t("assessment.form"), dataIndex: "form_id", render: (id: string) => formOf.get(id)?.name ?? id },
        { title: t("assessment.period"), dataIndex: "period" },
        { title: t("assessment.total"), dataIndex: "total" },
        {
          title: t("assessment.scores"),
          dataIndex: "scores",
          render: (scores: Record<string, number>, a) => {
            const criteria = formOf.get(a.form_id)?.criteria ?? [];
            return Object.entries(scores)
              .map(([code, points]) => `${criteria.find((c) => c.code === code)?.text ?? code} ${points}`)
              .join(" · ");
          },
        },
        { title: t("opp.status"), dataIndex: "status", render: (s: string) => <Tag color={STATUS_COLOURS[s]}>{t(`assessment.status.${s}`)}</Tag> },
        { title: t("assessment.scoredBy"), dataIndex: "scored_by", render: (u: string) => nameOf(u) },
        { title: t("assessment.comment"), dataIndex: "comment" },
        { title: t("assessment.reviews"), key: "notes", render: (_: unknown, a) => [a.vp_note, a.hr_note].filter(Boolean).join(" · ") },
        {
          title: "",
          key: "actions",
          render: (_: unknown, a) => {
            const step = reviewStepFor(session, a);
            if (step) return <Review assessment={a} step={step} subject={nameOf(a.subject_user)} />;
            if (a.status === "returned" && a.scored_by === session.user_id)
              return (
                <Button size="small" onClick={() => onRescore(a)} aria-label={`${t("assessment.rescore")} ${nameOf(a.subject_user)}`}>
                  {t("assessment.rescore")}
                </Button>
              );
            return null;
          },
        },
      ]}
    />
  );
}

function Review({ assessment, step, subject }: { assessment: Assessment; step: ReviewStep; subject: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<{ note?: string }>();
  const review = useMutation({
    mutationFn: (approve: boolean) =>
      data(
        kpi.POST("/kpi/assessments/{assessment_id}/review", {
          params: { path: { assessment_id: assessment.id } },
          body: { step, approve, note: form.getFieldValue("note") || null },
        }),
      ),
    onSuccess: async () => {
      void message.success(t("assessment.reviewed"));
      await queries.invalidateQueries({ queryKey: ["assessments"] });
    },
    onError: (error) => report(error),
  });
  return (
    <Form form={form} layout="inline" component="div">
      <Form.Item name="note" noStyle>
        <Input size="small" placeholder={t("assessment.note")} aria-label={`${t("assessment.note")} ${subject}`} style={{ width: 160 }} />
      </Form.Item>
      <Space size={4}>
        <Button size="small" type="primary" loading={review.isPending} onClick={() => review.mutate(true)}>
          {t(step === "vp" ? "assessment.approveVp" : "assessment.approveHr")}
        </Button>
        <Button size="small" danger loading={review.isPending} onClick={() => review.mutate(false)}>
          {t("assessment.returnIt")}
        </Button>
      </Space>
    </Form>
  );
}
