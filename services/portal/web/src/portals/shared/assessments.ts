// Tiered assessment (逐级考核) as kpi runs it, for the screens: who scores which tier, which
// review step a user may take on a score, and the weighted total a form gives.

export type Tier = "consultant" | "region_manager";
export type ReviewStep = "vp" | "hr";
type User = { user_id: string; roles: string[]; functions: string[] };
type UnderReview = { status: string; scored_by: string; vp: string | null };

/** The sales planning department: HQ's admins, who plan targets (they write the forms). */
export function isSalesPlanning(user: Pick<User, "roles" | "functions">): boolean {
  return user.roles.includes("hq_admin") && user.functions.includes("target.manage");
}

/** The tiers a user scores: a region's manager its consultants, sales planning the region
 * managers. */
export function tiersScoredBy(user: Pick<User, "roles" | "functions">): Tier[] {
  const tiers: Tier[] = [];
  if (user.roles.includes("region_manager")) tiers.push("consultant");
  if (isSalesPlanning(user)) tiers.push("region_manager");
  return tiers;
}

/** The role a person scored on a tier's form holds. */
export function roleOfTier(tier: Tier): string {
  return tier === "consultant" ? "sales_consultant" : "region_manager";
}

/** The step the user may take on the score now: the sales VP (role sales_vp) reviews a fresh
 * score, then HR (role hr) one the VP approved; neither the scorer nor the VP reviews it a
 * second time. Null: nothing for this user to do. */
export function reviewStepFor(user: User, assessment: UnderReview): ReviewStep | null {
  if (user.user_id === assessment.scored_by) return null;
  if (assessment.status === "scored" && user.roles.includes("sales_vp")) return "vp";
  if (assessment.status === "vp_approved" && user.roles.includes("hr") && user.user_id !== assessment.vp) return "hr";
  return null;
}

/** Each criterion scored 0-100, weighted: the total out of 100 (two decimals); null until
 * every criterion has its score. */
export function weightedTotal(criteria: { code: string; weight: number }[], scores: Record<string, number | null | undefined>): number | null {
  let points = 0;
  for (const c of criteria) {
    const score = scores[c.code];
    if (score === null || score === undefined) return null;
    points += c.weight * score;
  }
  return Math.round(points) / 100;
}

/** The weights of a form being written, summed (a form's must be 100). */
export function weightSum(criteria: ({ weight?: number | null } | undefined)[]): number {
  return criteria.reduce((sum, c) => sum + (c?.weight ?? 0), 0);
}
