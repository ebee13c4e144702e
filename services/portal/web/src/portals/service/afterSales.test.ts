import { describe, expect, it } from "vitest";
import {
  attachmentOf,
  careFields,
  dealerMayRefile,
  dealerMonthSeries,
  makerMayAnswer,
  MAX_ATTACHMENT_BYTES,
  maySendToPartner,
  monthRange,
  monthsBetween,
  partnerSteps,
} from "./afterSales";

describe("files a ticket takes", () => {
  it("sends a photo, a PDF or a log as the browser names its type", () => {
    expect(attachmentOf({ name: "brake.jpg", type: "image/jpeg", size: 1000 })).toEqual({ ok: true, mediaType: "image/jpeg" });
    expect(attachmentOf({ name: "invoice.pdf", type: "application/pdf", size: 1000 })).toEqual({ ok: true, mediaType: "application/pdf" });
  });

  it("names a HEIC photo or a log by its extension when the browser gives no type", () => {
    expect(attachmentOf({ name: "IMG_0042.HEIC", type: "", size: 1000 })).toEqual({ ok: true, mediaType: "image/heic" });
    expect(attachmentOf({ name: "obd.log", type: "application/octet-stream", size: 10 })).toEqual({ ok: true, mediaType: "text/plain" });
  });

  it("refuses other types, empty files and files over the cap before sending them", () => {
    expect(attachmentOf({ name: "setup.exe", type: "application/x-msdownload", size: 10 })).toEqual({ ok: false, problem: "type" });
    // A declared type the desk does not take is not second-guessed from the name.
    expect(attachmentOf({ name: "photo.jpg", type: "image/gif", size: 10 })).toEqual({ ok: false, problem: "type" });
    expect(attachmentOf({ name: "a.txt", type: "text/plain", size: 0 })).toEqual({ ok: false, problem: "empty" });
    expect(attachmentOf({ name: "a.mp4", type: "video/mp4", size: MAX_ATTACHMENT_BYTES + 1 })).toEqual({ ok: false, problem: "size" });
    expect(attachmentOf({ name: "a.mp4", type: "video/mp4", size: MAX_ATTACHMENT_BYTES }).ok).toBe(true);
  });
});

describe("a partner's job and a parts claim", () => {
  it("offers the partner only the steps the service allows", () => {
    expect(partnerSteps("sent")).toEqual(["accepted", "declined"]);
    expect(partnerSteps("accepted")).toEqual(["in_progress", "done"]);
    expect(partnerSteps("in_progress")).toEqual(["done"]);
    expect(partnerSteps("done")).toEqual([]);
    expect(partnerSteps("declined")).toEqual([]);
    expect(partnerSteps(null)).toEqual([]);
  });

  it("sends an open ticket's job when no partner has it", () => {
    expect(maySendToPartner({ status: "open", partner_status: null })).toBe(true);
    expect(maySendToPartner({ status: "waiting", partner_status: "declined" })).toBe(true);
    expect(maySendToPartner({ status: "open", partner_status: "done" })).toBe(true);
    expect(maySendToPartner({ status: "open", partner_status: "in_progress" })).toBe(false);
    expect(maySendToPartner({ status: "resolved", partner_status: null })).toBe(false);
  });

  it("lets the maker answer a filed claim and the dealer file again when asked", () => {
    expect(makerMayAnswer("filed")).toBe(true);
    expect(makerMayAnswer("more_information")).toBe(false);
    expect(dealerMayRefile("more_information")).toBe(true);
    expect(dealerMayRefile("rejected")).toBe(false);
  });
});

describe("care rules", () => {
  it("asks each kind for its own figures", () => {
    expect(careFields("maintenance_due")).toEqual(["months", "km", "days_before"]);
    expect(careFields("birthday")).toEqual(["days_before"]);
    expect(careFields("problem_customer")).toEqual(["complaints", "window_days"]);
    expect(careFields("value_changed")).toEqual(["window_days"]);
  });
});

describe("survey results per dealer and month", () => {
  it("turns a month into the analysis' range, across the year's end", () => {
    expect(monthRange("2026-03")).toEqual({ from: "2026-03-01", to: "2026-04-01" });
    expect(monthRange("2026-12")).toEqual({ from: "2026-12-01", to: "2027-01-01" });
  });

  it("lists the months between two, the latest twelve at most", () => {
    expect(monthsBetween("2026-11", "2027-02")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    expect(monthsBetween("2026-03", "2026-02")).toEqual([]);
    expect(monthsBetween("2025-01", "2026-12")).toHaveLength(12);
    expect(monthsBetween("2025-01", "2026-12")[0]).toBe("2026-01");
  });

  it("puts each dealer's figure of each month in one series, a gap where it had none", () => {
    const group = (dealer: string, month: string, nps: number | null, csi: number | null) => ({
      group: dealer,
      month,
      sent: 4,
      answered: 2,
      response_rate: 50,
      nps,
      csi,
      low_scores: 0,
      questions: {},
    });
    const series = dealerMonthSeries(
      ["2026-10", "2026-11"],
      [group("dealer-bj-01", "2026-10", -50, 41.25), group("dealer-sh-01", "2026-10", 33.333, 80), group("dealer-sh-01", "2026-11", 100, null)],
      "nps",
    );
    expect(series.months).toEqual(["2026-10", "2026-11"]);
    expect(series.dealers).toEqual(["dealer-bj-01", "dealer-sh-01"]);
    expect(series.values).toEqual({ "dealer-bj-01": [-50, null], "dealer-sh-01": [33.3, 100] });
    expect(dealerMonthSeries(["2026-11"], [group("dealer-sh-01", "2026-11", 100, null)], "csi").values).toEqual({ "dealer-sh-01": [null] });
  });
});
