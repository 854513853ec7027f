/**
 * Validation rules as data (DHIS2 style: left side, operator, right side), generated
 * from the template's declarations — its derived totals, its 勾稽关系 and its carry-over
 * row — so the rules and the tables can never drift apart.
 */
import {
  CONTACT_FIELDS,
  getTemplate,
  SECTION_KEYS,
  type ColumnDef,
  type NarrativeKey,
  type RowDef,
  type SectionKey,
  type TemplateId,
} from "@/lib/templates";

export type Severity = "error" | "warning";
export type RuleId =
  | "nonNegativeInteger"
  | "rowTotal"
  | "handledTotal"
  | "balance"
  | "groupTotal"
  | "carryOverMatchesLastYear"
  | "required";

export const RULE_IDS: readonly RuleId[] = [
  "nonNegativeInteger",
  "required",
  "rowTotal",
  "handledTotal",
  "balance",
  "groupTotal",
  "carryOverMatchesLastYear",
];

/** What each rule is about, for rule lists and help texts. */
export const RULES: { readonly [K in RuleId]: { severity: Severity; title: string; description: string } } = {
  nonNegativeInteger: {
    severity: "error",
    title: "数值格式",
    description: "件数为不小于 0 的整数；本年增/减可以为负数；金额（万元）不小于 0，最多 6 位小数（精确到分）；任何数值不超过 1e12",
  },
  rowTotal: { severity: "error", title: "行总计", description: "三、每一行的“总计”等于自然人及法人或其他组织各列之和" },
  handledTotal: { severity: "error", title: "办理结果总计", description: "三、（七）总计等于（一）至（六）各项办理结果之和，逐列核对" },
  balance: {
    severity: "error",
    title: "勾稽关系",
    description: "三、第一项加第二项之和，等于第三项加第四项之和（本年新收 + 上年结转 = 办理结果总计 + 结转下年度），逐列核对",
  },
  groupTotal: { severity: "error", title: "复议诉讼总计", description: "四、每组的“总计”等于结果维持、结果纠正、其他结果、尚未审结之和" },
  carryOverMatchesLastYear: {
    severity: "warning",
    title: "上年结转",
    description: "本年“二、上年结转”应等于上一年度报告的“四、结转下年度继续办理”",
  },
  required: { severity: "error", title: "必填项", description: "提交前每个数字都要填写（没有发生的填 0），总体情况、存在的主要问题及改进情况和联系方式不能为空" },
};

/** One side's term: a cell of this report, or (lastYear) the same cell of last year's report. */
export interface Operand {
  section: SectionKey;
  row: string;
  column: string;
  lastYear?: boolean;
}

/** `sum(left) == sum(right)`, evaluated when every operand has a value. */
export interface EquationRule {
  type: "equation";
  id: RuleId;
  severity: Severity;
  left: readonly Operand[];
  operator: "==";
  right: readonly Operand[];
  /**
   * The left side is one derived cell. Left blank it is computed (nothing to check);
   * stated, it must agree with the right side.
   */
  derivedLeft: boolean;
  /** Chinese names for the message: where (section · row/column), the two sides, a hint */
  where: string;
  leftName: string;
  rightName: string;
  hint: string;
}

/** Every stated cell must be a valid value of its kind (count / signedCount / money). */
export interface CellKindRule {
  type: "cellKind";
  id: "nonNegativeInteger";
  severity: "error";
}

/** In submit mode: cells, narrative sections and contact fields that must be filled. */
export interface RequiredRule {
  type: "required";
  id: "required";
  severity: "error";
  narrative: readonly NarrativeKey[];
  contact: readonly (typeof CONTACT_FIELDS)[number]["key"][];
}

export type RuleDef = CellKindRule | RequiredRule | EquationRule;

const cache = new Map<TemplateId, readonly RuleDef[]>();

const cellRef = (section: SectionKey, row: string, column: string, lastYear = false): Operand =>
  lastYear ? { section, row, column, lastYear } : { section, row, column };

const columnWhere = (title: string, col: ColumnDef) => `${title} · ${col.fullLabel} 列`;
/** applications rows are printed as rows ("… 行"); reviewLitigation "rows" are column groups */
const rowWhere = (title: string, row: RowDef, section: SectionKey) =>
  `${title} · ${row.fullLabel}${section === "applications" ? " 行" : ""}`;

/** The rules of a template, in evaluation (and reporting) order. */
export function rulesFor(templateId: TemplateId): readonly RuleDef[] {
  const cached = cache.get(templateId);
  if (cached) return cached;
  const t = getTemplate(templateId);
  const rules: RuleDef[] = [{ type: "cellKind", id: "nonNegativeInteger", severity: "error" }];
  rules.push({
    type: "required",
    id: "required",
    severity: "error",
    narrative: Object.values(t.narrative)
      .filter((n) => n.required)
      .map((n) => n.key),
    contact: CONTACT_FIELDS.map((c) => c.key),
  });

  const equations: EquationRule[] = [];
  for (const sectionKey of SECTION_KEYS) {
    const s = t.sections[sectionKey];
    // derived columns: a row's total = sum of its columns (rowTotal, groupTotal)
    for (const row of s.rows) {
      for (const col of row.columns) {
        if (!col.derivation) continue;
        equations.push({
          type: "equation",
          id: col.derivation.rule,
          severity: "error",
          left: [cellRef(sectionKey, row.key, col.key)],
          operator: "==",
          right: col.derivation.sumOf.map((c) => cellRef(sectionKey, row.key, c)),
          derivedLeft: true,
          where: rowWhere(s.title, row, sectionKey),
          leftName: col.label,
          rightName: col.derivation.sumLabel,
          hint: `（${col.label}应等于${col.derivation.sumLabel}；清空${col.label}可由系统自动计算）`,
        });
      }
    }
    // derived rows: a total row = sum of rows, column by column (handledTotal)
    for (const row of s.rows) {
      if (!row.derivation) continue;
      for (const col of row.columns) {
        equations.push({
          type: "equation",
          id: row.derivation.rule,
          severity: "error",
          left: [cellRef(sectionKey, row.key, col.key)],
          operator: "==",
          right: row.derivation.sumOf.map((r) => cellRef(sectionKey, r, col.key)),
          derivedLeft: true,
          where: columnWhere(s.title, col),
          leftName: row.shortLabel,
          rightName: row.derivation.sumLabel,
          hint: `（${row.label}应等于${row.derivation.sumLabel}；清空${row.label}可由系统自动计算）`,
        });
      }
    }
  }

  const apps = t.sections.applications;
  const shortName = (keys: readonly string[]) =>
    keys.map((k) => apps.rows.find((r) => r.key === k)?.shortLabel ?? k).join(" + ");
  for (const col of apps.columns) {
    equations.push({
      type: "equation",
      id: "balance",
      severity: "error",
      left: apps.balance.left.map((r) => cellRef("applications", r, col.key)),
      operator: "==",
      right: apps.balance.right.map((r) => cellRef("applications", r, col.key)),
      derivedLeft: false,
      where: columnWhere(apps.title, col),
      leftName: shortName(apps.balance.left),
      rightName: shortName(apps.balance.right),
      hint: "（勾稽关系不平：第一项加第二项之和，应等于第三项加第四项之和）",
    });
  }
  for (const col of apps.columns) {
    equations.push({
      type: "equation",
      id: "carryOverMatchesLastYear",
      severity: "warning",
      left: [cellRef("applications", apps.carryOver.row, col.key)],
      operator: "==",
      right: [cellRef("applications", apps.carryOver.lastYearRow, col.key, true)],
      derivedLeft: false,
      where: columnWhere(apps.title, col),
      leftName: shortName([apps.carryOver.row]),
      rightName: `上一年度报告的${shortName([apps.carryOver.lastYearRow])}`,
      hint: "（与上一年度报告不一致，请核对）",
    });
  }

  const order = (id: RuleId) => RULE_IDS.indexOf(id);
  equations.sort((a, b) => order(a.id) - order(b.id)); // stable: keeps template order within a rule
  const all = Object.freeze([...rules, ...equations]);
  cache.set(templateId, all);
  return all;
}
