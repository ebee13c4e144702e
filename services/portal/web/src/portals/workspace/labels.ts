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

