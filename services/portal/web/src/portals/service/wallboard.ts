// The wallboard's arithmetic between pushes: the longest wait counts up from when the caller
// waiting longest started; a percentage the call center could not compute shows as "—".

export function waitedSeconds(oldestWaitingSince: string | null | undefined, now: number): number {
  if (!oldestWaitingSince) return 0;
  return Math.max(0, Math.floor((now - Date.parse(oldestWaitingSince)) / 1000));
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${value}%`;
}
