// Lists a screen shows whole, without a pager of its own: the services answer a page at a time
// (the first 200 unless asked), so each is read page after page — a sharing table, the
// commission plans, a competitor picker, an opportunity's quotes, a lead's or a ticket's
// history would otherwise stop at the first page without saying so.
import { allPages, data, identity, kpi, leads, MAX_OFFSET, opportunities, serviceDesk } from "../../api/client";
import type { components } from "../../api/generated/kpi";

/** The longest page the services answer of these lists. */
export const LIST_PAGE = 500;
/** The longest page kpi answers of its assessment forms. */
export const FORMS_PAGE = 200;

export function fetchSharing() {
  return allPages((limit, offset) => data(identity.GET("/sharing", { params: { query: { limit, offset } } })), LIST_PAGE);
}

export function fetchCommissionPlans() {
  return allPages((limit, offset) => data(kpi.GET("/kpi/commission/plans", { params: { query: { limit, offset } } })), LIST_PAGE);
}

export function fetchAssessmentForms() {
  return allPages((limit, offset) => data(kpi.GET("/kpi/assessment-forms", { params: { query: { limit, offset } } })), FORMS_PAGE);
}

export function fetchCompetitors(retired = false) {
  return allPages((limit, offset) => data(opportunities.GET("/competitors", { params: { query: { retired, limit, offset } } })), LIST_PAGE);
}

export function fetchQuotes(opportunityId: string) {
  return allPages(
    (limit, offset) => data(opportunities.GET("/opportunities/{opportunity_id}/quotes", { params: { path: { opportunity_id: opportunityId }, query: { limit, offset } } })),
    LIST_PAGE,
  );
}

export function fetchLeadHistory(leadId: string) {
  return allPages((limit, offset) => data(leads.GET("/leads/{lead_id}/history", { params: { path: { lead_id: leadId }, query: { limit, offset } } })), LIST_PAGE);
}

export function fetchTicketEntries(ticketId: string) {
  return allPages((limit, offset) => data(serviceDesk.GET("/tickets/{ticket_id}/entries", { params: { path: { ticket_id: ticketId }, query: { limit, offset } } })), LIST_PAGE);
}

export function fetchTicketHistory(ticketId: string) {
  return allPages((limit, offset) => data(serviceDesk.GET("/tickets/{ticket_id}/history", { params: { path: { ticket_id: ticketId }, query: { limit, offset } } })), LIST_PAGE);
}

export function fetchTicketAttachments(ticketId: string) {
  return allPages(
    (limit, offset) => data(serviceDesk.GET("/tickets/{ticket_id}/attachments", { params: { path: { ticket_id: ticketId }, query: { limit, offset } } })),
    LIST_PAGE,
  );
}

/** A month's commission statements and totals per dealer: kpi pages both lists together, so
 * pages are read until both come short. */
export async function fetchMonthStatements(month: string): Promise<components["schemas"]["Statements"]> {
  const whole: components["schemas"]["Statements"] = { month, statements: [], dealers: [] };
  for (let offset = 0; offset <= MAX_OFFSET; offset += LIST_PAGE) {
    const page = await data(kpi.GET("/kpi/commission/statements", { params: { query: { month, limit: LIST_PAGE, offset } } }));
    whole.statements.push(...page.statements);
    whole.dealers.push(...page.dealers);
    if (page.statements.length < LIST_PAGE && page.dealers.length < LIST_PAGE) return whole;
  }
  throw new Error(`more than ${MAX_OFFSET} statements: too many to show at once`);
}
