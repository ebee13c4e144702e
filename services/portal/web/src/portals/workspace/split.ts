// A deal's credit shared with a co-selling consultant (分成): the owner's share as typed, the
// co-seller's the rest of 100 %, both in hundredths of a percent as the service takes them.

export type ShareProposal = { user_id: string; share_percent: string };

/** The owner's and the co-seller's shares, or null when the owner's is not strictly between 0
 * and 100 (each must keep a positive share) or no co-seller other than the owner is chosen. */
export function sharesOf(owner: string, coSeller: string | undefined, ownerPercent: number | null | undefined): ShareProposal[] | null {
  if (!coSeller || coSeller === owner || ownerPercent === null || ownerPercent === undefined) return null;
  const ownerHundredths = Math.round(ownerPercent * 100);
  if (ownerHundredths <= 0 || ownerHundredths >= 10000) return null;
  return [
    { user_id: owner, share_percent: (ownerHundredths / 100).toFixed(2) },
    { user_id: coSeller, share_percent: ((10000 - ownerHundredths) / 100).toFixed(2) },
  ];
}

/** "60" for "60.00", "33.33" as it is. */
export function percentText(share: string): string {
  return String(Number(share));
}
