// Who takes which review step of a commission statement, as the kpi service decides it: the
// consultant acknowledges or disputes their own draft, the sales manager approves an
// acknowledged or disputed one, the dealer's finance (admin) issues an approved one.
export type ReviewStep = "acknowledge" | "dispute" | "approve" | "issue";

type Reviewed = { user_id: string; status: "draft" | "acknowledged" | "disputed" | "approved" | "issued" };

export function reviewStepsOf(statement: Reviewed, me: string, can: (fn: string) => boolean): ReviewStep[] {
  switch (statement.status) {
    case "draft":
      return statement.user_id === me ? ["acknowledge", "dispute"] : [];
    case "acknowledged":
    case "disputed":
      return can("commission.approve") ? ["approve"] : [];
    case "approved":
      return can("commission.issue") ? ["issue"] : [];
    case "issued":
      return [];
  }
}
