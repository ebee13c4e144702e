import { describe, expect, it } from "vitest";
import { reviewStepsOf } from "./commission";

const functions = (...fns: string[]) => (fn: string) => fns.includes(fn);

describe("reviewStepsOf", () => {
  it("lets only the consultant acknowledge or dispute their own draft", () => {
    expect(reviewStepsOf({ user_id: "c1", status: "draft" }, "c1", functions())).toEqual(["acknowledge", "dispute"]);
    expect(reviewStepsOf({ user_id: "c1", status: "draft" }, "m1", functions("commission.approve"))).toEqual([]);
  });

  it("gives the manager the approval of an acknowledged or disputed statement", () => {
    for (const status of ["acknowledged", "disputed"] as const) {
      expect(reviewStepsOf({ user_id: "c1", status }, "m1", functions("commission.approve"))).toEqual(["approve"]);
      expect(reviewStepsOf({ user_id: "c1", status }, "c1", functions())).toEqual([]);
    }
  });

  it("issues only what was approved, and nothing after", () => {
    expect(reviewStepsOf({ user_id: "c1", status: "approved" }, "a1", functions("commission.issue"))).toEqual(["issue"]);
    expect(reviewStepsOf({ user_id: "c1", status: "approved" }, "m1", functions("commission.approve"))).toEqual([]);
    expect(reviewStepsOf({ user_id: "c1", status: "issued" }, "a1", functions("commission.issue", "commission.approve"))).toEqual([]);
  });
});
