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
  /**
   * One line per problem, each starting with its id: parse problems (`schema …`, or
   * `nonNegativeInteger …` for a cell value of the wrong kind), else one
   * formatViolationLine per violation (errors first, then warnings)
   */
  lines: string[];
}

export function checkReportDocument(
  input: unknown,
  options: Partial<ValidationOptions> = {},
): CheckResult {
  const parsed = parseReportDocument(input);
  if (!parsed.ok) {
    return { ok: false, parseErrors: parsed.errors, violations: [], lines: parsed.problems.map((p) => `${p.id} ${p.line}`) };
  }
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
