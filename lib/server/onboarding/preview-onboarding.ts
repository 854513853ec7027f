import type { Db } from "../prisma";
import { assertAdmin, type Actor } from "../admin/admin-result";
import { planOnboarding, type OnboardingFile, type OnboardingFileKey, type OnboardingPlan } from "./plan-onboarding";

/** 预览导入: what confirming these files would create or change, and every bad line. Writes nothing. */
export async function previewOnboarding(db: Db, actor: Actor, files: Partial<Record<OnboardingFileKey, OnboardingFile>>): Promise<OnboardingPlan> {
  assertAdmin(actor);
  return planOnboarding(db, files);
}
