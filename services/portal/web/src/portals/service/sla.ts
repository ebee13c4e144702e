// A ticket's SLA clocks as the service desk gives them (due times in business hours, computed
// by the service): which target runs, how long is left, and the colour a list shows for it.
import type { components } from "../../api/generated/service-desk";

type Ticket = Pick<
  components["schemas"]["TicketPublic"],
  "status" | "first_responded_at" | "response_due_at" | "resolve_due_at" | "resolved_at" | "closed_at"
>;

export type SlaTarget = "first_response" | "resolution";
/** met: done; paused: the clock stands (waiting for the customer or a partner); none: no
 * target; on_track, due_soon, breached: running. */
export type SlaState = "met" | "paused" | "none" | "on_track" | "due_soon" | "breached";
export type SlaClock = { target: SlaTarget; state: SlaState; remainingMs: number | null };

/** Under an hour left: the list shows it amber (the escalation ladder's own steps come from
 * the service; this is only what catches the eye). */
export const DUE_SOON_MS = 60 * 60 * 1000;

const FINISHED = ["resolved", "closed", "merged"];

function running(target: SlaTarget, due: string | null | undefined, now: number): SlaClock {
  if (!due) return { target, state: "none", remainingMs: null };
  const remainingMs = Date.parse(due) - now;
  const state = remainingMs < 0 ? "breached" : remainingMs <= DUE_SOON_MS ? "due_soon" : "on_track";
  return { target, state, remainingMs };
}

export function firstResponseClock(ticket: Ticket, now: number): SlaClock {
  if (ticket.first_responded_at || FINISHED.includes(ticket.status)) return { target: "first_response", state: "met", remainingMs: null };
  if (ticket.status === "waiting") return { target: "first_response", state: "paused", remainingMs: null };
  return running("first_response", ticket.response_due_at, now);
}

export function resolutionClock(ticket: Ticket, now: number): SlaClock {
  if (ticket.resolved_at || ticket.closed_at || FINISHED.includes(ticket.status)) return { target: "resolution", state: "met", remainingMs: null };
  if (ticket.status === "waiting") return { target: "resolution", state: "paused", remainingMs: null };
  return running("resolution", ticket.resolve_due_at, now);
}

/** The clock a list shows: the first response until it is given, then the resolution. A
 * breached first response stays shown even when the resolution is still on track. */
export function nextClock(ticket: Ticket, now: number): SlaClock {
  const response = firstResponseClock(ticket, now);
  return response.state === "met" ? resolutionClock(ticket, now) : response;
}

/** Most urgent first: breached (longest overdue first), then by time left; paused, met and
 * clockless tickets after them, in the order they came. */
export function byUrgency<T extends Ticket>(tickets: T[], now: number): T[] {
  const key = (ticket: T) => {
    const clock = nextClock(ticket, now);
    return clock.remainingMs ?? Number.POSITIVE_INFINITY;
  };
  return tickets
    .map((ticket, index) => ({ ticket, index, key: key(ticket) }))
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map((entry) => entry.ticket);
}

/** "2d 3h", "1h 05m", "12m" (what is left, or how long it is overdue). */
export function duration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${String(rest).padStart(2, "0")}m`;
  return `${rest}m`;
}

/** The CSS class of a clock's tag (styles.css: colours with WCAG AA contrast). */
export function slaClass(state: SlaState): string {
  return `sla-tag sla-${state.replace("_", "-")}`;
}
