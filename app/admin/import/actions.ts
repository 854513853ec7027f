"use server";

import { defineAction } from "@/lib/actions/define-action";
import { ActionError, refusal } from "@/lib/actions/result";
import { z } from "@/lib/zod";
import { db } from "@/lib/server/db";
import { confirmOnboarding } from "@/lib/server/onboarding/confirm-onboarding";
import type { LineProblem, OnboardingFile, OnboardingFileKey } from "@/lib/server/onboarding/plan-onboarding";
import { previewOnboarding } from "@/lib/server/onboarding/preview-onboarding";
import { MAX_CSV_BYTES } from "@/lib/server/onboarding/read-csv";

type Files = Partial<Record<OnboardingFileKey, OnboardingFile>>;

/** The two CSV files of the form (read only after the session and role are checked). */
async function filesFrom(form: FormData): Promise<{ files: Files; digest: string }> {
  const files: Files = {};
  for (const key of ["agencies", "users"] as const) {
    const value = form.get(key);
    if (!(value instanceof File) || value.size === 0) continue;
    if (value.size > MAX_CSV_BYTES) throw new ActionError(413, `${value.name} 超过 ${MAX_CSV_BYTES / 1024} KB，请分批导入。`);
    files[key] = { name: value.name.slice(0, 200), bytes: new Uint8Array(await value.arrayBuffer()) };
  }
  const digest = form.get("digest");
  return { files, digest: typeof digest === "string" ? digest : "" };
}

// the files come from the form above; anything else sent is refused
const input = z.object({ files: z.custom<Files>((v) => typeof v === "object" && v !== null && !Array.isArray(v)), digest: z.string() });

/** 预览导入: parses the uploaded files on the server and says what confirming would do. */
export const previewImportAction = defineAction({ roles: ["ADMIN"], schema: input, fromForm: filesFrom, message: "已检查。" }, async (actor, { files }) => ({
  ok: true as const,
  ...(await previewOnboarding(db, actor, files)),
}));

/** 确认导入: the files are sent again and re-checked here; the preview the browser holds is not trusted. */
export const confirmImportAction = defineAction(
  { roles: ["ADMIN"], schema: input, fromForm: filesFrom, publicPages: true, revalidate: ["/admin", "/admin/agencies", "/admin/users", "/review"], message: "导入完成。" },
  async (actor, { files, digest }) => {
    const r = await confirmOnboarding(db, actor, files, digest);
    const problems: LineProblem[] = r.ok ? [] : r.problems;
    return r.ok ? { ...r, problems } : refusal(422, r.message, { data: { problems } });
  },
);
