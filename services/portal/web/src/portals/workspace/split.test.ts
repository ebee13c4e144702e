import { describe, expect, it } from "vitest";
import { percentText, sharesOf } from "./split";

describe("a deal's credit split with a co-seller", () => {
  it("gives the co-seller what the owner does not keep, to the hundredth", () => {
    expect(sharesOf("c1", "c2", 60)).toEqual([
      { user_id: "c1", share_percent: "60.00" },
      { user_id: "c2", share_percent: "40.00" },
    ]);
    expect(sharesOf("c1", "c2", 33.335)?.map((s) => s.share_percent)).toEqual(["33.34", "66.66"]);
  });

  it("proposes nothing without a co-seller or with a share leaving someone none", () => {
    expect(sharesOf("c1", undefined, 60)).toBeNull();
    expect(sharesOf("c1", "c1", 60)).toBeNull();
    expect(sharesOf("c1", "c2", 100)).toBeNull();
    expect(sharesOf("c1", "c2", 0)).toBeNull();
    expect(sharesOf("c1", "c2", null)).toBeNull();
  });

  it("shows a share without trailing zeros", () => {
    expect(percentText("60.00")).toBe("60");
    expect(percentText("33.33")).toBe("33.33");
  });
});
