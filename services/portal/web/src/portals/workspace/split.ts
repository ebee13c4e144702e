// A deal's credit shared with co-selling consultants (分成): each co-seller's share as typed,
// the owner's the rest of 100 %, in hundredths of a percent as the service takes them.

export type ShareProposal = { user_id: string; share_percent: string };
export type CoSellerShare = { user_id?: string; percent?: number | null };

/** Co-sellers besides the owner: the service credits at most four consultants a deal. */
export const MAX_CO_SELLERS = 3;

/** The owner's share first, then each co-seller's; null unless one to three different
 * co-sellers other than the owner are chosen, each with a positive share, leaving the owner a
 * positive share too. */
export function sharesOf(owner: string, coSellers: readonly (CoSellerShare | undefined)[] | undefined): ShareProposal[] | null {
  const chosen = (coSellers ?? []).filter((c): c is CoSellerShare => c !== undefined);
  if (chosen.length === 0 || chosen.length > MAX_CO_SELLERS) return null;
  const users = chosen.map((c) => c.user_id);
  if (users.some((u) => !u || u === owner) || new Set(users).size !== users.length) return null;
  const hundredths = chosen.map((c) => (c.percent === null || c.percent === undefined ? 0 : Math.round(c.percent * 100)));
  if (hundredths.some((h) => h <= 0)) return null;
  const ownerHundredths = 10000 - hundredths.reduce((sum, h) => sum + h, 0);
  if (ownerHundredths <= 0) return null;
  return [
    { user_id: owner, share_percent: (ownerHundredths / 100).toFixed(2) },
    ...chosen.map((c, i) => ({ user_id: c.user_id!, share_percent: (hundredths[i]! / 100).toFixed(2) })),
  ];
}

/** "60" for "60.00", "33.33" as it is. */
export function percentText(share: string): string {
  return String(Number(share));
}
