// The in-app inbox's rules: where a notice's link opens in the reader's portals, and the kinds
// of notice and deliveries the preferences offer.
import type { components } from "../../api/generated/notifications";
import { menuOf, portalsOf } from "../../portals";
import type { Session } from "../../session";

export type Notice = components["schemas"]["NotificationPublic"];
export type NoticeKind = components["schemas"]["NoticeKind"];
export type Delivery = components["schemas"]["Delivery"];

export const NOTICE_KINDS: NoticeKind[] = [
  "quote_approval_requested",
  "lead_escalated",
  "lead_claim_blocked",
  "lead_recycle_due",
  "lead_callback_due",
];
export const DELIVERIES: Delivery[] = ["immediate", "digest", "off"];

const LEAD = /^\/leads\/([0-9a-f-]{36})$/;
const QUOTE = /^\/quotes\/[0-9a-f-]{36}$/;

/** The portal page a notice's link (`/leads/<id>`, `/quotes/<id>`, as the notifications service
 * writes it) opens for this reader: the lead itself in their workspace, else the dealer page
 * where a manager acts on it; null when none of their menus has one. */
export function portalPathOf(notice: Pick<Notice, "link" | "kind">, session: Pick<Session, "roles" | "functions">): string | null {
  const has = (path: string) => portalsOf(session).some((p) => menuOf(session, p).some((m) => m.path === path));
  const lead = LEAD.exec(notice.link);
  if (lead) {
    if (has("/workspace/leads")) return `/workspace/leads/${lead[1]}`;
    if (notice.kind === "lead_escalated" && has("/dealer/grades")) return "/dealer/grades";
    if (notice.kind === "lead_claim_blocked" && has("/dealer/pools")) return "/dealer/pools";
    return has("/dealer/leads") ? "/dealer/leads" : null;
  }
  if (QUOTE.test(notice.link)) return has("/dealer/approvals") ? "/dealer/approvals" : null;
  return null;
}
