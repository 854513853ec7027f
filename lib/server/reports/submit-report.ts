import type { CurrentUser } from "@/lib/auth/guard";
import type { Db } from "../prisma";
import { transitionReport, type TransitionInput } from "./transition-report";

/** 提交审核: one workflow transition, see lib/workflow/transitions.ts. */
export function submitReport(db: Db, user: CurrentUser, input: Omit<TransitionInput, "action">) {
  return transitionReport(db, user, { ...input, action: "submit" });
}
