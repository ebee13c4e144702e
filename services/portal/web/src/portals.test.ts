import { describe, expect, it } from "vitest";
import { customerFilesOf, homeOf, menuOf, portalsOf } from "./portals";

const consultant = {
  roles: ["sales_consultant"],
  functions: ["kpi.read", "lead.claim", "lead.create", "lead.read", "lead.work", "opportunity.read", "opportunity.work", "order.manage"],
};
const manager = {
  roles: ["sales_manager"],
  functions: ["kpi.read", "lead.assign", "lead.create", "lead.work", "opportunity.read", "opportunity.work", "pool.manage", "quote.approve"],
};
const partner = { roles: ["partner_user"], functions: ["partner.read", "partner.update"] };
const analyst = { roles: ["hq_analyst"], functions: ["kpi.read", "kpi.define", "lead.read", "opportunity.read"] };

describe("portals and menus follow the user's functions", () => {
  it("gives a consultant the workspace only, starting with their leads", () => {
    expect(portalsOf(consultant)).toEqual(["workspace"]);
    expect(homeOf(consultant)).toBe("/workspace/leads");
    expect(menuOf(consultant, "workspace").map((m) => m.path)).toContain("/workspace/pool");
  });

  it("gives a manager the dealer portal first and the workspace too", () => {
    expect(portalsOf(manager)).toEqual(["dealer", "workspace"]);
    expect(menuOf(manager, "dealer").map((m) => m.path)).toContain("/dealer/approvals");
    // Grades and the nurture list: who sets the pools' rules and assigns leads.
    expect(menuOf(manager, "dealer").map((m) => m.path)).toContain("/dealer/grades");
    expect(menuOf({ ...manager, functions: manager.functions.filter((f) => f !== "lead.assign") }, "dealer").map((m) => m.path)).not.toContain("/dealer/grades");
    // A manager does not claim from the pool: that entry needs lead.claim.
    expect(menuOf(manager, "workspace").map((m) => m.path)).not.toContain("/workspace/pool");
  });

  it("shows an analyst the dashboard but not lead distribution", () => {
    expect(portalsOf(analyst)).toEqual(["hq"]);
    expect(menuOf(analyst, "hq").map((m) => m.path)).toEqual(["/hq/dashboard", "/hq/kpis", "/hq/commission", "/hq/expenses", "/hq/customers", "/hq/segments"]);
  });

  it("gives commission to those the kpi service lets manage it, and each consultant their own", () => {
    expect(menuOf({ ...manager, functions: [...manager.functions, "commission.manage"] }, "dealer").map((m) => m.path)).toContain("/dealer/commission");
    expect(menuOf(manager, "dealer").map((m) => m.path)).not.toContain("/dealer/commission");
    expect(menuOf(consultant, "workspace").map((m) => m.path)).toContain("/workspace/commission");
  });

  it("gives competitors to who keeps the lists, tiered assessment to scorers and reviewers, segments to lead readers", () => {
    const keeper = { ...manager, functions: [...manager.functions, "pipeline.manage", "lead.read"] };
    expect(menuOf(keeper, "dealer").map((m) => m.path)).toEqual(expect.arrayContaining(["/dealer/competitors", "/dealer/segments"]));
    expect(menuOf(manager, "dealer").map((m) => m.path)).not.toContain("/dealer/competitors");
    const region = { roles: ["region_manager"], functions: ["kpi.read", "lead.read", "target.manage"] };
    expect(menuOf(region, "hq").map((m) => m.path)).toEqual(expect.arrayContaining(["/hq/assessments", "/hq/segments"]));
    expect(menuOf(analyst, "hq").map((m) => m.path)).not.toContain("/hq/assessments");
    expect(menuOf(consultant, "workspace").map((m) => m.path)).toContain("/workspace/assessments");
    // The reviewers: the sales VP and HR reach it in the HQ portal, without planning targets.
    for (const role of ["sales_vp", "hr"]) {
      const reviewer = { roles: [role], functions: ["user.read", "kpi.read", "assessment.review"] };
      expect(portalsOf(reviewer)).toEqual(["hq"]);
      expect(menuOf(reviewer, "hq").map((m) => m.path)).toContain("/hq/assessments");
      expect(menuOf(reviewer, "hq").map((m) => m.path)).not.toContain("/hq/targets");
    }
  });

  it("gives routing rules and scoring models to who runs the pools, expenses to who plans sales", () => {
    expect(menuOf(manager, "dealer").map((m) => m.path)).toEqual(expect.arrayContaining(["/dealer/routing", "/dealer/scoring"]));
    expect(menuOf(manager, "dealer").map((m) => m.path)).not.toContain("/dealer/expenses");
    expect(menuOf({ ...manager, functions: [...manager.functions, "target.manage"] }, "dealer").map((m) => m.path)).toContain("/dealer/expenses");
    const hqAdmin = { roles: ["hq_admin"], functions: ["kpi.read", "pool.manage", "target.manage"] };
    expect(menuOf(hqAdmin, "hq").map((m) => m.path)).toEqual(expect.arrayContaining(["/hq/routing", "/hq/scoring", "/hq/expenses"]));
    expect(menuOf(analyst, "hq").map((m) => m.path)).not.toContain("/hq/routing");
  });

  it("gives a partner the applications queue, its repair jobs and the parts claims naming it", () => {
    expect(homeOf(partner)).toBe("/partner/applications");
    expect(menuOf(partner, "partner").map((m) => m.path)).toEqual(["/partner/applications", "/partner/jobs", "/partner/parts-claims"]);
  });

  it("gives the service desk's readers survey results and articles, its configurers the care rules", () => {
    const advisor = { roles: ["service_advisor"], functions: ["ticket.read", "ticket.manage"] };
    expect(homeOf(advisor)).toBe("/service/tickets");
    expect(menuOf(advisor, "service").map((m) => m.path)).toEqual(["/service/tickets", "/service/knowledge", "/service/agreements", "/service/surveys"]);
    const reader = { roles: ["hq_analyst"], functions: ["kpi.read", "ticket.read"] };
    expect(menuOf(reader, "service").map((m) => m.path)).toEqual(["/service/knowledge", "/service/surveys"]);
    // The region works the tickets the escalation ladder raised to it.
    const region = { roles: ["region_manager"], functions: ["kpi.read", "ticket.read", "ticket.manage", "ticket.assign", "service.configure"] };
    expect(portalsOf(region)).toEqual(["hq", "service"]);
    expect(menuOf(region, "service").map((m) => m.path)).toEqual(["/service/tickets", "/service/knowledge", "/service/agreements", "/service/surveys", "/service/care"]);
  });

  it("gives call-center agents the service portal, starting with their call tasks", () => {
    const agent = { roles: ["call_center_agent"], functions: ["call.read", "call.make", "call.route", "ticket.manage"] };
    expect(homeOf(agent)).toBe("/service/tasks");
  });

  it("gives a call-center supervisor the wallboard and recording QA, not an agent", () => {
    const supervisor = { roles: ["call_center_supervisor"], functions: ["call.read", "call.make", "call.manage", "call.review"] };
    const agent = { roles: ["call_center_agent"], functions: ["call.read", "call.make", "call.route"] };
    expect(menuOf(supervisor, "service").map((m) => m.path)).toEqual(expect.arrayContaining(["/service/wallboard", "/service/recordings"]));
    expect(menuOf(agent, "service").map((m) => m.path)).not.toContain("/service/recordings");
    // A dealer's sales manager approves cancellations and checks recordings without making calls.
    const dealerManager = { roles: ["sales_manager"], functions: ["call.read", "call.manage", "call.review", "kpi.read"] };
    expect(portalsOf(dealerManager)).toContain("service");
  });

  it("gives customer files to those who read leads, in their first portal, and hand-overs to managers", () => {
    expect(customerFilesOf(consultant)).toBe("/workspace/customers");
    const dealerManager = { ...manager, functions: [...manager.functions, "lead.read", "user.read"] };
    expect(customerFilesOf(dealerManager)).toBe("/dealer/customers");
    expect(menuOf(dealerManager, "dealer").map((m) => m.path)).toContain("/dealer/hand-overs");
    expect(customerFilesOf(analyst)).toBe("/hq/customers");
    const agent = { roles: ["call_center_agent"], functions: ["call.read", "call.make", "call.route", "ticket.manage"] };
    expect(customerFilesOf(agent)).toBeNull();
    expect(menuOf(consultant, "workspace").map((m) => m.path)).not.toContain("/dealer/hand-overs");
  });

  it("sends a user without any portal function to 'not available'", () => {
    expect(homeOf({ roles: [], functions: [] })).toBe("/unavailable");
  });
});
