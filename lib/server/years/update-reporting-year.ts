import { fieldErrors, reportingYearSchema } from "@/lib/admin/schemas";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { assertAdmin, changedFields, refused, type Actor, type AdminResult } from "../admin/admin-result";
import { TEMPLATE_CODES, deadlineDate } from "./create-reporting-year";

const TEMPLATE_OF_CODE = { T2019: "2019", T2021: "2021" } as const;

/** Sets a year's deadline, open/closed state or template (the template only while the year has no reports). */
export async function updateReportingYear(db: Db, actor: Actor, input: unknown): Promise<AdminResult> {
  assertAdmin(actor);
  const parsed = reportingYearSchema.safeParse(input);
  if (!parsed.success) return refused(400, "请检查标出的字段。", fieldErrors(parsed.error));
  const { year, template, deadline, open } = parsed.data;
  return db.$transaction(async (tx) => {
    const before = await tx.reportingYear.findUnique({ where: { year } });
    if (!before) return refused(404, `${year} 年度不存在。`);
    const changes = changedFields(
      { template: TEMPLATE_OF_CODE[before.template], deadline: before.deadline?.toISOString().slice(0, 10) ?? null, open: before.open },
      { template, deadline: deadline || null, open },
    );
    if (Object.keys(changes).length === 0) return { ok: true as const };
    if (changes.template) {
      const reports = await tx.report.count({ where: { year } });
      if (reports > 0) return refused(409, `${year} 年度已有 ${reports} 份报告，报告格式不能再改。`, { template: "已有报告，格式不能修改。" });
    }
    await tx.reportingYear.update({ where: { year }, data: { template: TEMPLATE_CODES[template], deadline: deadlineDate(deadline), open } });
    await recordAudit(tx, { actorId: actor.id, action: "reportingYear.update", entityType: "ReportingYear", entityId: String(year), details: { changes } });
    return { ok: true as const };
  });
}
