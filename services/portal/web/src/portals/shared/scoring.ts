// The lead-scoring models' report (成交预测模型) as the screen reads it: why a version scores
// leads or not, its quality in words a manager can weigh.
import type { components } from "../../api/generated/leads";

export type ScoreModel = components["schemas"]["ScoreModelReport"];
export type ModelState = "in_use" | "weak" | "superseded";

/** The AUC at or below which a version scores nothing (leads' rule: no better than chance). */
export const WEAKEST_AUC = 0.6;

/** In use; kept but not scoring because it ranks the held-out month no better than
 * WEAKEST_AUC; or replaced by a newer version of its book. */
export function modelState(model: Pick<ScoreModel, "in_use" | "auc" | "owner_org" | "version">, models: Pick<ScoreModel, "owner_org" | "version">[]): ModelState {
  if (model.in_use) return "in_use";
  const newest = Math.max(...models.filter((m) => m.owner_org === model.owner_org).map((m) => m.version));
  return model.version < newest ? "superseded" : "weak";
}

/** A share (0.423) as a percent with one decimal ("42.3%"). */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
