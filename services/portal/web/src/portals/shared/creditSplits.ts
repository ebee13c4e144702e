// An opportunity's split credit as the opportunities service keeps it: null when none was
// proposed (the service answers 404 then, as for an opportunity the reader may not see).
import { data, opportunities } from "../../api/client";
import { ApiError } from "../../api/errors";
import type { components } from "../../api/generated/opportunities";

export type CreditSplit = components["schemas"]["CreditSplitView"];

export async function fetchCreditSplit(opportunityId: string): Promise<CreditSplit | null> {
  try {
    return await data(opportunities.GET("/opportunities/{opportunity_id}/credit-split", { params: { path: { opportunity_id: opportunityId } } }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}
