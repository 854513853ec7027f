import { fieldErrors, reportingYearSchema } from "@/lib/admin/schemas";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { assertAdmin, refused, type Actor, type AdminResult } from "../admin/admin-result";

export const TEMPLATE_CODES = { "2019": "T2019", "2021": "T2021" } as const;

export function deadlineDate(deadline: string): Date | null {
  return deadline ? new Date(`${deadline}T00:00:00Z`) : null;
}

export async function createReportingYear(db: Db, actor: Actor, input: unknown): Promise<AdminResult<{ year: number }>> {
  assertAdmin(actor);
  const parsed = reportingYearSchema.safeParse(input);
  if (!parsed.success) return refused(400, "请检查标出的字段。", fieldErrors(parsed.error));
  const { year, template, deadline, open } = parsed.data;
  return db.$transaction(async (tx) => {
    if (await tx.reportingYear.findUnique({ where: { year } })) return refused(409, `${year} 年度已存在。`, { year: "该年度已存在。" });
    await tx.reportingYear.create({ data: { year, template: TEMPLATE_CODES[template], deadline: deadlineDate(deadline), open } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "reportingYear.create",
      entityType: "ReportingYear",
      entityId: String(year),
      details: { new: { year, template, deadline: deadline || null, open } },
    });
    return { ok: true as const, year };
  });
}
