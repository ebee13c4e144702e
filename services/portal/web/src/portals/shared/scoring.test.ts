import { describe, expect, it } from "vitest";
import { modelState, percent } from "./scoring";

const book = (owner_org: string, version: number, in_use: boolean, auc = 0.8) => ({ owner_org, version, in_use, auc });

describe("the lead-scoring models' report", () => {
  const models = [book("d1", 3, true), book("d1", 2, false), book("d2", 1, false, 0.55)];

  it("says why a version does not score leads", () => {
    expect(modelState(models[0]!, models)).toBe("in_use");
    expect(modelState(models[1]!, models)).toBe("superseded");
    expect(modelState(models[2]!, models)).toBe("weak");
  });

  it("shows a share as a percent", () => {
    expect(percent(0.4234)).toBe("42.3%");
    expect(percent(1)).toBe("100.0%");
  });
});
