"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { done, refusal } from "@/lib/actions/result";
import { safeString, z } from "@/lib/zod";
import { forgetPublicRefs } from "@/lib/server/cache/published-ref";
import { db } from "@/lib/server/db";
import { agenciesInScope } from "@/lib/server/access/scope";
import { publishReports } from "@/lib/server/reports/publish-reports";

// each checkbox carries "reportId:version" — the version the dashboard showed
const selection = z.object({
  publish: z
    .array(safeString().regex(/^[^:\s]{1,64}:\d{1,9}$/))
    .min(1, "请先勾选要发布的报告。")
    .max(1000)
    .transform((items) => items.map((s) => ({ reportId: s.split(":")[0]!, expectedVersion: Number(s.split(":")[1]) }))),
});

export const batchPublishAction = defineAction(
  { roles: ["REVIEWER"], schema: selection, fromForm: (form) => ({ publish: form.getAll("publish") }) },
  async (user, { publish }) => {
    const outcomes = await publishReports(db, user, publish);
    // some may have been published even when others were refused
    forgetPublicRefs();
    revalidatePath("/review");
    // names only for reports in scope: a forged id is reported without telling what it is
    const named = await db.report.findMany({
      where: { id: { in: publish.map((i) => i.reportId) }, agency: agenciesInScope(user) },
      select: { id: true, year: true, agency: { select: { name: true } } },
    });
    const names = Object.fromEntries(named.map((r) => [r.id, `${r.agency.name} ${r.year} 年度`]));
    const published = outcomes.filter((o) => o.result.ok).length;
    const message = `已发布 ${published} 份，未发布 ${outcomes.length - published} 份。`;
    const details = outcomes.map(({ reportId, result }) => {
      const name = names[reportId] ?? "报告";
      return result.ok ? `${name}：已发布（第 ${result.publishedVersionNo} 版）` : `${name}：未发布——${result.message}`;
    });
    return published === outcomes.length ? done({ published }, message, details) : refusal(409, message, { details });
  },
);
