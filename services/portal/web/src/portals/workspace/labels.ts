import type { TFunction } from "i18next";

export function gradeLabel(t: TFunction, grade: string | null | undefined): string {
  return grade ? t(`grade.${grade}`, { defaultValue: grade }) : "";
}

export function leadStatusLabel(t: TFunction, status: string | null | undefined): string {
  return status ? t(`leadStatus.${status}`, { defaultValue: status }) : "";
}

export function sourceLabel(t: TFunction, source: string): string {
  return t(`source.${source}`, { defaultValue: source });
}

export function when(value: string | null | undefined): string {
  return value ? new Date(value).toLocaleString() : "";
}


/** A lead's history entry in the reader's words: what happened, then its reason — a follow-up's
 * kind or a grade change (`- → intent`) as labels; other reasons (a rule's, a person's) as
 * written. */
export function historyLabel(t: TFunction, entry: { kind: string; reason?: string | null; rule?: string | null }): string {
  const parts = [t(`timeline.lead_${entry.kind}`, { defaultValue: entry.kind })];
  const reason = entry.reason ?? "";
  if (entry.kind === "followed_up" && reason) parts.push(t(`kind.${reason}`, { defaultValue: reason }));
  else if (entry.kind === "graded" && reason.includes(" → ")) parts.push(reason.split(" → ").map((g) => (g === "-" ? g : gradeLabel(t, g))).join(" → "));
  else if (reason) parts.push(reason);
  if (entry.rule) parts.push(entry.rule);
  return parts.join(" · ");
}
