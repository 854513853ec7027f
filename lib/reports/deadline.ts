// Days to a reporting year's deadline, counted in China Standard Time (a deadline is a calendar date).
const dayFmt = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" });

/** Whole days from today (in China) to the deadline: 0 on the day itself, negative when overdue. */
export function daysUntil(deadline: Date, now = new Date()): number {
  const today = Date.parse(`${dayFmt.format(now)}T00:00:00Z`);
  const due = Date.parse(`${deadline.toISOString().slice(0, 10)}T00:00:00Z`);
  return Math.round((due - today) / 86_400_000);
}

/** "剩 5 天" / "今天截止" / "已逾期 3 天" — overdue is said in words, not only in colour. */
export function deadlineText(days: number): string {
  if (days > 0) return `剩 ${days} 天`;
  if (days === 0) return "今天截止";
  return `已逾期 ${-days} 天`;
}
