/**
 * Parse + derive + validate, the way `cli validate`, `cli import` and the browser check need it.
 */
import { isTemplateId, templateIdForYear, type TemplateId } from "@/lib/templates";
import { errorsOf, formatViolationLine, validateDocument, type ValidationOptions, type Violation } from "@/lib/validation";
import { inexactNumberProblems, parseReportDocument, withDerivedCells } from "./document";
import type { ReportDocument } from "./schema";

export interface CheckResult {
  /** true when the document parses and no error rule is violated (warnings allowed) */
  ok: boolean;
  /** the parsed document with derived cells filled in (undefined when it did not parse) */
  doc?: ReportDocument;
  /** structural errors from parsing, one Chinese line each (`path: message`) */
  parseErrors: string[];
  /**
   * The rule engine's results. When the document did not parse, the equation rules are
   * still checked on the tables as written (every independent problem in one pass): a
   * sum whose operand holds an invalid value is reported as not checkable, naming it.
   */
  violations: Violation[];
  /**
   * One line per problem, each starting with its id: parse problems (`schema …`, or
   * `nonNegativeInteger …` for a cell value of the wrong kind), then one
   * formatViolationLine per violation (errors first, then warnings)
   */
  lines: string[];
}

export interface CheckOptions extends Partial<ValidationOptions> {
  /**
   * The file's text, when the input was read from one: numbers a double cannot hold
   * exactly (more than 15 significant digits) are refused instead of silently rounded.
   */
  sourceText?: string;
  /**
   * A report published before it reached the system (`import --publish`): contact and
   * issuedOn may be missing, blank detail cells are allowed and summed as 0.
   */
  published?: boolean;
}

/** The template a document that failed to parse would have been checked against, if clear. */
function templateOfRaw(input: unknown): TemplateId | null {
  if (typeof input !== "object" || input === null) return null;
  const { template, year } = input as { template?: unknown; year?: unknown };
  if (!isTemplateId(template)) return null;
  if (typeof year === "number" && Number.isInteger(year) && templateIdForYear(year) !== template) return null;
  return template;
}

export function checkReportDocument(input: unknown, options: CheckOptions = {}): CheckResult {
  const mode = options.published ? "published" : (options.mode ?? "submit");
  const inexact = options.sourceText ? inexactNumberProblems(options.sourceText) : [];
  const parsed = inexact.length ? null : parseReportDocument(input, { published: options.published });
  if (!parsed || !parsed.ok) {
    const problems = parsed && !parsed.ok ? parsed.problems : inexact.map((line) => ({ id: "nonNegativeInteger" as const, line }));
    // the sums are still checked on the tables as written; the value and required
    // problems are the parser's lines already
    const templateId = templateOfRaw(input);
    const raw = input as Partial<Record<"proactive" | "applications" | "reviewLitigation", never>>;
    const violations = templateId
      ? validateDocument(
          { template: templateId, proactive: raw.proactive, applications: raw.applications, reviewLitigation: raw.reviewLitigation },
          { mode, lastYear: options.lastYear ?? null },
        ).filter((v) => v.ruleId !== "nonNegativeInteger" && v.ruleId !== "required")
      : [];
    return {
      ok: false,
      parseErrors: problems.map((p) => p.line),
      violations,
      lines: [...problems.map((p) => `${p.id} ${p.line}`), ...violations.map(formatViolationLine)],
    };
  }
  const doc = withDerivedCells(parsed.doc, { blankAsZero: mode === "published" });
  // the figures as written: a derived cell left blank is computed by the engine itself
  const violations = validateDocument(parsed.doc, { mode, lastYear: options.lastYear ?? null });
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

/** checkReportDocument on a file's text: a broken JSON file is one clear line, never a throw. */
export function checkReportJson(text: string, options: Omit<CheckOptions, "sourceText"> = {}): CheckResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    const line = `(根): 文件不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, parseErrors: [line], violations: [], lines: [`schema ${line}`] };
  }
  return checkReportDocument(json, { ...options, sourceText: text });
}
