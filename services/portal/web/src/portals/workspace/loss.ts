// Reporting an opportunity lost (战败): the competitor and its model are picked from the managed
// competitor lists, and the opportunities service takes the loss by the competitor's name.
import type { components } from "../../api/generated/opportunities";

type Listed = Pick<components["schemas"]["CompetitorPublic"], "id" | "name" | "models">;
export type LossValues = { competitor_id?: string | null; competitor_model?: string | null; reason: string };

/** The loss as the API takes it: the listed competitor's name and one of its own models (a
 * model without its competitor, or not theirs, is left out); no competitor when the customer
 * bought nothing or the rival is not known. */
export function lossReport(values: LossValues, listed: Listed[]): components["schemas"]["LossReport"] {
  const rival = listed.find((c) => c.id === values.competitor_id);
  const model = rival && values.competitor_model && rival.models.includes(values.competitor_model) ? values.competitor_model : null;
  return { reason: values.reason.trim(), competitor: rival?.name ?? null, competitor_model: model };
}
