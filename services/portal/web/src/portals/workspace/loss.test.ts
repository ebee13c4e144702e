import { describe, expect, it } from "vitest";
import { lossReport } from "./loss";

const listed = [
  { id: "c1", name: "Rival Motors", models: ["R1", "R3"] },
  { id: "c2", name: "对手汽车", models: [] },
];

describe("reporting a loss", () => {
  it("names the listed competitor and one of its models", () => {
    expect(lossReport({ competitor_id: "c1", competitor_model: "R3", reason: " price " }, listed)).toEqual({
      reason: "price",
      competitor: "Rival Motors",
      competitor_model: "R3",
    });
  });

  it("leaves out a model that is not the competitor's, and a model without a competitor", () => {
    expect(lossReport({ competitor_id: "c2", competitor_model: "R3", reason: "交期" }, listed)).toEqual({ reason: "交期", competitor: "对手汽车", competitor_model: null });
    expect(lossReport({ competitor_model: "R1", reason: "放弃购车" }, listed)).toEqual({ reason: "放弃购车", competitor: null, competitor_model: null });
  });
});
