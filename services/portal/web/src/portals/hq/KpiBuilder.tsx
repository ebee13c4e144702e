import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Form, Input, Radio, Select, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { data, kpi } from "../../api/client";
import { useFailureReport } from "../../components/feedback";
import { definitionOf, groupingsFor, operatorsFor, type BuilderForm, type ModuleChoice } from "./kpiBuilder";

const ROLES = ["sales_consultant", "sales_manager", "dealer_admin", "region_manager", "hq_analyst", "hq_admin"];

/** A custom KPI: a count or sum of one module's facts under conditions, or the ratio of two;
 * per period and grouping; shared with roles (within the owner's own organisation). */
export function KpiBuilder({ modules }: { modules: ModuleChoice[] }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<BuilderForm>();
  const kind = Form.useWatch("kind", form) ?? "count";
  const module = Form.useWatch("module", form);
  const numerator = Form.useWatch("numerator", form);
  const denominator = Form.useWatch("denominator", form);
  const groupings = groupingsFor({ kind, module, numerator, denominator }, modules);
  const create = useMutation({
    mutationFn: (v: BuilderForm) =>
      data(kpi.POST("/kpi/definitions", { body: { name: v.name, definition: definitionOf(v, modules), shared_roles: v.shared_roles ?? [] } })),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      form.resetFields();
      await queries.invalidateQueries({ queryKey: ["kpi-catalogue"] });
    },
    onError: (error) => report(error, form),
  });
  return (
    <Card title={t("kpiBuilder.title")}>
      <Form<BuilderForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: "count", module: modules[0]?.module, group_by: "none", period: "month", numerator: { kind: "count" }, denominator: { kind: "count" } }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="name" label={t("kpiBuilder.name")} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t("kpiBuilder.measure")}>
          <Radio.Group
            options={(["count", "sum", "ratio"] as const).map((k) => ({ value: k, label: t(`kpiBuilder.kind.${k}`) }))}
            optionType="button"
          />
        </Form.Item>
        {kind === "ratio" ? (
          <>
            <Typography.Text strong>{t("kpiBuilder.numerator")}</Typography.Text>
            <FigureFields path={["numerator"]} modules={modules} />
            <Typography.Text strong>{t("kpiBuilder.denominator")}</Typography.Text>
            <FigureFields path={["denominator"]} modules={modules} />
          </>
        ) : (
          <FigureFields path={[]} modules={modules} sum={kind === "sum"} />
        )}
        <Space wrap>
          <Form.Item name="group_by" label={t("kpiBuilder.groupBy")}>
            <Select style={{ minWidth: 140 }} options={groupings.map((g) => ({ value: g, label: t(`kpiBuilder.grouping.${g}`) }))} />
          </Form.Item>
          <Form.Item name="period" label={t("kpiBuilder.period")}>
            <Select style={{ minWidth: 120 }} options={(["day", "week", "month"] as const).map((p) => ({ value: p, label: t(`kpiBuilder.periods.${p}`) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="shared_roles" label={t("kpiBuilder.sharedRoles")}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: r }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t("kpiBuilder.save")}
        </Button>
      </Form>
    </Card>
  );
}

/** One figure: its module, count or sum (of a number field), and its conditions. At the top
 * level (`path` empty) the measure kind is the form's own; a ratio's sides choose their own. */
function FigureFields({ path, modules, sum }: { path: string[]; modules: ModuleChoice[]; sum?: boolean }) {
  const { t } = useTranslation();
  // The figure's place in the form is only known at run time: an untyped instance reads it.
  const form = Form.useFormInstance();
  const module = Form.useWatch<ModuleChoice["module"] | undefined>([...path, "module"], form);
  const ownKind = Form.useWatch<string | undefined>([...path, "kind"], form);
  const fields = modules.find((m) => m.module === module)?.fields ?? [];
  const summing = path.length === 0 ? sum : ownKind === "sum";
  return (
    <div style={{ paddingLeft: path.length ? 12 : 0 }}>
      <Space wrap>
        <Form.Item name={[...path, "module"]} label={t("kpiBuilder.module")} rules={[{ required: true }]}>
          <Select style={{ minWidth: 160 }} options={modules.map((m) => ({ value: m.module, label: t(`kpiBuilder.modules.${m.module}`) }))} />
        </Form.Item>
        {path.length > 0 && (
          <Form.Item name={[...path, "kind"]} label={t("kpiBuilder.measure")}>
            <Select style={{ minWidth: 100 }} options={(["count", "sum"] as const).map((k) => ({ value: k, label: t(`kpiBuilder.kind.${k}`) }))} />
          </Form.Item>
        )}
        {summing && (
          <Form.Item name={[...path, "field"]} label={t("kpiBuilder.sumOf")} rules={[{ required: true }]}>
            <Select style={{ minWidth: 160 }} options={fields.filter((f) => f.kind === "number").map((f) => ({ value: f.name, label: f.name }))} />
          </Form.Item>
        )}
      </Space>
      <Form.List name={[...path, "conditions"]}>
        {(items, { add, remove }) => (
          <>
            {items.map((item) => (
              <Condition key={item.key} path={[...path, "conditions", item.name]} name={item.name} fields={fields} remove={() => remove(item.name)} />
            ))}
            <Form.Item>
              <Button onClick={() => add({ operator: "eq" })}>{t("kpiBuilder.addCondition")}</Button>
            </Form.Item>
          </>
        )}
      </Form.List>
    </div>
  );
}

function Condition({ path, name, fields, remove }: { path: (string | number)[]; name: number; fields: ModuleChoice["fields"]; remove: () => void }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const field = Form.useWatch<string | undefined>([...path, "field"], form);
  const kind = fields.find((f) => f.name === field)?.kind ?? "text";
  return (
    <Space align="baseline" wrap>
      <Form.Item name={[name, "field"]} rules={[{ required: true }]}>
        <Select aria-label={t("kpiBuilder.field")} placeholder={t("kpiBuilder.field")} style={{ minWidth: 150 }} options={fields.map((f) => ({ value: f.name, label: f.name }))} />
      </Form.Item>
      <Form.Item name={[name, "operator"]} rules={[{ required: true }]}>
        <Select aria-label={t("kpiBuilder.operator")} style={{ minWidth: 90 }} options={operatorsFor(kind).map((o) => ({ value: o, label: t(`kpiBuilder.operators.${o}`) }))} />
      </Form.Item>
      <Form.Item name={[name, "value"]} rules={[{ required: true }]}>
        {kind === "flag" ? (
          <Select aria-label={t("kpiBuilder.value")} style={{ minWidth: 90 }} options={[{ value: "true", label: "✓" }, { value: "false", label: "✗" }]} />
        ) : (
          <Input aria-label={t("kpiBuilder.value")} placeholder={t("kpiBuilder.valueHint")} />
        )}
      </Form.Item>
      <Button onClick={remove} aria-label={t("kpiBuilder.removeCondition")}>
        −
      </Button>
    </Space>
  );
}
