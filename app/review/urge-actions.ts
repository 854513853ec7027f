"use server";
import { z } from "zod";
import type { ActionResult } from "@/components/review/action-result";
import { AccessDeniedError, authorize } from "@/lib/auth/guard";
import { db } from "@/lib/server/db";
import { urgeAgency } from "@/lib/server/notifications/urge-agency";
import { rateLimitMessage } from "@/lib/server/security/rate-limit";

const input = z.object({ agencyCode: z.string().min(1).max(40), year: z.coerce.number().int().min(2000).max(2100) });

/** 催报 from the dashboard: the row's button names the agency, the form carries the year shown. */
export async function urgeAgencyAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  try {
    const user = await authorize(["REVIEWER"]);
    const limited = await rateLimitMessage("write", { user });
    if (limited) return { ok: false, message: limited };
    const parsed = input.safeParse({ agencyCode: formData.get("agencyCode"), year: formData.get("year") });
    if (!parsed.success) return { ok: false, message: "提交的内容无效。" };
    const result = await urgeAgency(db, user, parsed.data);
    return result.ok ? { ok: true, message: `已催报${result.agencyName}（通知 ${result.notified} 名填报人）。` } : { ok: false, message: result.message };
  } catch (e) {
    if (e instanceof AccessDeniedError) return { ok: false, message: e.message };
    throw e;
  }
}
