/**
 * Types of the report templates (国办公开办函〔2019〕60号 / 〔2021〕30号).
 *
 * A template is pure data: every table, row, column, label, unit and derivation is
 * declared once (see ./data.ts) and everything else — forms, validation, rendering,
 * import/export, SQL aggregation — is driven by it.
 */

export const TEMPLATE_IDS = ["2019", "2021"] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export const SECTION_KEYS = ["proactive", "applications", "reviewLitigation"] as const;
/** The three table sections (二、三、四). */
export type SectionKey = (typeof SECTION_KEYS)[number];

export const NARRATIVE_KEYS = ["overview", "problems", "other"] as const;
/** The three narrative sections (一、五、六). */
export type NarrativeKey = (typeof NARRATIVE_KEYS)[number];

/** Order in which the six parts of a report are printed. */
export type OutlineKey = NarrativeKey | SectionKey;

/**
 * - `count`: whole number ≥ 0
 * - `signedCount`: whole number, may be negative (2019 `change` 本年增/减)
 * - `money`: decimal ≥ 0 with at most 6 decimal places (1 分), in 万元
 * All kinds are bounded by MAX_CELL_VALUE (1e12) in size.
 */
export type CellKind = "count" | "signedCount" | "money";

/** The rule that checks a derived cell against the cells it is the sum of. */
export type DerivationRuleId = "rowTotal" | "handledTotal" | "groupTotal";

/**
 * A derived cell is the sum of other cells. On a column it sums other columns of the
 * same row; on a row it sums other rows of the same column.
 */
export interface Derivation {
  rule: DerivationRuleId;
  /** keys of the columns (for a column) or rows (for a row) that are summed */
  sumOf: readonly string[];
  /** how a message names the summed cells, e.g. "（一）至（六）各项办理结果之和" */
  sumLabel: string;
}

export interface ColumnDef {
  key: string;
  /** verbatim header label */
  label: string;
  /** labels of the merged header cells above this column, outermost first (silent groups left out) */
  path: readonly string[];
  /** path + label joined with " · " (e.g. "申请人情况 · 法人或其他组织 · 商业企业") */
  fullLabel: string;
  kind: CellKind;
  /** display unit: "件", "项", "个", "万元" */
  unit: string;
  derived: boolean;
  derivation: Derivation | null;
}

export interface RowDef {
  key: string;
  /** verbatim row label */
  label: string;
  /** labels of the label-only group rows / header groups that enclose this row, outermost first */
  path: readonly string[];
  /** path + label joined with " · " */
  fullLabel: string;
  /** compact name used inside messages, e.g. "一、本年新收" */
  shortLabel: string;
  /** the columns of this row, in order */
  columns: readonly ColumnDef[];
  /** the whole row is derived (applications `handledTotal`) */
  derived: boolean;
  derivation: Derivation | null;
}

/**
 * A node of a header / row-label tree. A node with `key` is a leaf that refers to a
 * column (applications columns), a row (applications rows) or a row whose columns are
 * printed under it (reviewLitigation groups). A node with `children` is a label-only
 * merged cell.
 */
export interface LabelNode {
  label: string;
  key?: string;
  children?: readonly LabelNode[];
  /** a label-only group not repeated in its leaves' full labels (申请人情况: its children say enough) */
  silent?: boolean;
}

interface SectionDefBase {
  key: SectionKey;
  /** Chinese ordinal of the part: "二" | "三" | "四" */
  number: string;
  /** official title, e.g. "二、主动公开政府信息情况" */
  title: string;
  /** every data row, in official order */
  rows: readonly RowDef[];
}

/** One 第二十条 item table of 二、主动公开政府信息情况. */
export interface ProactiveGroup {
  /** "第（一）项" */
  item: string;
  /** "第二十条第（一）项" — the merged heading row */
  heading: string;
  /** "信息内容" — header of the row-label column */
  contentHeader: string;
  columns: readonly ColumnDef[];
  rows: readonly RowDef[];
}

export interface ProactiveSectionDef extends SectionDefBase {
  key: "proactive";
  groups: readonly ProactiveGroup[];
  /** number of value columns of the widest group (the printed table's width minus 信息内容) */
  valueColumnCount: number;
  /**
   * How a group with fewer columns than `valueColumnCount` is printed:
   * "pad" leaves empty cells at the right (2019 form), "span" widens its last column (2021 form).
   */
  narrowGroups: "pad" | "span";
}

export interface ApplicationsSectionDef extends SectionDefBase {
  key: "applications";
  /** the seven columns, in order (the six applicant columns and 总计) */
  columns: readonly ColumnDef[];
  /** header tree: 申请人情况 › (自然人 | 法人或其他组织 › …) | 总计 */
  columnTree: readonly LabelNode[];
  /** row-label tree: 一、… | 二、… | 三、本年度办理结果 › （一）… | 四、… */
  rowTree: readonly LabelNode[];
  /** printed in the top-left corner: （本列数据的勾稽关系为：…） */
  note: string;
  /** the 勾稽关系: sum(left rows) = sum(right rows), column by column */
  balance: { left: readonly string[]; right: readonly string[] };
  /** this year's `row` must equal last year's `lastYearRow`, column by column */
  carryOver: { row: string; lastYearRow: string };
}

export interface ReviewLitigationSectionDef extends SectionDefBase {
  key: "reviewLitigation";
  /** the five columns each group has */
  columns: readonly ColumnDef[];
  /** header tree: 行政复议 | 行政诉讼 › (未经复议直接起诉 | 复议后起诉); leaves are row keys */
  groupTree: readonly LabelNode[];
}

export type SectionDef = ProactiveSectionDef | ApplicationsSectionDef | ReviewLitigationSectionDef;

export interface NarrativeSectionDef {
  key: NarrativeKey;
  /** "一" | "五" | "六" */
  number: string;
  /** official title, e.g. "一、总体情况" */
  title: string;
  /** what the official format asks this section to cover (shown as guidance in the form) */
  guidance: readonly string[];
  /** must be non-empty to submit */
  required: boolean;
}

export interface ReportTemplate {
  id: TemplateId;
  /** 发文字号, e.g. "国办公开办函〔2019〕60号" */
  documentName: string;
  /** title of the notice that issued the format */
  documentTitle: string;
  /**
   * The legal basis as the opening sentence of every report of this format cites it (docs/product.md
   * "Citations"): the page, the preview and every download print exactly this.
   */
  citation: string;
  /** report years this template applies to (inclusive; `to: null` = open-ended) */
  years: { from: number | null; to: number | null };
  narrative: { readonly [K in NarrativeKey]: NarrativeSectionDef };
  sections: {
    proactive: ProactiveSectionDef;
    applications: ApplicationsSectionDef;
    reviewLitigation: ReviewLitigationSectionDef;
  };
  /** the six parts in printed order: overview, proactive, applications, reviewLitigation, problems, other */
  outline: readonly OutlineKey[];
}

/** One cell of a template, flattened. */
export interface CellDef {
  /** `section/row/column`, see cellId() */
  id: string;
  section: SectionKey;
  row: string;
  column: string;
  kind: CellKind;
  unit: string;
  derived: boolean;
  /** the row's label with its enclosing groups, e.g. "三、本年度办理结果 · （三）不予公开 · 1.属于国家秘密" */
  rowLabel: string;
  /** the column's label with its header groups, e.g. "申请人情况 · 法人或其他组织 · 商业企业" */
  columnLabel: string;
  /** full human label: section title · row · column */
  label: string;
  /** the short name people and the form use: the row's own label and the column's label,
   * joined by one space ("（一）予以公开 商业企业"; in 四 the group's label: "行政复议 结果维持") */
  name: string;
}

/** A cell value: a number, or null when blank. */
export type CellValue = number | null;
/** row key → column key → value */
export type SectionValues = Record<string, Record<string, CellValue>>;
export interface ReportSections {
  proactive: SectionValues;
  applications: SectionValues;
  reviewLitigation: SectionValues;
}
/** Looser input accepted by the engines: anything may be missing or undefined. */
export type SectionValuesInput = Record<string, Record<string, CellValue | undefined> | undefined>;
export type ReportSectionsInput = Partial<Record<SectionKey, SectionValuesInput | undefined>>;

export interface ContactFieldDef {
  key: "address" | "phone" | "email";
  /** the field's label on the form, in messages and in the printed preamble ("地址") */
  label: string;
  /** other words an agency's own document may use for it ("通信地址"), read when importing */
  aliases: readonly string[];
}
