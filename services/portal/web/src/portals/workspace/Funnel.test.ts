import { describe, expect, it } from "vitest";
import { winRateText } from "./Funnel";

describe("win/loss by competitor", () => {
  it("shows a win rate as a percentage, and a dash while nothing was decided", () => {
    expect([winRateText(0.5), winRateText(0), winRateText(null)]).toEqual(["50%", "0%", "—"]);
  });
});
