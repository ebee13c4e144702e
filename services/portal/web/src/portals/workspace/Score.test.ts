import { describe, expect, it } from "vitest";
import { factorText, scoreColour } from "./Score";

describe("lead score", () => {
  it("reads a factor as words and the way it pushes the score", () => {
    expect(factorText({ factor: "test_drives", effect: 0.9 })).toBe("test drives ↑");
    expect(factorText({ factor: "source=flyer", effect: -0.4 })).toBe("source=flyer ↓");
  });

  it("colours a likely lead green, an even chance gold, the rest plain", () => {
    expect([scoreColour(81), scoreColour(55), scoreColour(12)]).toEqual(["green", "gold", undefined]);
  });
});
