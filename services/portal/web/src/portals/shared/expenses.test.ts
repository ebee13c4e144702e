import { describe, expect, it } from "vitest";
import { monthSpan, totalOf } from "./expenses";

describe("sales expenses of a month", () => {
  it("asks for the month's first to last day", () => {
    expect(monthSpan("2026-02")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(monthSpan("2028-02")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(monthSpan("2026-12")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
  });

  it("adds the amounts up in cents", () => {
    expect(totalOf([{ amount: "0.10" }, { amount: "0.20" }])).toBe("0.30");
    expect(totalOf([{ amount: "12800.00" }, { amount: "199.5" }, { amount: "3" }])).toBe("13002.50");
    expect(totalOf([])).toBe("0.00");
  });
});
