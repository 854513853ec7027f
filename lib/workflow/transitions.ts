// The report workflow as data (docs/product.md "Workflow"): every state change a report can make,
// who may make it, from which states, and what must hold first. Shared by the server
// (lib/server/reports/transition-report.ts executes it) and the UI (which buttons to offer).
import type { RoleName } from "@/lib/auth/roles";
import type { ReportStatusName } from "@/lib/reports/status";

export type TransitionAction = "submit" | "return" | "approve" | "publish" | "reopen";

/**
 * - `noRuleErrors`: the stored report passes every error rule in submit mode (`required` included)
 * - `reasonRequired`: the request carries a non-empty reason (退回理由 / 更正说明)
 */
export type TransitionGuard = "noRuleErrors" | "reasonRequired";

export interface Transition {
  action: TransitionAction;
  /** the button's accessible name (docs/product.md "Accessible names") */
  label: string;
  from: readonly ReportStatusName[];
  to: ReportStatusName;
  /** roles allowed; scope is checked as well (the clerk's own agency, the reviewer's region subtree) */
  who: readonly RoleName[];
  guards: readonly TransitionGuard[];
  /** what the reason is called where the transition asks for one */
  reasonLabel?: string;
}

export const TRANSITIONS: Record<TransitionAction, Transition> = {
  submit: { action: "submit", label: "提交审核", from: ["DRAFT", "RETURNED"], to: "SUBMITTED", who: ["CLERK"], guards: ["noRuleErrors"] },
  // an approval not yet published can still be taken back
  return: {
    action: "return",
    label: "退回",
    from: ["SUBMITTED", "APPROVED"],
    to: "RETURNED",
    who: ["REVIEWER"],
    guards: ["reasonRequired"],
    reasonLabel: "退回理由",
  },
  approve: { action: "approve", label: "审核通过", from: ["SUBMITTED"], to: "APPROVED", who: ["REVIEWER"], guards: ["noRuleErrors"] },
  publish: { action: "publish", label: "发布", from: ["APPROVED"], to: "PUBLISHED", who: ["REVIEWER"], guards: [] },
  // a correction: the clerk edits again, the same review follows, and 发布 makes version n+1
  reopen: {
    action: "reopen",
    label: "发起更正",
    from: ["PUBLISHED"],
    to: "DRAFT",
    who: ["REVIEWER"],
    guards: ["reasonRequired"],
    reasonLabel: "更正说明",
  },
};

export const TRANSITION_ACTIONS = Object.keys(TRANSITIONS) as TransitionAction[];

/** The states in which the scoped clerk may save the report; approved and published figures are locked. */
export const EDITABLE_STATUSES: readonly ReportStatusName[] = ["DRAFT", "RETURNED"];

export function isEditable(status: ReportStatusName) {
  return EDITABLE_STATUSES.includes(status);
}

/** The transitions a role may offer for a report in `status` (scope aside). */
export function availableTransitions(role: RoleName, status: ReportStatusName): Transition[] {
  return TRANSITION_ACTIONS.map((a) => TRANSITIONS[a]).filter((t) => t.who.includes(role) && t.from.includes(status));
}

export const REASON_MAX_LENGTH = 2000;
