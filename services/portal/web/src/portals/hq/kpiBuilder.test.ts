import { describe, expect, it } from "vitest";
import { definitionOf, groupingsFor, operatorsFor, type ModuleChoice } from "./kpiBuilder";

const MODULES: ModuleChoice[] = [
  {
    module: "sales",
    fields: [
      { name: "model_code", kind: "text" },
      { name: "finance_attached", kind: "flag" },
      { name: "revenue", kind: "number" },
    ],
    groupings: ["none", "dealer", "team", "consultant"],
  },
  { module: "leads", fields: [{ name: "source", kind: "text" }], groupings: ["none", "dealer"] },
];

describe("definitionOf", () => {
  it("types each condition's value by its field's kind", () => {
    const definition = definitionOf(
      {
        name: "Financed revenue of two models",
        kind: "sum",
        module: "sales",
        field: "revenue",
        conditions: [
          { field: "finance_attached", operator: "eq", value: "true" },
          { field: "model_code", operator: "in", value: "SUV-X, EV-1," },
          { field: "revenue", operator: "gte", value: "100000" },
        ],
        group_by: "team",
        period: "month",
      },
      MODULES,
    );
    expect(definition).toEqual({
      module: "sales",
      measure: { kind: "sum", field: "revenue" },
      conditions: [
        { field: "finance_attached", operator: "eq", value: true },
        { field: "model_code", operator: "in", value: ["SUV-X", "EV-1"] },
        { field: "revenue", operator: "gte", value: 100000 },
      ],
      group_by: "team",
      period: "month",
    });
  });

  it("builds a ratio of two figures, each with its own module and conditions", () => {
    const definition = definitionOf(
      {
        name: "Finance share",
        kind: "ratio",
        numerator: { module: "sales", kind: "count", conditions: [{ field: "finance_attached", operator: "eq", value: "true" }] },
        denominator: { module: "sales", kind: "count" },
        group_by: "consultant",
        period: "month",
      },
      MODULES,
    );
    expect(definition.measure).toEqual({
      kind: "ratio",
      numerator: { module: "sales", measure: { kind: "count" }, conditions: [{ field: "finance_attached", operator: "eq", value: true }] },
      denominator: { module: "sales", measure: { kind: "count" }, conditions: [] },
    });
    expect(definition.module).toBeUndefined();
  });
});

describe("the builder's choices", () => {
  it("offers only the groupings every module read allows", () => {
    expect(groupingsFor({ kind: "count", module: "sales" }, MODULES)).toEqual(["none", "dealer", "team", "consultant"]);
    expect(groupingsFor({ kind: "ratio", numerator: { module: "sales", kind: "count" }, denominator: { module: "leads", kind: "count" } }, MODULES)).toEqual(["none", "dealer"]);
  });

  it("compares flags only for (in)equality", () => {
    expect(operatorsFor("flag")).toEqual(["eq", "ne"]);
    expect(operatorsFor("text")).not.toContain("gte");
  });
});
