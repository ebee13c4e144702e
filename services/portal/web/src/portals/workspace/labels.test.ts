import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { historyLabel } from "./labels";

describe("historyLabel", () => {
  const zh = i18n.getFixedT("zh-CN");

  it("words a lead's history in Chinese, not the service's codes", () => {
    expect(historyLabel(zh, { kind: "followed_up", reason: "call" })).toBe("跟进 · 电话");
    expect(historyLabel(zh, { kind: "graded", reason: "- → ready_to_buy" })).toBe("评级 · - → 准购买");
    expect(historyLabel(zh, { kind: "claimed" })).toBe("领取线索");
  });

  it("keeps a reason it has no words for as written", () => {
    expect(historyLabel(zh, { kind: "released", reason: "客户已买车", rule: null })).toBe("释放线索 · 客户已买车");
  });
});
