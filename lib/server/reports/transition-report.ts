import type { Prisma } from "@/lib/generated/prisma/client";
import type { CurrentUser } from "@/lib/auth/guard";
import { STATUS_LABELS, type ReportStatusName } from "@/lib/reports/status";
import { errorsOf, validateDocument, type Violation } from "@/lib/validation";
import { REASON_MAX_LENGTH, TRANSITIONS, type TransitionAction } from "@/lib/workflow/transitions";
import { isSafeText, unsafeTextProblem } from "@/lib/zod";
import { clerkWriteRefusal } from "../access/report-access";
import { agencyInScope } from "../access/scope";
import { recordAudit } from "../audit/record-audit";
import { notifyReportEvent, type ReportEvent } from "../notifications/notify-report-event";
import type { Db } from "../prisma";
import { createPublishedVersion } from "./create-published-version";
import { loadLastYearCarriedForward } from "./last-year";
import { cellTextsOf, cellTextViolations } from "./cell-texts";
import { reportToDocument, reportWithContent, TEMPLATE_ID } from "./report-document";
import { submissionSnapshot } from "./submission-snapshot";

export interface TransitionInput {
  reportId: string;
  action: TransitionAction;
  /** the Report.version the user acted on; a newer one means someone else acted first */
  expectedVersion: number;
  /** 退回理由 / 更正说明 */
  reason?: string | null;
}

export type TransitionResult =
  | { ok: true; status: ReportStatusName; version: number; publishedVersionNo?: number }
  | {
      ok: false;
      /** 404 not found or out of scope, 403 role, 409 state or version, 422 guard */
      code: 404 | 403 | 409 | 422;
      message: string;
      violations?: Violation[];
    };

/** Which notice each transition sends (a publication of version 2+ is a correction). */
const NOTICE_OF: Partial<Record<TransitionAction, ReportEvent["kind"]>> = {
  submit: "SUBMITTED",
  return: "RETURNED",
  approve: "APPROVED",
  publish: "PUBLISHED",
};

type Refusal = Extract<TransitionResult, { ok: false }>;
const refuse = (code: Refusal["code"], message: string, violations?: Violation[]): Refusal => ({ ok: false, code, message, violations });

/**
 * Executes one workflow transition (lib/workflow/transitions.ts) for the acting user. Inside
 * one transaction it locks the report row, then checks scope, role, state, version and the
 * transition's guards, applies it, bumps `version` and writes the audit record. A refused
 * transition changes nothing; of two concurrent identical requests exactly one succeeds
 * (the second waits for the row lock and then finds a new state and version).
 */
export async function transitionReport(db: Db, user: CurrentUser, input: TransitionInput): Promise<TransitionResult> {
  const transition = TRANSITIONS[input.action];
  if (!transition) return refuse(422, "未知的操作。");
  const reason = input.reason?.trim() ?? "";
  if (!isSafeText(input.reportId)) return refuse(404, "报告不存在。");
  const unsafe = unsafeTextProblem(reason, transition.reasonLabel ?? "理由");
  if (unsafe) return refuse(422, unsafe);
  if (transition.guards.includes("reasonRequired")) {
    if (!reason) return refuse(422, `请填写${transition.reasonLabel ?? "理由"}。`);
    if (reason.length > REASON_MAX_LENGTH) return refuse(422, `${transition.reasonLabel ?? "理由"}不能超过 ${REASON_MAX_LENGTH} 字。`);
  }

  return db.$transaction(async (tx): Promise<TransitionResult> => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Report" WHERE id = ${input.reportId} FOR UPDATE`;
    if (locked.length === 0) return refuse(404, "报告不存在。");
    const report = await tx.report.findUniqueOrThrow({ where: { id: input.reportId }, include: reportWithContent });
    if (!agencyInScope(user, report.agency)) return refuse(404, "报告不存在。");
    if (!transition.who.includes(user.role)) return refuse(403, `无权执行「${transition.label}」。`);
    const inactive = clerkWriteRefusal(user, report.agency);
    if (inactive) return refuse(403, inactive);
    const from = report.status as ReportStatusName;
    if (!transition.from.includes(from)) {
      return refuse(409, `报告当前为「${STATUS_LABELS[from]}」，不能执行「${transition.label}」。`);
    }
    if (report.version !== input.expectedVersion) {
      return refuse(409, `报告已被他人修改或处理（现为第 ${report.version} 版，您看到的是第 ${input.expectedVersion} 版），请刷新后再试。`);
    }
    if (transition.guards.includes("noRuleErrors")) {
      const lastYear = await loadLastYearCarriedForward(tx, report.agency.code, report.year);
      // a cell still holding text (kept with the draft) is named as such, not only as 未填写
      const errors = [
        ...cellTextViolations(TEMPLATE_ID[report.template], cellTextsOf(report.cells)),
        ...errorsOf(validateDocument(reportToDocument(report), { mode: "submit", lastYear })),
      ];
      if (errors.length) return refuse(422, `报告还有 ${errors.length} 处错误，不能${transition.label}。`, errors);
    }

    const actor = { id: user.id };
    const now = new Date();
    let publishedVersionNo: number | undefined;
    switch (input.action) {
      case "submit":
        await tx.report.update({
          where: { id: report.id },
          data: { status: "SUBMITTED", submittedAt: now, approvedAt: null, version: { increment: 1 } },
        });
        break;
      case "return":
        await tx.report.update({
          where: { id: report.id },
          data: { status: "RETURNED", returnReason: reason, approvedAt: null, version: { increment: 1 } },
        });
        break;
      case "approve":
        await tx.report.update({ where: { id: report.id }, data: { status: "APPROVED", approvedAt: now, version: { increment: 1 } } });
        break;
      case "publish":
        // status, publishedAt, version and its own audit record ("report.published")
        publishedVersionNo = await createPublishedVersion(tx, report.id, actor, report.correctionReason);
        break;
      case "reopen":
        await tx.report.update({
          where: { id: report.id },
          data: { status: "DRAFT", correctionReason: reason, returnReason: null, submittedAt: null, approvedAt: null, version: { increment: 1 } },
        });
        break;
    }
    if (input.action !== "publish") {
      await recordAudit(tx, {
        actorId: user.id,
        action: `report.${input.action}`,
        entityType: "Report",
        entityId: report.id,
        reportId: report.id,
        details: {
          from,
          to: transition.to,
          ...(reason ? { reason } : {}),
          // what was submitted, so the review page can show what changed since the previous submission
          ...(input.action === "submit" ? { snapshot: submissionSnapshot(reportToDocument(report)) as unknown as Prisma.InputJsonObject } : {}),
        },
      });
    }
    const noticeKind = NOTICE_OF[input.action];
    if (noticeKind) {
      await notifyReportEvent(tx, {
        kind: input.action === "publish" && (publishedVersionNo ?? 1) > 1 ? "CORRECTED" : noticeKind,
        reportId: report.id,
        actorId: user.id,
        detail: reason || null,
        versionNo: publishedVersionNo,
      });
    }
    return { ok: true, status: transition.to, version: report.version + 1, publishedVersionNo };
    // a busy server must not abort a publish half-way through Prisma's 5 s default
  }, { maxWait: 10_000, timeout: 30_000 });
}
