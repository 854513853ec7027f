// Lateness of a yearly report, the one definition every page and export uses (docs/product.md
// "Accessible names"): a report is due by its reporting year's deadline (the ReportingYear
// row's, by default 1月31日 of the next year), a calendar date in China. What counts is the
// report's first publication: a later correction does not make an on-time report late.
// Pure: dates in, a verdict out.

export type LatenessKind = "ON_TIME" | "LATE" | "OVERDUE" | "NOT_DUE";

export const LATENESS_KINDS: readonly LatenessKind[] = ["ON_TIME", "LATE", "OVERDUE", "NOT_DUE"];

export const LATENESS_LABELS: Record<LatenessKind, string> = {
  ON_TIME: "按期发布",
  LATE: "逾期发布",
  OVERDUE: "逾期未报",
  NOT_DUE: "未到期",
};

export interface Lateness {
  kind: LatenessKind;
  /** days after the deadline: of the first publication (LATE), or of today (OVERDUE); else 0 */
  daysLate: number;
  /** days from today to the deadline (NOT_DUE; 0 on the day itself); else 0 */
  daysLeft: number;
  /** "按期发布", "逾期发布 12 天", "逾期未报", "未到期（还有 5 天）" */
  text: string;
}

const chinaDayFmt = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day (YYYY-MM-DD) of an instant in China Standard Time. */
export function chinaDay(at: Date): string {
  return chinaDayFmt.format(at);
}

/**
 * A reporting year's deadline as a calendar day (YYYY-MM-DD): the stored date (PostgreSQL
 * DATE, read as UTC midnight), else 1月31日 of the next year (条例第四十九条).
 */
export function deadlineDay(year: number, deadline: Date | string | null | undefined): string {
  if (deadline) return typeof deadline === "string" ? deadline.slice(0, 10) : deadline.toISOString().slice(0, 10);
  return `${year + 1}-01-31`;
}

function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}

/**
 * The verdict for one agency and year. `firstPublishedAt`: the instant of the report's first
 * publication (null: never published). A report published on the deadline day (China time)
 * is on time; one published before the deadline is on time even while the year is not yet due.
 */
export function lateness(input: { year: number; deadline: Date | string | null | undefined; firstPublishedAt: Date | null | undefined; now?: Date }): Lateness {
  const due = dayNumber(deadlineDay(input.year, input.deadline));
  if (input.firstPublishedAt) {
    const late = dayNumber(chinaDay(input.firstPublishedAt)) - due;
    return late > 0 ? { kind: "LATE", daysLate: late, daysLeft: 0, text: `逾期发布 ${late} 天` } : { kind: "ON_TIME", daysLate: 0, daysLeft: 0, text: "按期发布" };
  }
  const today = dayNumber(chinaDay(input.now ?? new Date()));
  if (today > due) return { kind: "OVERDUE", daysLate: today - due, daysLeft: 0, text: "逾期未报" };
  const left = due - today;
  return { kind: "NOT_DUE", daysLate: 0, daysLeft: left, text: left === 0 ? "未到期（今天截止）" : `未到期（还有 ${left} 天）` };
}

/**
 * The year due now: of the given years, the one whose deadline is the nearest that has not
 * passed (today included). Null when every deadline has passed.
 */
export function yearDueNow<T extends { year: number; deadline: Date | string | null | undefined }>(years: readonly T[], now = new Date()): (T & { deadlineDay: string; daysLeft: number }) | null {
  const today = dayNumber(chinaDay(now));
  let best: (T & { deadlineDay: string; daysLeft: number }) | null = null;
  for (const y of years) {
    const day = deadlineDay(y.year, y.deadline);
    const left = dayNumber(day) - today;
    if (left >= 0 && (!best || left < best.daysLeft)) best = { ...y, deadlineDay: day, daysLeft: left };
  }
  return best;
}

/** "2027年1月31日" from a calendar day. */
export function chineseDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}
