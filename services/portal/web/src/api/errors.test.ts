import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";

describe("ApiError", () => {
  it("puts a 422's messages on their fields, the location dropped", () => {
    const error = new ApiError(422, {
      detail: [
        { loc: ["body", "phone"], msg: "not a phone number", type: "value_error" },
        { loc: ["body", "lines", 0, "price"], msg: "must be positive", type: "value_error" },
        { loc: ["body", "phone"], msg: "too short", type: "value_error" },
      ],
    });
    expect(error.fieldErrors).toEqual([
      { name: ["phone"], errors: ["not a phone number", "too short"] },
      { name: ["lines", 0, "price"], errors: ["must be positive"] },
    ]);
  });

  it("reads 403 and 404 as not available", () => {
    expect(new ApiError(403, { detail: "lead.claim needed" }).notAvailable).toBe(true);
    expect(new ApiError(404, { detail: "not found" }).notAvailable).toBe(true);
    expect(new ApiError(409, { detail: "claimed by someone else" }).notAvailable).toBe(false);
  });

  it("carries a conflict's reason as its message", () => {
    expect(new ApiError(409, { detail: "protected until 2026-12-01" }).message).toBe("protected until 2026-12-01");
    expect(new ApiError(409, { detail: "x" }).fieldErrors).toEqual([]);
  });
});
