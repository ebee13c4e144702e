import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import i18n from "../i18n";
import { listCutText, reasonOf } from "./feedback";

const gate = new ApiError(409, {
  detail: "record test_drive before Quote 报价",
  code: "stage_gate_not_met",
  params: { activities: ["test_drive", "site_visit"], stage: "Quote 报价" },
});

describe("reasonOf", () => {
  it("words a coded refusal in the user's language, by its code", async () => {
    await i18n.changeLanguage("zh-CN");
    expect(reasonOf(gate, i18n.t, i18n)).toBe("进入「Quote 报价」阶段前请先记录试驾、site_visit");
    await i18n.changeLanguage("en");
    expect(reasonOf(gate, i18n.t, i18n)).toBe("Record Test drive, site_visit before the stage Quote 报价");
  });

  it("keeps the service's reason for a refusal the portal has no words for", () => {
    const unknown = new ApiError(409, { detail: "claimed by someone else", code: "not_a_known_code", params: {} });
    expect(reasonOf(unknown, i18n.t, i18n)).toBe("claimed by someone else");
    expect(reasonOf(new ApiError(409, { detail: "protected until 2026-12-01" }), i18n.t, i18n)).toBe("protected until 2026-12-01");
  });
});

describe("listCutText", () => {
  it("says how many of a cut list are shown and how to see the rest", async () => {
    await i18n.changeLanguage("zh-CN");
    expect(listCutText(i18n.t, 1000, i18n.t("app.narrowScope"))).toBe("列表过长，只显示了前 1000 条 — 请缩小范围查看其余");
    await i18n.changeLanguage("en");
    expect(listCutText(i18n.t, 500)).toBe("A long list: only the first 500 are shown");
  });
});
