/**
 * Parse + derive + validate, the way `cli validate` and `cli import` need it.
 */
import { errorsOf, formatViolationLine, validateDocument, type ValidationOptions, type Violation } from "@/lib/validation";
import { parseReportDocument, withDerivedCells } from "./document";
import type { ReportDocument } from "./schema";

export interface CheckResult {
  /** true when the document parses and no error rule is violated (warnings allowed) */
  ok: boolean;
  /** the parsed document with derived cells filled in (undefined when it did not parse) */
  doc?: ReportDocument;
  /** structural errors from parsing, one Chinese line each (`path: message`) */
  parseErrors: string[];
  violations: Violation[];
  /** parse errors, then one formatViolationLine per violation (errors first, then warnings) */
  lines: string[];
}

export function checkReportDocument(
  input: unknown,
  options: Partial<ValidationOptions> = {},
): CheckResult {
  const parsed = parseReportDocument(input);
  if (!parsed.ok) return { ok: false, parseErrors: parsed.errors, violations: [], lines: parsed.errors };
  const doc = withDerivedCells(parsed.doc);
  const violations = validateDocument(doc, { mode: options.mode ?? "submit", lastYear: options.lastYear ?? null });
  const errors = errorsOf(violations);
  const warnings = violations.filter((v) => v.severity !== "error");
  return {
    ok: errors.length === 0,
    doc,
    parseErrors: [],
    violations,
    lines: [...errors, ...warnings].map(formatViolationLine),
  };
}
