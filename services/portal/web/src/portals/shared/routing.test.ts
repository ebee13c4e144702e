import { describe, expect, it } from "vitest";
import { clockOf, moved, ruleFrom, specOf, type RoutingRule } from "./routing";

const POOL = "0b8f6a3e-2c1d-4e5f-9a8b-7c6d5e4f3a2b";

describe("routing rules as their managers edit them", () => {
  it("sends only the conditions given, and the target its kind uses", () => {
    expect(
      ruleFrom({ name: " SUV evenings ", sources: [], vehicle_interests: ["SUV", " "], hours: { start: "18:00", end: "08:00" }, kind: "strategy", pool_id: POOL, strategy: "least_loaded", user_id: "u1" }),
    ).toEqual({
      name: "SUV evenings",
      conditions: { vehicle_interests: ["SUV"], hours: { start: "18:00:00", end: "08:00:00" } },
      target: { kind: "strategy", pool_id: POOL, strategy: "least_loaded" },
    });
    expect(ruleFrom({ name: "web", sources: ["web"], kind: "consultant", user_id: "u1", pool_id: POOL })).toEqual({
      name: "web",
      conditions: { sources: ["web"] },
      target: { kind: "consultant", user_id: "u1" },
    });
    expect(ruleFrom({ name: "rest", kind: "pool", pool_id: POOL }).conditions).toEqual({});
  });

  it("sends a rule read back as it was", () => {
    const rule: RoutingRule = { id: "r1", position: 0, name: "web", conditions: { sources: ["web"] }, target: { kind: "pool", pool_id: POOL } };
    expect(specOf(rule)).toEqual({ name: "web", conditions: { sources: ["web"] }, target: { kind: "pool", pool_id: POOL } });
  });

  it("moves a rule one place, never past either end", () => {
    expect(moved(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moved(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moved(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moved(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });

  it("shows a time of day as hours and minutes", () => {
    expect(clockOf("18:00:00")).toBe("18:00");
  });
});
