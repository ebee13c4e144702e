import { describe, expect, it } from "vitest";
import { lastDays, monthsAgo, thisMonth } from "./dates";

describe("report periods in the business time zone (Asia/Shanghai)", () => {
  // Instants, as a browser anywhere reads the clock: the answers are Shanghai's dates.
  it("starts a month at midnight in Shanghai, not in UTC", () => {
    expect(thisMonth(new Date("2026-11-30T15:59:59Z"))).toBe("2026-11");
    expect(thisMonth(new Date("2026-11-30T17:00:00Z"))).toBe("2026-12");
    expect(thisMonth(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01");
  });

  it("counts the last days up to and including today in Shanghai", () => {
    expect(lastDays(30, new Date("2026-11-30T17:00:00Z"))).toEqual({ from: "2026-11-01", to: "2026-12-02" });
    expect(lastDays(30, new Date("2026-11-30T15:00:00Z"))).toEqual({ from: "2026-10-31", to: "2026-12-01" });
  });

  it("steps back whole months from this one, month ends included", () => {
    expect(monthsAgo(5, new Date("2026-12-31T16:30:00Z"))).toBe("2026-08");
    expect(monthsAgo(1, new Date("2027-03-30T17:00:00Z"))).toBe("2027-02");
  });
});
