import { describe, expect, it } from "vitest";
import { MAX_POPS, popView, withPop, type ScreenPop } from "./screenPop";

function pop(fields: Partial<ScreenPop> = {}): ScreenPop {
  return {
    call_id: "c1",
    direction: "inbound",
    rang_at: "2026-12-07T10:00:00Z",
    pushed_at: "2026-12-07T10:00:01Z",
    known: true,
    customer_phone: "13800138000",
    customer_id: "cust-1",
    lead_id: "lead-1",
    customer_name: "王先生",
    owner_org: "dealer-sh-01",
    owner_user: "u-1",
    owner_name: "李顾问",
    status: "open",
    grade: "intent",
    routing_only: false,
    ...fields,
  };
}

describe("screen pop", () => {
  it("shows a known caller's file with the lead to open", () => {
    const view = popView(pop());
    expect(view.kind).toBe("customer");
    expect(view.title).toBe("王先生");
    expect(view.leadId).toBe("lead-1");
    expect(Object.fromEntries(view.fields)).toMatchObject({ customer_phone: "13800138000", owner_org: "dealer-sh-01", grade: "intent" });
  });

  it("shows only who works another dealer's customer and the status, never the file", () => {
    const view = popView(pop({ routing_only: true, lead_id: null, customer_name: "", grade: "" }));
    expect(view.kind).toBe("routing");
    expect(view.leadId).toBeNull();
    expect(view.fields).toEqual([
      ["owner_org", "dealer-sh-01"],
      ["owner_user", "李顾问"],
      ["status", "open"],
    ]);
  });

  it("names the owner, never by their user id, and leaves out an owner it cannot name", () => {
    const named = popView(pop({ routing_only: true, lead_id: null }));
    expect(named.fields.map(([, v]) => v)).not.toContain("u-1");
    const unnamed = popView(pop({ routing_only: true, lead_id: null, owner_name: "" }));
    expect(unnamed.fields.map(([k]) => k)).toEqual(["owner_org", "status"]);
    expect(Object.fromEntries(popView(pop({ owner_name: "" })).fields)).not.toHaveProperty("owner_user");
  });

  it("offers nothing but the number for an unknown caller", () => {
    const view = popView(pop({ known: false, lead_id: null, customer_name: "" }));
    expect(view).toEqual({ kind: "unknown", title: "13800138000", fields: [], leadId: null });
  });

  it("offers no new lead when leads did not answer: the caller may be a customer", () => {
    const view = popView(pop({ known: false, lead_id: null, customer_name: "", directory_unavailable: true }));
    expect(view).toEqual({ kind: "unavailable", title: "13800138000", fields: [], leadId: null });
  });

  it("keeps the newest pop first, each call once, and a bounded list", () => {
    let pops = withPop([], pop({ call_id: "a" }));
    pops = withPop(pops, pop({ call_id: "b" }));
    pops = withPop(pops, pop({ call_id: "a", status: "converted" }));
    expect(pops.map((p) => [p.call_id, p.status])).toEqual([["a", "converted"], ["b", "open"]]);
    for (let n = 0; n < 30; n++) pops = withPop(pops, pop({ call_id: `x${n}` }));
    expect(pops).toHaveLength(MAX_POPS);
  });
});
