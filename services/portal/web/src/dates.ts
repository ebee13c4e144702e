// Periods the reports ask for, as the services take them (ISO dates, YYYY-MM months).
import dayjs from "dayjs";

export function lastDays(days: number): { from: string; to: string } {
  return { from: dayjs().subtract(days, "day").format("YYYY-MM-DD"), to: dayjs().add(1, "day").format("YYYY-MM-DD") };
}

export function thisMonth(): string {
  return dayjs().format("YYYY-MM");
}
