// Which portals and menu entries a user gets: from the functions their roles carry (the token's
// roles, mapped by the same table the services check), never from a guess by user name.
import type { Session } from "./session";

export type PortalKey = "workspace" | "dealer" | "hq" | "partner" | "service";

export type MenuEntry = { path: string; label: string; needs: string[]; anyOf?: string[] };

/** Every entry needs all of its functions (`needs`), and at least one of `anyOf` if given. */
export const MENUS: Record<PortalKey, MenuEntry[]> = {
  workspace: [
    { path: "/workspace/leads", label: "menu.myLeads", needs: ["lead.work"] },
    { path: "/workspace/pool", label: "menu.pool", needs: ["lead.claim"] },
    { path: "/workspace/reception", label: "menu.reception", needs: ["lead.create", "lead.work"] },
    { path: "/workspace/customers", label: "customer.menu", needs: ["lead.read", "lead.work"] },
    { path: "/workspace/board", label: "menu.board", needs: ["opportunity.work"] },
    { path: "/workspace/funnel", label: "menu.funnel", needs: ["opportunity.read"] },
    { path: "/workspace/targets", label: "menu.myTargets", needs: ["kpi.read", "lead.claim"] },
    { path: "/workspace/commission", label: "commission.mine", needs: ["kpi.read", "lead.claim"] },
    { path: "/workspace/assessments", label: "assessment.mine", needs: ["kpi.read", "lead.claim"] },
  ],
  dealer: [
    { path: "/dealer/leads", label: "menu.assign", needs: ["lead.assign"] },
    { path: "/dealer/approvals", label: "menu.approvals", needs: ["quote.approve"] },
    { path: "/dealer/pools", label: "menu.poolRules", needs: ["pool.manage"] },
    { path: "/dealer/routing", label: "routing.menu", needs: ["pool.manage"] },
    { path: "/dealer/scoring", label: "scoring.menu", needs: ["pool.manage"] },
    { path: "/dealer/grades", label: "menu.gradesNurture", needs: ["pool.manage", "lead.assign"] },
    { path: "/dealer/imports", label: "menu.imports", needs: ["lead.import"] },
    { path: "/dealer/customers", label: "customer.menu", needs: ["lead.read"] },
    { path: "/dealer/hand-overs", label: "handOver.menu", needs: ["lead.assign", "user.read"] },
    { path: "/dealer/meeting", label: "menu.salesMeeting", needs: ["kpi.read"] },
    { path: "/dealer/segments", label: "segments.menu", needs: ["lead.read"] },
    { path: "/dealer/competitors", label: "competitors.menu", needs: ["pipeline.manage"] },
    { path: "/dealer/targets", label: "menu.teamTargets", needs: ["target.manage"] },
    { path: "/dealer/expenses", label: "expenses.menu", needs: ["kpi.read", "target.manage"] },
    { path: "/dealer/commission", label: "commission.menu", needs: ["commission.manage"] },
    { path: "/dealer/kpis", label: "kpi.catalogue", needs: ["kpi.define"] },
    { path: "/dealer/sharing", label: "menu.sharing", needs: ["sharing.manage"] },
    { path: "/dealer/users", label: "menu.users", needs: ["user.manage"] },
  ],
  hq: [
    { path: "/hq/dashboard", label: "menu.dashboard", needs: ["kpi.read"] },
    { path: "/hq/kpis", label: "kpi.catalogue", needs: ["kpi.read"] },
    { path: "/hq/commission", label: "commission.ofDealers", needs: ["kpi.read"] },
    // The dealers' expenses as they share KPI records; HQ's sales planners enter their own.
    { path: "/hq/expenses", label: "expenses.menu", needs: ["kpi.read"] },
    { path: "/hq/distribution", label: "menu.distribution", needs: ["lead.distribute"] },
    // HQ's (or a region's) own book of leads is routed by its own rules.
    { path: "/hq/routing", label: "routing.menu", needs: ["pool.manage"] },
    { path: "/hq/scoring", label: "scoring.menu", needs: ["pool.manage"] },
    { path: "/hq/customers", label: "customer.menu", needs: ["lead.read"] },
    { path: "/hq/segments", label: "segments.menu", needs: ["lead.read"] },
    // Scorers (region managers, sales planning: who plan targets) and the reviewers (the sales
    // VP, HR).
    { path: "/hq/assessments", label: "assessment.menu", needs: ["kpi.read"], anyOf: ["target.manage", "assessment.review"] },
    { path: "/hq/competitors", label: "competitors.menu", needs: ["pipeline.manage"] },
    { path: "/hq/catalogue", label: "menu.catalogue", needs: ["catalog.publish"] },
    { path: "/hq/targets", label: "menu.targetCascade", needs: ["target.manage"] },
    { path: "/hq/org", label: "menu.org", needs: ["org.manage"] },
  ],
  partner: [
    { path: "/partner/applications", label: "menu.applications", needs: ["partner.read"] },
    { path: "/partner/jobs", label: "desk.menu.jobs", needs: ["partner.read"] },
    { path: "/partner/parts-claims", label: "desk.menu.claims", needs: ["partner.read"] },
  ],
  service: [
    { path: "/service/tasks", label: "menu.callTasks", needs: ["call.read"] },
    { path: "/service/call-lists", label: "callLists.menu", needs: ["call.manage"] },
    { path: "/service/calls", label: "menu.calls", needs: ["call.make"] },
    { path: "/service/console", label: "menu.console", needs: ["call.make"] },
    { path: "/service/wallboard", label: "menu.wallboard", needs: ["call.manage"] },
    { path: "/service/recordings", label: "menu.recordings", needs: ["call.review"] },
    { path: "/service/tickets", label: "menu.tickets", needs: ["ticket.manage"] },
    { path: "/service/knowledge", label: "desk.menu.knowledge", needs: ["ticket.read"] },
    { path: "/service/agreements", label: "desk.menu.agreements", needs: ["ticket.manage"] },
    { path: "/service/surveys", label: "desk.menu.surveys", needs: ["ticket.read"] },
    { path: "/service/care", label: "desk.menu.care", needs: ["service.configure"] },
  ],
};

const DEALER_ROLES = ["dealer_admin", "sales_manager"];
const HQ_ROLES = ["hq_admin", "hq_analyst", "sales_vp", "hr", "region_manager"];

export function portalsOf(session: Pick<Session, "roles" | "functions">): PortalKey[] {
  const portals: PortalKey[] = [];
  const has = (fn: string) => session.functions.includes(fn);
  if (session.roles.some((r) => HQ_ROLES.includes(r))) portals.push("hq");
  if (session.roles.some((r) => DEALER_ROLES.includes(r))) portals.push("dealer");
  if (has("lead.work") || has("opportunity.work")) portals.push("workspace");
  if (has("partner.read")) portals.push("partner");
  // ticket.read alone: HQ's analysts and the regions read survey results and the knowledge base.
  if (["ticket.read", "ticket.manage", "call.make", "call.manage", "call.review"].some(has)) portals.push("service");
  return portals;
}

export function menuOf(session: Pick<Session, "roles" | "functions">, portal: PortalKey) {
  const has = (fn: string) => session.functions.includes(fn);
  return MENUS[portal].filter((entry) => entry.needs.every(has) && (!entry.anyOf || entry.anyOf.some(has)));
}

/** Where a user lands after login: the first page of their first portal. */
export function homeOf(session: Pick<Session, "roles" | "functions">): string {
  for (const portal of portalsOf(session)) {
    const first = menuOf(session, portal)[0];
    if (first) return first.path;
  }
  return "/unavailable";
}

const CUSTOMER_FILES: Partial<Record<PortalKey, string>> = {
  workspace: "/workspace/customers",
  dealer: "/dealer/customers",
  hq: "/hq/customers",
};

/** Where the user finds customer files (客户档案): the customer search of their first portal
 * whose menu has it; null for those who may not read them (a hotline agent). */
export function customerFilesOf(session: Pick<Session, "roles" | "functions">): string | null {
  for (const portal of portalsOf(session)) {
    const path = CUSTOMER_FILES[portal];
    if (path && menuOf(session, portal).some((entry) => entry.path === path)) return path;
  }
  return null;
}
