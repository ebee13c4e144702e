import { describe, expect, it } from "vitest";
import { byUrgency, DUE_SOON_MS, duration, firstResponseClock, nextClock, resolutionClock, slaClass } from "./sla";

const NOW = Date.parse("2026-12-07T10:00:00Z");
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

function ticket(fields: Record<string, unknown> = {}) {
  return {
    id: String(fields.id ?? "t"),
    status: "open",
    first_responded_at: null,
    response_due_at: at(120),
    resolve_due_at: at(24 * 60),
    resolved_at: null,
    closed_at: null,
    ...fields,
  } as never as Parameters<typeof nextClock>[0] & { id: string };
}

describe("SLA clocks", () => {
  it("runs the first-response clock until a reply is given, then the resolution's", () => {
    expect(nextClock(ticket(), NOW)).toEqual({ target: "first_response", state: "on_track", remainingMs: 120 * 60_000 });
    const answered = ticket({ first_responded_at: at(-5) });
    expect(firstResponseClock(answered, NOW).state).toBe("met");
    expect(nextClock(answered, NOW)).toMatchObject({ target: "resolution", state: "on_track" });
  });

  it("is due soon within the last hour and breached once the due time has passed", () => {
    expect(nextClock(ticket({ response_due_at: at(DUE_SOON_MS / 60_000) }), NOW).state).toBe("due_soon");
    expect(nextClock(ticket({ response_due_at: at(61) }), NOW).state).toBe("on_track");
    const late = nextClock(ticket({ response_due_at: at(-30) }), NOW);
    expect(late.state).toBe("breached");
    expect(late.remainingMs).toBe(-30 * 60_000);
  });

  it("stands while the ticket waits, and is met once it is resolved or closed", () => {
    const waiting = ticket({ status: "waiting", resolve_due_at: null });
    expect(nextClock(waiting, NOW).state).toBe("paused");
    expect(resolutionClock(ticket({ status: "resolved", resolved_at: at(-1) }), NOW).state).toBe("met");
    expect(nextClock(ticket({ status: "closed", closed_at: at(-1) }), NOW).state).toBe("met");
    expect(nextClock(ticket({ response_due_at: null, first_responded_at: null, resolve_due_at: null }), NOW).state).toBe("none");
  });

  it("puts the longest overdue first, then the least time left, the rest after", () => {
    const sorted = byUrgency(
      [
        ticket({ id: "done", status: "closed", closed_at: at(-1) }),
        ticket({ id: "later", response_due_at: at(300) }),
        ticket({ id: "overdue", response_due_at: at(-10) }),
        ticket({ id: "soon", response_due_at: at(20) }),
        ticket({ id: "very-overdue", first_responded_at: at(-100), resolve_due_at: at(-60) }),
      ],
      NOW,
    );
    expect(sorted.map((t) => t.id)).toEqual(["very-overdue", "overdue", "soon", "later", "done"]);
  });

  it("writes durations the way a desk reads them and colours each state", () => {
    expect(duration(5 * 60_000)).toBe("5m");
    expect(duration(65 * 60_000)).toBe("1h 05m");
    expect(duration(-(2 * 1440 + 180) * 60_000)).toBe("2d 3h");
    expect(slaClass("breached")).toBe("sla-tag sla-breached");
    expect(slaClass("due_soon")).toBe("sla-tag sla-due-soon");
    expect(slaClass("on_track")).toBe("sla-tag sla-on-track");
  });
});
