import type { CurrentUser } from "@/lib/auth/guard";
import type { Db } from "../prisma";
import { transitionReport, type TransitionInput } from "./transition-report";

/** 发起更正（须写明更正说明）: one workflow transition, see lib/workflow/transitions.ts. */
export function reopenReport(db: Db, user: CurrentUser, input: Omit<TransitionInput, "action">) {
  return transitionReport(db, user, { ...input, action: "reopen" });
}
