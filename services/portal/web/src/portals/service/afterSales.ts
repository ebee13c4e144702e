// After-sales rules the desk's and the partners' screens follow: which files a ticket takes,
// which step a partner's job or a parts claim may take next (the service decides; these only
// decide which buttons to show), which fields a care rule asks for, and how the survey
// analysis of several months becomes one chart per dealer and month.
import type { components } from "../../api/generated/service-desk";

type SurveyGroup = components["schemas"]["SurveyGroup"];
export type PartnerStatus = components["schemas"]["PartnerStatus"];
export type ClaimStatus = components["schemas"]["PartsClaimPublic"]["status"];
export type CareKind = components["schemas"]["RuleKind"];

/** What the service desk takes (its ATTACHMENT_TYPES) and its default cap
 * (CRM_ATTACHMENT_MAX_BYTES); the service checks both again, and the file's first bytes. */
export const ATTACHMENT_TYPES = ["image/jpeg", "image/png", "image/heic", "video/mp4", "application/pdf", "text/plain"] as const;
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const BY_EXTENSION: Record<string, (typeof ATTACHMENT_TYPES)[number]> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  heic: "image/heic",
  mp4: "video/mp4",
  pdf: "application/pdf",
  txt: "text/plain",
  log: "text/plain",
};

export type AttachmentCheck = { ok: true; mediaType: string } | { ok: false; problem: "type" | "size" | "empty" };

/** The media type a file is sent as, or why it is not sent: browsers leave the type of a HEIC
 * photo (and of some logs) empty, so the name's extension decides then. */
export function attachmentOf(file: { name: string; type: string; size: number }): AttachmentCheck {
  if (file.size === 0) return { ok: false, problem: "empty" };
  if (file.size > MAX_ATTACHMENT_BYTES) return { ok: false, problem: "size" };
  const declared = file.type.split(";")[0].trim().toLowerCase();
  if ((ATTACHMENT_TYPES as readonly string[]).includes(declared)) return { ok: true, mediaType: declared };
  const extension = file.name.includes(".") ? file.name.split(".").pop()!.toLowerCase() : "";
  const guessed = declared === "" || declared === "application/octet-stream" ? BY_EXTENSION[extension] : undefined;
  return guessed ? { ok: true, mediaType: guessed } : { ok: false, problem: "type" };
}

/** The service's PARTNER_STEPS: accept or decline a job sent, then in progress and done. */
const PARTNER_STEPS: Partial<Record<PartnerStatus, PartnerStatus[]>> = {
  sent: ["accepted", "declined"],
  accepted: ["in_progress", "done"],
  in_progress: ["done"],
};

export function partnerSteps(status: PartnerStatus | null | undefined): PartnerStatus[] {
  return status ? (PARTNER_STEPS[status] ?? []) : [];
}

/** A job may go to a partner when none has it, or the last one declined or finished it. */
export function maySendToPartner(ticket: { status: string; partner_status?: PartnerStatus | null }): boolean {
  const open = ticket.status === "open" || ticket.status === "waiting";
  return open && (ticket.partner_status == null || ticket.partner_status === "declined" || ticket.partner_status === "done");
}

/** The maker answers a filed claim once; the dealer files again when asked for information. */
export const makerMayAnswer = (status: ClaimStatus) => status === "filed";
export const dealerMayRefile = (status: ClaimStatus) => status === "more_information";

/** The fields a care rule of each kind asks for beyond kind, segment, action and message. */
export function careFields(kind: CareKind): ("months" | "km" | "days_before" | "window_days" | "complaints")[] {
  switch (kind) {
    case "maintenance_due":
      return ["months", "km", "days_before"];
    case "insurance_renewal":
    case "birthday":
      return ["days_before"];
    case "value_changed":
      return ["window_days"];
    case "problem_customer":
      return ["complaints", "window_days"];
  }
}

type CareTermsOf = Pick<components["schemas"]["CareRuleChange"], "segment" | "action" | "message" | "months" | "km" | "days_before" | "window_days" | "complaints">;

/** What a change of a care rule sends besides `active`: its terms (a rule keeps its kind), the
 * figures a form leaves out (not asked for its kind) as they were. */
export function careTerms(rule: CareTermsOf): CareTermsOf {
  const { segment, action, message, months, km, days_before, window_days, complaints } = rule;
  return { segment, action, message, months: months ?? null, km: km ?? null, days_before, window_days, complaints };
}

/** "2026-03" → the analysis' [from, to) of that month. */
export function monthRange(month: string): { from: string; to: string } {
  const [year, number] = month.split("-").map(Number);
  const next = number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, "0")}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

/** The months from `first` to `last` ("YYYY-MM", both included), at most `max` of them (the
 * latest ones). */
export function monthsBetween(first: string, last: string, max = 12): string[] {
  const months: string[] = [];
  let month = first;
  while (month <= last) {
    months.push(month);
    month = monthRange(month).to.slice(0, 7);
  }
  return months.slice(-max);
}

export type DealerMonthSeries = { months: string[]; dealers: string[]; values: Record<string, (number | null)[]> };

/** Per dealer, the measure of each month (null: no answer that month), dealers in name order,
 * from the analysis per dealer and month (`per=dealer_month`). */
export function dealerMonthSeries(months: string[], groups: SurveyGroup[], measure: "nps" | "csi" | "response_rate"): DealerMonthSeries {
  const dealers = [...new Set(groups.map((g) => g.group))].sort();
  const values: Record<string, (number | null)[]> = {};
  for (const dealer of dealers) {
    values[dealer] = months.map((month) => {
      const group = groups.find((g) => g.group === dealer && g.month === month);
      const value = group ? group[measure] : null;
      return value === null || value === undefined ? null : Math.round(value * 10) / 10;
    });
  }
  return { months, dealers, values };
}
