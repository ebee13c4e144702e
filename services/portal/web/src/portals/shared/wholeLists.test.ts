import { afterEach, describe, expect, it, vi } from "vitest";
import { identity, kpi, leads, opportunities, serviceDesk } from "../../api/client";
import {
  fetchAssessmentForms,
  fetchCommissionPlans,
  fetchCompetitors,
  fetchLeadHistory,
  fetchMonthStatements,
  fetchQuotes,
  fetchSharing,
  fetchTicketAttachments,
  fetchTicketEntries,
  fetchTicketHistory,
  FORMS_PAGE,
  LIST_PAGE,
} from "./wholeLists";

afterEach(() => vi.restoreAllMocks());

type Query = { limit: number; offset: number } & Record<string, unknown>;
type Init = { params: { path?: Record<string, string>; query: Query } };

const lists = [
  ["a dealer's sharing agreements", identity, "/sharing", () => fetchSharing(), LIST_PAGE, {}, {}],
  ["the commission plans", kpi, "/kpi/commission/plans", () => fetchCommissionPlans(), LIST_PAGE, {}, {}],
  ["the assessment forms", kpi, "/kpi/assessment-forms", () => fetchAssessmentForms(), FORMS_PAGE, {}, {}],
  ["the retired competitors", opportunities, "/competitors", () => fetchCompetitors(true), LIST_PAGE, {}, { retired: true }],
  ["an opportunity's quotes", opportunities, "/opportunities/{opportunity_id}/quotes", () => fetchQuotes("o1"), LIST_PAGE, { opportunity_id: "o1" }, {}],
  ["a lead's history", leads, "/leads/{lead_id}/history", () => fetchLeadHistory("l1"), LIST_PAGE, { lead_id: "l1" }, {}],
  ["a ticket's entries", serviceDesk, "/tickets/{ticket_id}/entries", () => fetchTicketEntries("t1"), LIST_PAGE, { ticket_id: "t1" }, {}],
  ["a ticket's history", serviceDesk, "/tickets/{ticket_id}/history", () => fetchTicketHistory("t1"), LIST_PAGE, { ticket_id: "t1" }, {}],
  ["a ticket's attachments", serviceDesk, "/tickets/{ticket_id}/attachments", () => fetchTicketAttachments("t1"), LIST_PAGE, { ticket_id: "t1" }, {}],
] as const;

describe("lists a screen shows whole", () => {
  it.each(lists)("%s are read page after page, past the service's first page", async (_, service, path, fetchAll, page, pathParams, extra) => {
    const rows = Array.from({ length: page + 3 }, (_, i) => ({ id: `r${i}` }));
    const asked: [string, Init["params"]][] = [];
    vi.spyOn(service, "GET").mockImplementation((async (asks: string, init: Init) => {
      const { limit, offset } = init.params.query;
      asked.push([asks, init.params]);
      return { data: rows.slice(offset, offset + limit), response: new Response(null, { status: 200 }) };
    }) as never);
    const all = await fetchAll();
    expect(all).toHaveLength(page + 3);
    const pathPart = Object.keys(pathParams).length ? { path: pathParams } : {};
    expect(asked).toEqual([
      [path, { ...pathPart, query: { ...extra, limit: page, offset: 0 } }],
      [path, { ...pathPart, query: { ...extra, limit: page, offset: page } }],
    ]);
  });
});

describe("a month's commission statements", () => {
  it("are read until both the statements and the dealers' totals come short", async () => {
    const statements = Array.from({ length: LIST_PAGE + 3 }, (_, i) => ({ id: `s${i}` }));
    const dealers = Array.from({ length: 2 }, (_, i) => ({ dealer_id: `d${i}` }));
    const asked: Query[] = [];
    vi.spyOn(kpi, "GET").mockImplementation((async (_: string, init: Init) => {
      const { limit, offset } = init.params.query;
      asked.push(init.params.query);
      const page = { month: "2026-11", statements: statements.slice(offset, offset + limit), dealers: dealers.slice(offset, offset + limit) };
      return { data: page, response: new Response(null, { status: 200 }) };
    }) as never);
    const whole = await fetchMonthStatements("2026-11");
    expect(whole.statements).toHaveLength(LIST_PAGE + 3);
    expect(whole.dealers).toHaveLength(2);
    expect(asked).toEqual([
      { month: "2026-11", limit: LIST_PAGE, offset: 0 },
      { month: "2026-11", limit: LIST_PAGE, offset: LIST_PAGE },
    ]);
  });
});
