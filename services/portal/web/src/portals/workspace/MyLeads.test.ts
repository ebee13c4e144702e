import { describe, expect, it } from "vitest";
import { dueFirst, dueToday } from "./MyLeads";

const lead = (id: string, due: string | null) => ({ id, next_follow_up_due: due }) as never;

describe("my leads", () => {
  it("puts the follow-ups due first on top, leads without a due date last", () => {
    const sorted = dueFirst([lead("later", "2026-12-20T00:00:00Z"), lead("none", null), lead("overdue", "2026-12-01T00:00:00Z")]);
    expect(sorted.map((l: { id: string }) => l.id)).toEqual(["overdue", "later", "none"]);
  });

  it("marks what is due by the end of today", () => {
    const now = new Date("2026-12-06T10:00:00");
    expect(dueToday(lead("a", new Date("2026-12-06T18:00:00").toISOString()), now)).toBe(true);
    expect(dueToday(lead("b", new Date("2026-12-07T09:00:00").toISOString()), now)).toBe(false);
    expect(dueToday(lead("c", null), now)).toBe(false);
  });
});
