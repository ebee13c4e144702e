import { describe, expect, it } from "vitest";
import { portalPathOf } from "./inbox";

const LEAD = "3f2b6a8e-1c4d-4e5f-8a9b-0c1d2e3f4a5b";
const QUOTE = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const consultant = { roles: ["sales_consultant"], functions: ["lead.claim", "lead.work", "opportunity.work"] };
const manager = { roles: ["sales_manager"], functions: ["lead.assign", "lead.work", "pool.manage", "quote.approve"] };
const admin = { roles: ["dealer_admin"], functions: ["lead.assign", "pool.manage", "quote.approve"] };
const agent = { roles: ["call_center_agent"], functions: ["call.make"] };

describe("a notice opens where its reader acts on it", () => {
  it("opens a lead in the reader's workspace", () => {
    expect(portalPathOf({ kind: "lead_recycle_due", link: `/leads/${LEAD}` }, consultant)).toBe(`/workspace/leads/${LEAD}`);
    expect(portalPathOf({ kind: "lead_escalated", link: `/leads/${LEAD}` }, manager)).toBe(`/workspace/leads/${LEAD}`);
  });

  it("sends a manager without a workspace to the dealer page for the kind", () => {
    expect(portalPathOf({ kind: "lead_escalated", link: `/leads/${LEAD}` }, admin)).toBe("/dealer/grades");
    expect(portalPathOf({ kind: "lead_claim_blocked", link: `/leads/${LEAD}` }, admin)).toBe("/dealer/pools");
    expect(portalPathOf({ kind: "lead_callback_due", link: `/leads/${LEAD}` }, admin)).toBe("/dealer/leads");
  });

  it("opens a quote awaiting approval among the approvals", () => {
    expect(portalPathOf({ kind: "quote_approval_requested", link: `/quotes/${QUOTE}` }, manager)).toBe("/dealer/approvals");
    expect(portalPathOf({ kind: "quote_approval_requested", link: `/quotes/${QUOTE}` }, consultant)).toBeNull();
  });

  it("offers no page where the reader's menus have none or the link is not known", () => {
    expect(portalPathOf({ kind: "lead_recycle_due", link: `/leads/${LEAD}` }, agent)).toBeNull();
    expect(portalPathOf({ kind: "lead_recycle_due", link: "/leads/../users" }, consultant)).toBeNull();
    expect(portalPathOf({ kind: "lead_recycle_due", link: "https://elsewhere.example/leads" }, consultant)).toBeNull();
  });
});
