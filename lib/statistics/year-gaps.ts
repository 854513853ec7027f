/**
 * Every year from the first to the last of `rows` (sorted by year or not), each with its row,
 * or null where there is none: a chart across the years shows a gap there instead of a line
 * drawn straight from the year before to the year after.
 */
export function everyYear<T extends { year: number }>(rows: readonly T[]): { year: number; row: T | null }[] {
  if (rows.length === 0) return [];
  const byYear = new Map(rows.map((r) => [r.year, r]));
  const years = rows.map((r) => r.year);
  const first = Math.min(...years);
  const last = Math.max(...years);
  return Array.from({ length: last - first + 1 }, (_, i) => ({ year: first + i, row: byYear.get(first + i) ?? null }));
}
