import type { CurrentUser } from "@/lib/auth/guard";
import type { Db } from "../prisma";
import { transitionReport, type TransitionInput } from "./transition-report";

/** 发布（冻结为新的公开版本）: one workflow transition, see lib/workflow/transitions.ts. */
export function publishReport(db: Db, user: CurrentUser, input: Omit<TransitionInput, "action">) {
  return transitionReport(db, user, { ...input, action: "publish" });
}
