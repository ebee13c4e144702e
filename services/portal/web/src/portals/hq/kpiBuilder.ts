// What the KPI builder's form becomes: a definition the kpi service accepts. The fields, their
// kinds and the groupings come from the service's catalogue (its whitelist), never from here.
import type { components } from "../../api/generated/kpi";

type Definition = components["schemas"]["KpiDefinition"];
type Figure = components["schemas"]["Figure"];
type Condition = components["schemas"]["Condition"];
export type ModuleChoice = components["schemas"]["ModulePublic"];
export type Module = ModuleChoice["module"];

export type ConditionForm = { field: string; operator: Condition["operator"]; value: string };
export type FigureForm = { module: Module; kind: "count" | "sum"; field?: string; conditions?: ConditionForm[] };
export type BuilderForm = {
  name: string;
  kind: "count" | "sum" | "ratio";
  module?: Module;
  field?: string;
  conditions?: ConditionForm[];
  numerator?: FigureForm;
  denominator?: FigureForm;
  group_by: Definition["group_by"];
  period: Definition["period"];
  shared_roles?: string[];
};

/** The operators a field of this kind takes. */
export function operatorsFor(kind: "text" | "flag" | "number"): Condition["operator"][] {
  if (kind === "flag") return ["eq", "ne"];
  if (kind === "number") return ["eq", "ne", "in", "not_in", "gte", "lte"];
  return ["eq", "ne", "in", "not_in"];
}

function valueOf(raw: string, kind: "text" | "flag" | "number", operator: Condition["operator"]): Condition["value"] {
  const one = (text: string) => {
    const trimmed = text.trim();
    if (kind === "flag") return trimmed === "true";
    if (kind === "number" && trimmed !== "" && !Number.isNaN(Number(trimmed))) return Number(trimmed);
    return trimmed;
  };
  return operator === "in" || operator === "not_in" ? raw.split(",").map(one).filter((v) => v !== "") : one(raw);
}

function conditionsOf(module: Module, forms: ConditionForm[] | undefined, modules: ModuleChoice[]): Condition[] {
  const fields = new Map(modules.find((m) => m.module === module)?.fields.map((f) => [f.name, f.kind]));
  return (forms ?? []).map((c) => ({
    field: c.field,
    operator: c.operator,
    value: valueOf(c.value ?? "", fields.get(c.field) ?? "text", c.operator),
  }));
}

function measureOf(kind: "count" | "sum", field: string | undefined): Figure["measure"] {
  return kind === "sum" ? { kind: "sum", field: field ?? "" } : { kind: "count" };
}

function figureOf(form: FigureForm, modules: ModuleChoice[]): Figure {
  return { module: form.module, measure: measureOf(form.kind, form.field), conditions: conditionsOf(form.module, form.conditions, modules) };
}

export function definitionOf(form: BuilderForm, modules: ModuleChoice[]): Definition {
  const common = { group_by: form.group_by, period: form.period };
  if (form.kind === "ratio") {
    return {
      ...common,
      measure: { kind: "ratio", numerator: figureOf(form.numerator!, modules), denominator: figureOf(form.denominator!, modules) },
      conditions: [],
    };
  }
  return {
    ...common,
    module: form.module,
    measure: measureOf(form.kind, form.field),
    conditions: conditionsOf(form.module!, form.conditions, modules),
  };
}

/** The groupings every module the definition reads allows. */
export function groupingsFor(form: Pick<BuilderForm, "kind" | "module" | "numerator" | "denominator">, modules: ModuleChoice[]): Definition["group_by"][] {
  const read = form.kind === "ratio" ? [form.numerator?.module, form.denominator?.module] : [form.module];
  const allowed = read.map((m) => new Set(modules.find((c) => c.module === m)?.groupings ?? ["none"]));
  const all: NonNullable<Definition["group_by"]>[] = ["none", "dealer", "team", "consultant"];
  return all.filter((g) => allowed.every((set) => set.has(g)));
}
