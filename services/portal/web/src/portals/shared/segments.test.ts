import { describe, expect, it } from "vitest";
import { quadrantMap, quadrantSeries, stageSeries } from "./segments";

const dealer = {
  stages: { prospect: 3, signed: 1, end_user: 2, repeat: 1 },
  quadrants: { frequent_high_value: 1, frequent_low_value: 0, occasional_high_value: 2, occasional_low_value: 1 },
};
const quiet = { stages: { prospect: 4 }, quadrants: {} };

describe("customer segments", () => {
  it("lists each stage's customers per node along the lifecycle", () => {
    expect(stageSeries([dealer, quiet])).toEqual([
      { stage: "prospect", counts: [3, 4] },
      { stage: "signed", counts: [1, 0] },
      { stage: "end_user", counts: [2, 0] },
      { stage: "repeat", counts: [1, 0] },
    ]);
    expect(quadrantSeries([quiet]).map((s) => s.counts)).toEqual([[0], [0], [0], [0]]);
  });

  it("maps frequency x value with high value on top and frequent on the left", () => {
    expect(quadrantMap(dealer)).toEqual([
      [1, 2],
      [0, 1],
    ]);
  });
});
