import type { TFunction } from "i18next";

/** Why a predefined KPI cannot be computed yet, in the reader's language: the kpi service
 * words its reasons in English (which service does not record the figures yet), so other
 * readers get what it means in their own words. */
export function unavailableReason(t: TFunction, language: string, reason: string | null | undefined): string {
  return language === "en" && reason ? reason : t("kpiCatalogue.noSource");
}
