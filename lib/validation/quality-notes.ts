/**
 * Public data-quality notes of a report published before it reached the system and
 * imported as printed (`npm run cli -- import --publish [--as-published]`): the cells the
 * publisher left blank, and the rules its printed figures break, in words for the public.
 * Stored with the published version; shown on the report page and served by the API.
 * Nothing filed through the system's own forms ever gets notes: it obeys every rule.
 */
import { cellId, decimalText, getTemplate, microsToText, toMicros, type ReportSections, type TemplateId } from "@/lib/templates";
import type { Violation } from "./engine";
import { rulesFor, type EquationRule, type Operand, type RuleId } from "./rules";

/** `blankCell`: cells printed blank (stored as null, summed as 0); otherwise the rule broken. */
export type QualityNoteId = RuleId | "blankCell";

export interface QualityNote {
  id: QualityNoteId;
  severity: "error" | "warning" | "info";
  /** the cells concerned (`section/row/column`) */
  cells: string[];
  /** Chinese, for the public: what the printed report says and what does not add up */
  message: string;
}

const operandId = (o: Operand) => `${o.lastYear ? "lastYear:" : ""}${cellId(o.section, o.row, o.column)}`;
const fmt = (n: number) => decimalText(n);

function equationOf(templateId: TemplateId, v: Violation): EquationRule | undefined {
  const key = `${(v.left ?? []).join("+")}=${(v.right ?? []).join("+")}`;
  return rulesFor(templateId).find(
    (r): r is EquationRule => r.type === "equation" && r.id === v.ruleId && `${r.left.map(operandId).join("+")}=${r.right.map(operandId).join("+")}` === key,
  );
}

/** A broken rule as a public note: "（七）总计 原报告印为 20，（一）至（六）各项办理结果之和为 26，相差 6". */
export function violationNote(templateId: TemplateId, v: Violation): QualityNote {
  const rule = equationOf(templateId, v);
  let message = v.message;
  if (rule && v.actual !== undefined && v.expected !== undefined) {
    const diff = microsToText(toMicros(v.actual) - toMicros(v.expected)).replace(/^-/, "");
    message = rule.derivedLeft
      ? `${rule.where}：${rule.leftName} 原报告印为 ${fmt(v.actual)}，${rule.rightName}为 ${fmt(v.expected)}，相差 ${diff}`
      : `${rule.where}：原报告${rule.leftName} = ${fmt(v.actual)}，${rule.rightName} = ${fmt(v.expected)}，相差 ${diff}，${rule.id === "balance" ? "勾稽关系不平" : "前后不一致"}`;
  }
  return { id: v.ruleId, severity: v.severity, cells: v.cells, message };
}

/** The detail cells the publisher left blank, one note per row: "… · 商业企业、科研机构 原报告空白（按 0 计）". */
export function blankCellNotes(doc: { template: TemplateId } & ReportSections): QualityNote[] {
  const t = getTemplate(doc.template);
  const notes: QualityNote[] = [];
  for (const section of ["proactive", "applications", "reviewLitigation"] as const) {
    const s = t.sections[section];
    for (const row of s.rows) {
      if (row.derived) continue;
      const blank = row.columns.filter((c) => !c.derived && (doc[section][row.key]?.[c.key] ?? null) === null);
      if (!blank.length) continue;
      notes.push({
        id: "blankCell",
        severity: "info",
        cells: blank.map((c) => cellId(section, row.key, c.key)),
        message: `${s.title} · ${row.fullLabel}：${blank.map((c) => c.label).join("、")} 原报告空白（按 0 计）`,
      });
    }
  }
  return notes;
}

/** Every note of a report imported as published: blank cells first, then the rules it breaks. */
export function qualityNotesOf(
  doc: { template: TemplateId } & ReportSections,
  violations: readonly Violation[],
): QualityNote[] {
  return [...blankCellNotes(doc), ...violations.map((v) => violationNote(doc.template, v))];
}

/** Reads stored notes (JSON from the database) defensively: anything malformed is dropped. */
export function readQualityNotes(value: unknown): QualityNote[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (n): n is QualityNote =>
      typeof n === "object" && n !== null && typeof (n as QualityNote).message === "string" && typeof (n as QualityNote).id === "string" && Array.isArray((n as QualityNote).cells),
  );
}
