import type { CurrentUser } from "@/lib/auth/guard";
import { shanghaiDate } from "@/lib/notifications/shanghai-date";
import { agencyInScope } from "../access/scope";
import { recordAudit } from "../audit/record-audit";
import { enqueueNoticeEmails } from "../jobs/job-queue";
import type { Db } from "../prisma";

export type UrgeResult = { ok: true; notified: number; agencyName: string } | { ok: false; code: 404 | 403 | 409 | 422; message: string };

/** What counts as "not submitted" for 催报: no report, a draft, or a returned one. */
const NOT_SUBMITTED = new Set([undefined, "DRAFT", "RETURNED"]);

/**
 * 催报: a reviewer reminds an agency in their region that has not submitted the year's report;
 * its active clerks get a notice. Once per agency per day (Asia/Shanghai): the notices carry the
 * key `urge:<agency>:<date>`, unique per recipient in the database, so two reviewers pressing at
 * once still notify each clerk once.
 */
export async function urgeAgency(db: Db, user: CurrentUser, input: { agencyCode: string; year: number; now?: Date }): Promise<UrgeResult> {
  if (user.role !== "REVIEWER") return { ok: false, code: 403, message: "只有审核人可以催报。" };
  return db.$transaction(async (tx): Promise<UrgeResult> => {
    const agency = await tx.agency.findUnique({
      where: { code: input.agencyCode },
      select: { id: true, name: true, active: true, region: { select: { path: true } }, reports: { where: { year: input.year }, select: { status: true } } },
    });
    if (!agency || !agencyInScope(user, agency)) return { ok: false, code: 404, message: "单位不存在。" };
    if (!agency.active) return { ok: false, code: 409, message: `${agency.name}已停用。` };
    if (!NOT_SUBMITTED.has(agency.reports[0]?.status)) return { ok: false, code: 409, message: `${agency.name}已报送 ${input.year} 年度报告，无需催报。` };
    const clerks = await tx.user.findMany({ where: { role: "CLERK", active: true, agencyId: agency.id }, select: { id: true } });
    if (clerks.length === 0) return { ok: false, code: 422, message: `${agency.name}没有可用的填报账号，无法催报。` };
    const dedupeKey = `urge:${agency.id}:${shanghaiDate(input.now)}`;
    const text = `${agency.name}${input.year}年度报告尚未报送，审核人（${user.displayName}）催报：请尽快填报并提交审核。`;
    const created = await tx.notification.createManyAndReturn({
      data: clerks.map((c) => ({ recipientId: c.id, kind: "URGE" as const, agencyId: agency.id, year: input.year, text, dedupeKey })),
      skipDuplicates: true,
      select: { id: true },
    });
    await enqueueNoticeEmails(tx, created.map((c) => c.id));
    if (created.length === 0) return { ok: false, code: 409, message: `今天已催报过${agency.name}，每个单位每天只能催报一次。` };
    await recordAudit(tx, {
      actorId: user.id,
      action: "agency.urged",
      entityType: "Agency",
      entityId: agency.id,
      details: { year: input.year, notified: created.length },
    });
    return { ok: true, notified: created.length, agencyName: agency.name };
  });
}
