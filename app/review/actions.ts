"use server";
import { revalidatePath } from "next/cache";
import { safeString, z } from "@/lib/zod";
import type { ActionResult } from "@/components/review/action-result";
import { AccessDeniedError, authorize } from "@/lib/auth/guard";
import { forgetPublicRefs } from "@/lib/server/cache/published-ref";
import { db } from "@/lib/server/db";
import { agenciesInScope } from "@/lib/server/access/scope";
import { publishReports } from "@/lib/server/reports/publish-reports";
import { rateLimitMessage } from "@/lib/server/security/rate-limit";

// each checkbox carries "reportId:version" — the version the dashboard showed
const selection = z
  .array(safeString().regex(/^[^:\s]{1,64}:\d{1,9}$/))
  .min(1, "请先勾选要发布的报告。")
  .max(1000)
  .transform((items) => items.map((s) => ({ reportId: s.split(":")[0]!, expectedVersion: Number(s.split(":")[1]) })));

export async function batchPublishAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  try {
    const user = await authorize(["REVIEWER"]);
    const limited = await rateLimitMessage("write", { user });
    if (limited) return { ok: false, message: limited };
    const parsed = selection.safeParse(formData.getAll("publish"));
    if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "提交的内容无效。" };
    const outcomes = await publishReports(db, user, parsed.data);
    forgetPublicRefs();
    revalidatePath("/review");
    // names only for reports in scope: a forged id is reported without telling what it is
    const named = await db.report.findMany({
      where: { id: { in: parsed.data.map((i) => i.reportId) }, agency: agenciesInScope(user) },
      select: { id: true, year: true, agency: { select: { name: true } } },
    });
    const names = Object.fromEntries(named.map((r) => [r.id, `${r.agency.name} ${r.year} 年度`]));
    const published = outcomes.filter((o) => o.result.ok).length;
    return {
      ok: published === outcomes.length,
      message: `已发布 ${published} 份，未发布 ${outcomes.length - published} 份。`,
      details: outcomes.map(({ reportId, result }) => {
        const name = names[reportId] ?? "报告";
        return result.ok ? `${name}：已发布（第 ${result.publishedVersionNo} 版）` : `${name}：未发布——${result.message}`;
      }),
    };
  } catch (e) {
    if (e instanceof AccessDeniedError) return { ok: false, message: e.message };
    throw e;
  }
}
