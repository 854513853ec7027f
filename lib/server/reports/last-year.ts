import type { Db } from "../prisma";

type Tx = Pick<Db, "reportCell">;

/**
 * Last year's 结转下年度继续办理 (carriedForward) of the same agency, when that report is in
 * the system — the carryOverMatchesLastYear rule compares this year's 上年结转 with it.
 */
export async function loadLastYearCarriedForward(tx: Tx, agencyCode: string, year: number) {
  const cells = await tx.reportCell.findMany({
    where: { section: "applications", row: "carriedForward", report: { year: year - 1, agency: { code: agencyCode } } },
    select: { column: true, value: true },
  });
  if (cells.length === 0) return null;
  return { carriedForward: Object.fromEntries(cells.map((c) => [c.column, c.value === null ? null : Number(c.value.toString())])) };
}
