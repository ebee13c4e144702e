import { describe, expect, it } from "vitest";
import { menuOf } from "../../portals";
import { spreadsheetFormat } from "../../api/client";
import { IMPORT_REFRESH_MS, LISTED_KINDS, importEnded, importPercent, refreshWhileImporting } from "./CallLists";

describe("call lists", () => {
  it("sends a workbook as XLSX and anything else as CSV, by the file's name", () => {
    expect(spreadsheetFormat("续保名单.XLSX")).toEqual({ format: "xlsx", mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    expect(spreadsheetFormat("renewals.csv")).toEqual({ format: "csv", mediaType: "text/csv" });
  });

  it("offers the kinds a list pushes, never a lead's callback", () => {
    expect(LISTED_KINDS).not.toContain("lead_callback");
    expect(LISTED_KINDS).toContain("policy_renewal");
  });

  it("shows an import's progress as rows read of the rows estimated, full only once done", () => {
    expect(importPercent({ status: "queued", rows_read: 0, rows_estimated: null })).toBe(0);
    expect(importPercent({ status: "running", rows_read: 2000, rows_estimated: 5000 })).toBe(40);
    expect(importPercent({ status: "running", rows_read: 5000, rows_estimated: 4990 })).toBe(99);
    expect(importPercent({ status: "done", rows_read: 3, rows_estimated: null })).toBe(100);
  });

  it("reads the past imports again while one is still going, and stops once all have ended", () => {
    expect(refreshWhileImporting([])).toBe(false);
    expect(refreshWhileImporting([{ status: "done" }, { status: "failed" }])).toBe(false);
    expect(refreshWhileImporting([{ status: "done" }, { status: "queued" }])).toBe(IMPORT_REFRESH_MS);
    expect(refreshWhileImporting([{ status: "running" }])).toBe(IMPORT_REFRESH_MS);
    expect(importEnded({ status: "failed" })).toBe(true);
    expect(importEnded({ status: "running" })).toBe(false);
  });

  it("is a menu entry of those who manage calls only", () => {
    const manager = { roles: ["sales_manager"], functions: ["call.read", "call.manage"] };
    const agent = { roles: ["call_center_agent"], functions: ["call.read", "call.make"] };
    expect(menuOf(manager, "service").map((m) => m.path)).toContain("/service/call-lists");
    expect(menuOf(agent, "service").map((m) => m.path)).not.toContain("/service/call-lists");
  });
});
