import { describe, expect, it } from "vitest";
import { worksOn } from "./ticketWork";

describe("worksOn", () => {
  const region = { functions: ["ticket.read", "ticket.manage", "ticket.assign"] };

  it("offers the commands on a ticket the user may change", () => {
    expect(worksOn(region, { may_change: true })).toBe(true);
  });

  it("leaves a ticket the user only reads without commands", () => {
    expect(worksOn(region, { may_change: false })).toBe(false);
  });

  it("offers nothing to a reader without ticket.manage", () => {
    expect(worksOn({ functions: ["ticket.read"] }, { may_change: true })).toBe(false);
  });
});
