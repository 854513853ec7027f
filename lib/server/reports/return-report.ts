import type { CurrentUser } from "@/lib/auth/guard";
import type { Db } from "../prisma";
import { transitionReport, type TransitionInput } from "./transition-report";

/** 退回（须写明退回理由）: one workflow transition, see lib/workflow/transitions.ts. */
export function returnReport(db: Db, user: CurrentUser, input: Omit<TransitionInput, "action">) {
  return transitionReport(db, user, { ...input, action: "return" });
}
