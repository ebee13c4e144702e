import { describe, expect, it } from "vitest";
import { MAX_CO_SELLERS, percentText, sharesOf } from "./split";

describe("a deal's credit split with co-sellers", () => {
  it("leaves the owner what the co-sellers do not take, to the hundredth", () => {
    expect(sharesOf("c1", [{ user_id: "c2", percent: 40 }])).toEqual([
      { user_id: "c1", share_percent: "60.00" },
      { user_id: "c2", share_percent: "40.00" },
    ]);
    expect(sharesOf("c1", [{ user_id: "c2", percent: 33.335 }])?.map((s) => s.share_percent)).toEqual(["66.66", "33.34"]);
  });

  it("shares among the owner and up to three co-sellers, 100 % in all", () => {
    const shares = sharesOf("c1", [
      { user_id: "c2", percent: 25 },
      { user_id: "m1", percent: 20 },
      { user_id: "c3", percent: 15.5 },
    ]);
    expect(shares).toEqual([
      { user_id: "c1", share_percent: "39.50" },
      { user_id: "c2", share_percent: "25.00" },
      { user_id: "m1", share_percent: "20.00" },
      { user_id: "c3", share_percent: "15.50" },
    ]);
    expect(shares!.reduce((sum, s) => sum + Math.round(Number(s.share_percent) * 100), 0)).toBe(10000);
    const four = ["c2", "c3", "c4", "c5"].map((user_id) => ({ user_id, percent: 10 }));
    expect(four.length).toBeGreaterThan(MAX_CO_SELLERS);
    expect(sharesOf("c1", four)).toBeNull();
  });

  it("proposes nothing without a co-seller, twice the same one, or a share leaving someone none", () => {
    expect(sharesOf("c1", [])).toBeNull();
    expect(sharesOf("c1", undefined)).toBeNull();
    expect(sharesOf("c1", [{ percent: 40 }])).toBeNull();
    expect(sharesOf("c1", [{ user_id: "c1", percent: 40 }])).toBeNull();
    expect(sharesOf("c1", [{ user_id: "c2", percent: 40 }, { user_id: "c2", percent: 10 }])).toBeNull();
    expect(sharesOf("c1", [{ user_id: "c2", percent: 100 }])).toBeNull();
    expect(sharesOf("c1", [{ user_id: "c2", percent: 60 }, { user_id: "c3", percent: 40 }])).toBeNull();
    expect(sharesOf("c1", [{ user_id: "c2", percent: 0 }])).toBeNull();
    expect(sharesOf("c1", [{ user_id: "c2", percent: null }])).toBeNull();
  });

  it("shows a share without trailing zeros", () => {
    expect(percentText("60.00")).toBe("60");
    expect(percentText("33.33")).toBe("33.33");
  });
});
