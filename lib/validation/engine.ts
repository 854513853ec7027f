/**
 * The one engine that evaluates the rule data of ./rules.ts against a report.
 * Pure TypeScript: runs in the browser (live form checks) and in Node (server, CLI).
 */
import {
  CONTACT_FIELDS,
  cellId,
  cellsOf,
  decimalText,
  describeValue,
  effectiveValues,
  findCell,
  findColumn,
  findRow,
  getTemplate,
  isValidCellValue,
  microsToNumber,
  microsToText,
  statedValue,
  toMicros,
  valueProblem,
  type CellDef,
  type CellValue,
  type NarrativeKey,
  type ReportSections,
  type ReportSectionsInput,
  type ReportTemplate,
  type TemplateId,
} from "@/lib/templates";
import { rulesFor, RULE_IDS, type EquationRule, type Operand, type RequiredRule, type RuleDef, type RuleId, type Severity } from "./rules";

export interface Violation {
  ruleId: RuleId;
  severity: Severity;
  /**
   * The cells concerned, as cellIds (`section/row/column`), for highlighting. For
   * `required` on a narrative or contact field: "narrative.overview", "contact.phone".
   */
  cells: string[];
  /** equation rules: the left side's cells and the right side's (last year's cells as `lastYear:section/row/column`) */
  left?: string[];
  right?: string[];
  /** the right side (the computed total, or the other side of the 勾稽关系) */
  expected?: number;
  /** the left side (the stated total, or the stated value of the flagged cell) */
  actual?: number;
  /** actual − expected */
  difference?: number;
  /**
   * Equation rules: the rule could not be checked because these operands (cellIds) hold
   * invalid values (reported on their own by nonNegativeInteger). The other rules are
   * still checked, so every independent problem is reported in one pass.
   */
  notCheckable?: string[];
  /** Chinese, naming the cells by their official labels */
  message: string;
}

export interface ValidationInput {
  templateId: TemplateId;
  /** the three table sections; values number | null (missing = null) */
  sections: ReportSectionsInput | ReportSections;
  /** narrative sections (markdown); in submit mode, missing counts as empty */
  narrative?: Partial<Record<NarrativeKey, string | null | undefined>> | null;
  /** contact fields; in submit mode, missing counts as empty */
  contact?: Partial<Record<"address" | "phone" | "email", string | null | undefined>> | null;
}

export interface ValidationOptions {
  /**
   * "draft": blanks are fine; "submit": every number and the narrative/contact must be filled;
   * "published": a report published before it reached the system (`import --publish`): blank
   * detail cells and a missing contact are allowed (blanks are summed as 0), every other rule applies
   */
  mode: "draft" | "submit" | "published";
  /** last year's report of the same agency, when it is in the system */
  lastYear?: { carriedForward: Record<string, CellValue | undefined> } | null;
}

const fmt = (n: number) => decimalText(n);

function operandId(o: Operand): string {
  return `${o.lastYear ? "lastYear:" : ""}${cellId(o.section, o.row, o.column)}`;
}

/** How a message names a cell: its row label and column label, as on the form ("（一）予以公开 商业企业"). */
function cellName(t: ReportTemplate, section: Operand["section"], row: string, column: string): string {
  const id = cellId(section, row, column);
  return findCell(t, id)?.name ?? id;
}

/**
 * The stated cells with invalid values that leave this cell without a value: itself
 * when stated invalidly, or, for a derived cell left blank, the invalid cells of its sum.
 */
function invalidSources(t: ReportTemplate, sections: ValidationInput["sections"], section: Operand["section"], row: string, column: string, seen = new Set<string>()): string[] {
  const id = cellId(section, row, column);
  if (seen.has(id)) return [];
  seen.add(id);
  const rowDef = findRow(t, section, row);
  const col = rowDef?.columns.find((c) => c.key === column);
  if (!rowDef || !col) return [];
  const stated = statedValue(sections, section, row, column);
  if (stated !== null) return isValidCellValue(stated, col.kind) ? [] : [id];
  const parts = col.derivation
    ? col.derivation.sumOf.map((c) => [row, c] as const)
    : rowDef.derivation
      ? rowDef.derivation.sumOf.map((r) => [r, column] as const)
      : [];
  return parts.flatMap(([r, c]) => invalidSources(t, sections, section, r, c, seen));
}

function evaluateEquation(
  t: ReportTemplate,
  rule: EquationRule,
  input: ValidationInput,
  current: ReturnType<typeof effectiveValues>,
  lastYear: ReturnType<typeof effectiveValues> | null,
  blankAsZero: boolean,
): Violation | null {
  if (rule.derivedLeft) {
    const o = rule.left[0]!;
    // a blank derived cell is computed from its parts: nothing to check
    if (statedValue(input.sections, o.section, o.row, o.column) === null) return null;
  }
  const left = rule.left.map(operandId);
  const right = rule.right.map(operandId);
  const invalid: string[] = [];
  let blank = false;
  const side = (ops: readonly Operand[]): bigint => {
    let micros = 0n;
    for (const o of ops) {
      const source = o.lastYear ? lastYear : current;
      if (!source) {
        blank = true;
        continue;
      }
      let v = source(o.section, o.row, o.column);
      if (v === null && !o.lastYear) {
        const bad = invalidSources(t, input.sections, o.section, o.row, o.column);
        if (bad.length) invalid.push(...bad.filter((id) => !invalid.includes(id)));
        else if (blankAsZero) v = 0; // published with this cell (or a part of it) left blank
      }
      if (v === null) {
        blank = true;
        continue;
      }
      micros += toMicros(v);
    }
    return micros;
  };
  if (rule.derivedLeft) {
    // a stated total that is itself invalid cannot be compared with its parts
    const o = rule.left[0]!;
    const kind = findColumn(t, o.section, o.row, o.column)?.kind ?? "count";
    if (!isValidCellValue(statedValue(input.sections, o.section, o.row, o.column), kind)) invalid.push(operandId(o));
  }
  const l = rule.derivedLeft && invalid.length ? 0n : side(rule.left);
  const r = side(rule.right);
  // what every violation of this rule says of its cells
  const about = { ruleId: rule.id, severity: rule.severity, cells: [...left, ...right].filter((id) => !id.startsWith("lastYear:")), left, right };
  if (invalid.length) {
    const names = invalid.map((id) => {
      const [section, row, column] = id.split("/") as [Operand["section"], string, string];
      return `${cellName(t, section, row, column)}（${describeValue(statedValue(input.sections, section, row, column))}）`;
    });
    return {
      ...about,
      notCheckable: invalid,
      message: `${rule.where}：无法核对${rule.leftName}与${rule.rightName}，因为 ${names.join("、")} 不是有效数值；请先改正这些单元格`,
    };
  }
  if (blank || l === r) return null; // a blank operand: nothing to check yet
  const actual = microsToNumber(l);
  const expected = microsToNumber(r);
  const difference = microsToNumber(l - r);
  const diffText = microsToText(l > r ? l - r : r - l);
  const statement = rule.derivedLeft
    ? `${rule.leftName}填的是 ${fmt(actual)}，而${rule.rightName}为 ${fmt(expected)}`
    : `${rule.leftName} = ${fmt(actual)}，${rule.rightName} = ${fmt(expected)}`;
  return {
    ...about,
    expected,
    actual,
    difference,
    message: `${rule.where}：${statement}，相差 ${diffText}${rule.hint}`,
  };
}

function evaluateRequired(t: ReportTemplate, rule: RequiredRule, input: ValidationInput): Violation[] {
  const out: Violation[] = [];
  for (const sectionKey of ["proactive", "applications", "reviewLitigation"] as const) {
    const s = t.sections[sectionKey];
    for (const row of s.rows) {
      const blank = row.columns.filter(
        (c) => !(row.derived || c.derived) && statedValue(input.sections, sectionKey, row.key, c.key) === null,
      );
      if (blank.length === 0) continue;
      const all = blank.length === row.columns.filter((c) => !(row.derived || c.derived)).length;
      const what = all && row.columns.length > 1 ? "整行未填写" : `${blank.map((c) => c.label).join("、")} 未填写`;
      out.push({
        ruleId: "required",
        severity: rule.severity,
        cells: blank.map((c) => cellId(sectionKey, row.key, c.key)),
        message: `${s.title} · ${row.fullLabel}：${what}（没有发生的请填 0）`,
      });
    }
  }
  for (const key of rule.narrative) {
    const text = input.narrative?.[key];
    if (typeof text !== "string" || text.trim() === "") {
      out.push({
        ruleId: "required",
        severity: rule.severity,
        cells: [`narrative.${key}`],
        message: `${t.narrative[key].title} 未填写`,
      });
    }
  }
  const missing = CONTACT_FIELDS.filter((f) => rule.contact.includes(f.key)).filter((f) => {
    const v = input.contact?.[f.key];
    return typeof v !== "string" || v.trim() === "";
  });
  if (missing.length > 0) {
    out.push({
      ruleId: "required",
      severity: rule.severity,
      cells: missing.map((f) => `contact.${f.key}`),
      message: `联系方式：${missing.map((f) => f.label).join("、")} 未填写`,
    });
  }
  return out;
}

/**
 * Checks a report against every rule of its template. Returns the violations in rule
 * order (nonNegativeInteger, required, rowTotal, handledTotal, balance, groupTotal,
 * carryOverMatchesLastYear), each in template order. Never throws on odd values.
 */
export function validateReport(input: ValidationInput, options: ValidationOptions): Violation[] {
  return inRuleOrder(validateRules(input, options, rulesFor(input.templateId)));
}

/** Violations sorted as validateReport returns them (stable: template order within a rule). */
export function inRuleOrder(vs: Violation[]): Violation[] {
  const order = (id: RuleId) => RULE_IDS.indexOf(id);
  return vs.sort((a, b) => order(a.ruleId) - order(b.ruleId));
}

/**
 * The violations of some of a template's rules (in the order given; `cells` limits the cell
 * kind rule to those cells): what a live form re-checks after one cell changed, the rules
 * that read it, while the others' results stand.
 */
export function validateRules(
  input: ValidationInput,
  options: ValidationOptions,
  rules: readonly RuleDef[],
  cells?: readonly CellDef[],
  /** effectiveValues of input.sections (with the same blankAsZero), when the caller has them: several calls share one computation */
  values?: ReturnType<typeof effectiveValues>,
): Violation[] {
  const t = getTemplate(input.templateId);
  const blankAsZero = options.mode === "published";
  const current = values ?? effectiveValues(t, input.sections, { blankAsZero });
  const lastYear = options.lastYear
    ? effectiveValues(t, { applications: { [t.sections.applications.carryOver.lastYearRow]: { ...options.lastYear.carriedForward } } })
    : null;
  const out: Violation[] = [];
  for (const rule of rules) {
    switch (rule.type) {
      case "cellKind":
        for (const cell of cells ?? cellsOf(t)) {
          const v = statedValue(input.sections, cell.section, cell.row, cell.column);
          if (v === null) continue;
          const problem = valueProblem(v, cell.kind);
          if (problem === null) continue;
          out.push({
            ruleId: rule.id,
            severity: rule.severity,
            cells: [cell.id],
            ...(typeof v === "number" && Number.isFinite(v) ? { actual: v } : {}),
            message: `${cell.label}：${problem}`,
          });
        }
        break;
      case "required":
        if (options.mode === "submit") out.push(...evaluateRequired(t, rule, input));
        break;
      case "equation": {
        const v = evaluateEquation(t, rule, input, current, lastYear, blankAsZero);
        if (v) out.push(v);
        break;
      }
    }
  }
  return out;
}

/**
 * The input cells an equation reads, a derived operand through the cells it sums: a change
 * to any other cell cannot change the equation's result.
 */
export function equationInputs(t: ReportTemplate, rule: EquationRule): string[] {
  const out = new Set<string>();
  const visit = (section: Operand["section"], row: string, column: string) => {
    const id = cellId(section, row, column);
    if (out.has(id)) return;
    out.add(id);
    const rowDef = findRow(t, section, row);
    const col = rowDef?.columns.find((c) => c.key === column);
    if (!rowDef || !col) return;
    if (col.derivation) for (const c of col.derivation.sumOf) visit(section, row, c);
    else if (rowDef.derivation) for (const r of rowDef.derivation.sumOf) visit(section, r, column);
  };
  for (const o of [...rule.left, ...rule.right]) if (!o.lastYear) visit(o.section, o.row, o.column);
  return [...out];
}

export const errorsOf = (vs: readonly Violation[]) => vs.filter((v) => v.severity === "error");
export const warningsOf = (vs: readonly Violation[]) => vs.filter((v) => v.severity === "warning");
export const hasErrors = (vs: readonly Violation[]) => vs.some((v) => v.severity === "error");

/** cellId → the violations that concern it (for highlighting cells in a form). */
export function violationsByCell(vs: readonly Violation[]): Map<string, Violation[]> {
  const m = new Map<string, Violation[]>();
  for (const v of vs) for (const c of v.cells) (m.get(c) ?? m.set(c, []).get(c)!).push(v);
  return m;
}

/** a side of an equation: `a+b`, or for long sums `Σ(first…last, n 项)` */
function sideText(ids: readonly string[]): string {
  if (ids.length <= 6) return ids.join("+");
  return `Σ(${ids[0]}…${ids[ids.length - 1]}, ${ids.length} 项)`;
}

/**
 * One line for the CLI: rule id, cells, amounts, message. E.g.
 * `balance applications/received/naturalPerson+applications/carriedOver/naturalPerson ≠ applications/handledTotal/naturalPerson+applications/carriedForward/naturalPerson: 5 ≠ 4 (差 1) — 三、… 自然人 列：…`
 */
export function formatViolationLine(v: Violation): string {
  if (v.left && v.right && v.actual !== undefined && v.expected !== undefined) {
    const diff = microsToText(toMicros(v.actual) - toMicros(v.expected)).replace(/^-/, "");
    return `${v.ruleId} ${sideText(v.left)} ≠ ${sideText(v.right)}: ${fmt(v.actual)} ≠ ${fmt(v.expected)} (差 ${diff}) — ${v.message}`;
  }
  if (v.notCheckable) {
    return `${v.ruleId} ${v.notCheckable.join(",")}: 无法核对 — ${v.message}`;
  }
  const amount = v.actual !== undefined ? `: ${fmt(v.actual)}` : "";
  return `${v.ruleId} ${v.cells.join(",")}${amount} — ${v.message}`;
}
