import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { unavailableReason } from "./kpiCatalogue";

describe("unavailableReason", () => {
  const reason = "No service records visits yet";

  it("says in Chinese why a KPI cannot be computed, not the service's English", () => {
    expect(unavailableReason(i18n.getFixedT("zh-CN"), "zh-CN", reason)).toBe("尚无业务系统记录此指标所需的数据");
  });

  it("gives English readers the service's own reason", () => {
    expect(unavailableReason(i18n.getFixedT("en"), "en", reason)).toBe(reason);
    expect(unavailableReason(i18n.getFixedT("en"), "en", null)).toBe("No service records the figures this KPI needs yet");
  });
});
