// Whether the console offers a ticket's commands: the user's function, and the ticket within
// what the service desk lets them change (`may_change`: their own write scope, or raised to
// their node by the escalation ladder) — a region manager reads a dealer's complaints but works
// only those raised to the region.
import type { Session } from "../../session";

export function worksOn(session: Pick<Session, "functions">, ticket: { may_change: boolean }): boolean {
  return session.functions.includes("ticket.manage") && ticket.may_change;
}
