import { describe, expect, it } from "vitest";
import { RESOURCES } from "./i18n";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("i18n", () => {
  it("has every Chinese word in English too", () => {
    expect(keys(RESOURCES.en).sort()).toEqual(keys(RESOURCES["zh-CN"]).sort());
  });
});
