/** The calendar date in Asia/Shanghai (YYYY-MM-DD): the day 催报's once-a-day and the reminders count by. */
export function shanghaiDate(at: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
