import type { CurrentUser } from "@/lib/auth/guard";
import type { Db } from "../prisma";
import { publishReport } from "./publish-report";
import type { TransitionResult } from "./transition-report";

/**
 * 批量发布: each report is its own transition (own lock, checks, version and audit), so one
 * refused report (changed meanwhile, out of scope) never holds back or undoes the others.
 */
export async function publishReports(db: Db, user: CurrentUser, items: { reportId: string; expectedVersion: number }[]) {
  const outcomes: { reportId: string; result: TransitionResult }[] = [];
  for (const item of items) outcomes.push({ reportId: item.reportId, result: await publishReport(db, user, item) });
  return outcomes;
}
