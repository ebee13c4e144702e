// Periods the reports ask for, as the services take them (ISO dates, YYYY-MM months), in the
// platform's business days: a day begins in the OEM's time zone (the services'
// CRM_BUSINESS_TIMEZONE, where kpi counts a fact on its day), whatever the browser's zone.
import dayjs, { type Dayjs } from "dayjs";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";

dayjs.extend(utc);
dayjs.extend(timezone);

export const BUSINESS_TIMEZONE = "Asia/Shanghai";

/** The business day's date and time at ``now``. */
export function businessNow(now: Date = new Date()): Dayjs {
  return dayjs(now).tz(BUSINESS_TIMEZONE);
}

/** The last ``days`` business days and today, as a half-open range of dates. */
export function lastDays(days: number, now?: Date): { from: string; to: string } {
  const today = businessNow(now);
  return { from: today.subtract(days, "day").format("YYYY-MM-DD"), to: today.add(1, "day").format("YYYY-MM-DD") };
}

export function thisMonth(now?: Date): string {
  return businessNow(now).format("YYYY-MM");
}

/** The month ``months`` before this one. */
export function monthsAgo(months: number, now?: Date): string {
  return businessNow(now).startOf("month").subtract(months, "month").format("YYYY-MM");
}
