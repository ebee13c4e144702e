import { describe, expect, it } from "vitest";
import { clock, percent, waitedSeconds } from "./wallboard";

describe("the wallboard between pushes", () => {
  it("counts the longest wait up from the oldest caller's start", () => {
    const now = Date.parse("2026-12-07T02:00:00Z");
    expect(waitedSeconds("2026-12-07T01:58:45Z", now)).toBe(75);
    expect(waitedSeconds(null, now)).toBe(0);
    expect(waitedSeconds("2026-12-07T02:00:05Z", now)).toBe(0);
  });

  it("shows waits as a clock and missing rates as a dash", () => {
    expect(clock(75)).toBe("1:15");
    expect(clock(3725)).toBe("1:02:05");
    expect(percent(null)).toBe("—");
    expect(percent(92.5)).toBe("92.5%");
  });
});
