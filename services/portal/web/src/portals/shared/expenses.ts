// Sales expenses (销售费用) as the screen shows them: a month's days as kpi takes them, and the
// month's total added up in cents (amounts come as decimal strings; floats would drift).
import dayjs from "dayjs";
import type { components } from "../../api/generated/kpi";

export type Expense = components["schemas"]["ExpensePublic"];
export type ExpenseCategory = components["schemas"]["ExpenseCategory"];
export const CATEGORIES: ExpenseCategory[] = ["advertising", "event", "showroom", "training", "travel", "gifts", "other"];

/** The first and last day of a month ("2026-12"), as `from` and `to` (both inclusive). */
export function monthSpan(month: string): { from: string; to: string } {
  const first = dayjs(`${month}-01`);
  return { from: first.format("YYYY-MM-DD"), to: first.endOf("month").format("YYYY-MM-DD") };
}

function cents(amount: string): number {
  const [whole = "0", fraction = ""] = amount.split(".");
  const sign = whole.startsWith("-") ? -1 : 1;
  return sign * (Math.abs(Number(whole)) * 100 + Number(fraction.padEnd(2, "0").slice(0, 2)));
}

/** The sum of the amounts, as "12800.50". */
export function totalOf(expenses: Pick<Expense, "amount">[]): string {
  const sum = expenses.reduce((acc, e) => acc + cents(e.amount), 0);
  return (sum / 100).toFixed(2);
}
