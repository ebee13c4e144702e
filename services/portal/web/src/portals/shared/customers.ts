// A customer file's timeline entry (leads' GET /customers/{id}) as one line: what happened and
// the few details that say the most, in the reader's words. The details are the services' own
// (masked as the file is); user ids become names where the reader may see them.
import type { TFunction } from "i18next";
import type { components } from "../../api/generated/leads";

export type TimelineEntry = components["schemas"]["TimelineEntry"];

/** Details shown as they are, in this order (the rest stay in the record they come from). */
const PLAIN = ["outcome", "stage", "reason", "competitor", "disposition", "rule", "total", "revenue", "nps", "csi", "rule_kind", "due_on"] as const;
/** Details naming a user. */
const PEOPLE = ["by_user", "to_user", "agent_user"] as const;

export function entryTitle(t: TFunction, entry: Pick<TimelineEntry, "kind">): string {
  return t(`timeline.${entry.kind}`, { defaultValue: entry.kind });
}

export function entryDetails(
  t: TFunction,
  entry: Pick<TimelineEntry, "kind" | "details" | "model_code" | "vin">,
  nameOf: (userId: string) => string,
): string[] {
  const d = entry.details as Record<string, unknown>;
  const shown: string[] = [];
  const text = (value: unknown) => (value === null || value === undefined || value === "" ? null : String(value));
  if (entry.kind === "call" || entry.kind === "call_part") {
    const direction = text(d.direction);
    if (direction) shown.push(t(`timeline.${direction}`, { defaultValue: direction }));
    shown.push(d.connected ? t("timeline.seconds", { n: Number(d.talk_seconds ?? 0) }) : t("timeline.notConnected"));
    // The agent by name (the file never gives another org's user id).
    const agent = text(d.agent_name);
    if (agent) shown.push(agent);
    // A hotline call handed to a dealer: the consultant's part inside it, never beside it.
    const parts = Array.isArray(d.parts) ? (d.parts as Record<string, unknown>[]) : [];
    for (const part of parts) {
      shown.push(t("timeline.part", { name: text(part.agent_name) ?? "", n: Number(part.talk_seconds ?? 0) }));
    }
  }
  const kind = text(d.follow_up_kind);
  if (kind) shown.push(t(`kind.${kind}`, { defaultValue: kind }));
  const grade = text(d.grade);
  if (grade) shown.push(t(`grade.${grade}`, { defaultValue: grade }));
  for (const key of PLAIN) {
    const value = text(d[key]);
    if (value) shown.push(value);
  }
  for (const key of [entry.model_code, entry.vin]) {
    if (key) shown.push(key);
  }
  for (const key of PEOPLE) {
    const user = text(d[key]);
    if (user) shown.push(nameOf(user));
  }
  return shown;
}
