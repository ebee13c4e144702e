// The call center's screen pop (server-sent events, `event: screen-pop`) as the console shows
// it: who is calling as far as leads' policy lets the agent see them.

export type ScreenPop = {
  call_id: string;
  direction: string;
  rang_at: string;
  pushed_at: string;
  known: boolean;
  customer_phone: string;
  customer_id: string | null;
  lead_id: string | null;
  customer_name: string;
  owner_org: string;
  owner_user: string;
  /** The owner's name as the call center knows them (its agents and the dealers' consultants
   * who take calls), else as leads knows them; empty while nobody works the lead. */
  owner_name: string;
  status: string;
  grade: string;
  routing_only: boolean;
  /** Leads' directory did not answer in time: who calls is not known (maybe a customer). */
  directory_unavailable?: boolean;
};

/** unavailable: leads did not answer, only the number (no new lead: they may be a customer);
 * unknown: no customer file, offer a new ticket; routing: another dealer's customer, only who
 * works them and the lead's status (to put the call through); customer: the caller's file. */
export type PopKind = "unavailable" | "unknown" | "routing" | "customer";

export type PopView = { kind: PopKind; title: string; fields: [string, string][]; leadId: string | null };

export const MAX_POPS = 20;

export function popView(pop: ScreenPop): PopView {
  if (pop.directory_unavailable) return { kind: "unavailable", title: pop.customer_phone, fields: [], leadId: null };
  if (!pop.known) return { kind: "unknown", title: pop.customer_phone, fields: [], leadId: null };
  // The owner by name only: a user id tells an agent nothing (the id stays in the pop for the
  // transfer to them).
  const who: [string, string][] = [
    ["owner_org", pop.owner_org],
    ["owner_user", pop.owner_name],
    ["status", pop.status],
  ];
  if (pop.routing_only) return { kind: "routing", title: pop.customer_phone, fields: who.filter(([, v]) => v), leadId: null };
  const fields: [string, string][] = [["customer_phone", pop.customer_phone], ...who, ["grade", pop.grade]];
  return { kind: "customer", title: pop.customer_name || pop.customer_phone, fields: fields.filter(([, v]) => v), leadId: pop.lead_id };
}

/** The newest pop first, each call once (a pop pushed again replaces the earlier one). */
export function withPop(pops: ScreenPop[], pop: ScreenPop): ScreenPop[] {
  return [pop, ...pops.filter((p) => p.call_id !== pop.call_id)].slice(0, MAX_POPS);
}
