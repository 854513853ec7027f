"use server";

import { AccessDeniedError, authorize } from "@/lib/auth/guard";
import { forgetPublicRefs } from "@/lib/server/cache/published-ref";
import { db } from "@/lib/server/db";
import { confirmOnboarding, type ConfirmResult } from "@/lib/server/onboarding/confirm-onboarding";
import type { OnboardingFile, OnboardingFileKey, OnboardingPlan } from "@/lib/server/onboarding/plan-onboarding";
import { previewOnboarding } from "@/lib/server/onboarding/preview-onboarding";
import { MAX_CSV_BYTES } from "@/lib/server/onboarding/read-csv";
import { rateLimitMessage } from "@/lib/server/security/rate-limit";
import { revalidatePath } from "next/cache";

type Refusal = { ok: false; status: 400 | 401 | 403 | 429 | 500; message: string; problems: [] };
export type PreviewResponse = ({ ok: true } & OnboardingPlan) | Refusal;
export type ConfirmResponse = ConfirmResult | Refusal;

async function filesFrom(form: FormData): Promise<Partial<Record<OnboardingFileKey, OnboardingFile>> | string> {
  const files: Partial<Record<OnboardingFileKey, OnboardingFile>> = {};
  for (const key of ["agencies", "users"] as const) {
    const value = form.get(key);
    if (!(value instanceof File) || value.size === 0) continue;
    if (value.size > MAX_CSV_BYTES) return `${value.name} 超过 ${MAX_CSV_BYTES / 1024} KB，请分批导入。`;
    files[key] = { name: value.name.slice(0, 200), bytes: new Uint8Array(await value.arrayBuffer()) };
  }
  return files;
}

function refusal(e: unknown): Refusal {
  if (e instanceof AccessDeniedError) return { ok: false, status: e.status === 404 ? 403 : e.status, message: e.message, problems: [] };
  console.error(`onboarding failed: ${(e as { name?: string }).name ?? "Error"}`);
  return { ok: false, status: 500, message: "服务器处理失败，请稍后重试。", problems: [] };
}

/** 预览导入: parses the uploaded files on the server and says what confirming would do. */
export async function previewImportAction(form: FormData): Promise<PreviewResponse> {
  try {
    const actor = await authorize(["ADMIN"]);
    const limited = await rateLimitMessage("write", { user: actor });
    if (limited) return { ok: false, status: 429, message: limited, problems: [] };
    const files = await filesFrom(form);
    if (typeof files === "string") return { ok: false, status: 400, message: files, problems: [] };
    return { ok: true, ...(await previewOnboarding(db, actor, files)) };
  } catch (e) {
    return refusal(e);
  }
}

/** 确认导入: the files are sent again and re-checked here; the preview the browser holds is not trusted. */
export async function confirmImportAction(form: FormData): Promise<ConfirmResponse> {
  try {
    const actor = await authorize(["ADMIN"]);
    const limited = await rateLimitMessage("write", { user: actor });
    if (limited) return { ok: false, status: 429, message: limited, problems: [] };
    const files = await filesFrom(form);
    if (typeof files === "string") return { ok: false, status: 400, message: files, problems: [] };
    const digest = form.get("digest");
    const result = await confirmOnboarding(db, actor, files, typeof digest === "string" ? digest : "");
    if (result.ok) {
      forgetPublicRefs(); // new regions and agencies show on the public pages at once
      for (const path of ["/admin", "/admin/agencies", "/admin/users", "/review"]) revalidatePath(path);
    }
    return result;
  } catch (e) {
    return refusal(e);
  }
}
