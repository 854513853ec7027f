/**
 * Cell values: kind checks, Chinese descriptions, and derived (computed) cells.
 * Shared by the exchange schemas and the validation engine.
 */
import { DECIMAL_SCALE, decimalPlacesOf, decimalText, literalIsExact, microsToNumber, toMicros } from "./decimal";
import { cellsOf, findRow } from "./helpers";
import {
  SECTION_KEYS,
  type CellKind,
  type CellValue,
  type ReportSections,
  type ReportSectionsInput,
  type ReportTemplate,
  type SectionKey,
  type SectionValues,
} from "./types";

/** Money has at most 6 decimal places in 万元: 0.000001 万元 = 1 分 (see ./decimal.ts). */
export const MONEY_MAX_DECIMALS = DECIMAL_SCALE;
/** Money is compared and summed in integer units of 1e-6 万元 (= 1 分). */
export const MONEY_SCALE = 10 ** DECIMAL_SCALE;
/**
 * Largest figure of any kind (a count, a 本年增/减 either way, an amount in 万元), checked
 * wherever a figure comes in (a draft, an import, the rules). The cells are stored as
 * NUMERIC(20,6) (prisma/schema.prisma `ReportCell.value`: 14 digits before the point, so
 * below 1e14), and a region's sums as NUMERIC(30,6); 1e12 fits with room to spare, keeps
 * every figure exact as a double (see ./decimal.ts) and is far above any real report.
 */
export const MAX_CELL_VALUE = 1e12;

export type FigureText = { ok: true; value: CellValue; literal: string } | { ok: false };

/**
 * The one reading of a figure written as text (typed, pasted from a spreadsheet, printed in
 * a document): blank → null; full-width characters, spaces, thousands separators
 * (`1,234,567`) and the minus signs −/–/－ are tolerated; words, dashes, units, a number a
 * double cannot hold exactly (more than about 15 digits) are not numbers: nothing is
 * guessed or silently rounded. `literal` is the plain decimal read ("-1234.50"), for
 * callers that count the places as written. Kind and size are the callers' checks.
 */
export function parseFigureText(text: string): FigureText {
  const s = text.normalize("NFKC").replace(/[\s\u00a0\u3000]/g, "").replace(/[\u2212\u2013]/g, "-");
  if (s === "") return { ok: true, value: null, literal: "" };
  const grouped = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replace(/,/g, "") : s;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(grouped)) return { ok: false };
  const literal = grouped.replace(/^\+/, "").replace(/^(-?)\./, "$10.").replace(/\.$/, "");
  if (!literalIsExact(literal)) return { ok: false };
  const value = Number(literal);
  return { ok: true, value: value === 0 ? 0 : value, literal };
}

/** What a value of this kind must be, in Chinese. */
export function kindRequirement(kind: CellKind): string {
  switch (kind) {
    case "count":
      return "应为不小于 0 的整数";
    case "signedCount":
      return "应为整数（减少时可填负数）";
    case "money":
      return `应为不小于 0 的金额（万元），最多 ${MONEY_MAX_DECIMALS} 位小数`;
  }
}

/** Number of decimal places in the shortest decimal representation of `v`. */
export function decimalPlaces(v: number): number {
  if (!Number.isFinite(v)) return 0;
  return decimalPlacesOf(v);
}

/** True when `v` is an acceptable stated value of this kind. */
export function isValidCellValue(v: unknown, kind: CellKind): v is number {
  if (typeof v !== "number" || !Number.isFinite(v) || Math.abs(v) > MAX_CELL_VALUE) return false;
  switch (kind) {
    case "count":
      return Number.isInteger(v) && v >= 0;
    case "signedCount":
      return Number.isInteger(v);
    case "money":
      return v >= 0 && decimalPlaces(v) <= MONEY_MAX_DECIMALS;
  }
}

/** A value as a clerk would read it: `-1`, `文字 "abc"`, `空值（null）` … */
export function describeValue(v: unknown): string {
  if (v === undefined) return "未填写（缺少此项）";
  if (v === null) return "空值（null）";
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "非数字（NaN）";
    if (!Number.isFinite(v)) return "无穷大";
    return String(v);
  }
  if (typeof v === "string") return `文字 ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === "boolean") return `真假值 ${v}`;
  if (Array.isArray(v)) return "数组";
  if (typeof v === "object") return "对象";
  return typeof v;
}

/**
 * Why `v` is not acceptable for `kind`, in Chinese ("应为不小于 0 的整数，实际为 -1"),
 * or null when it is fine. A string of digits is rejected too ("不要加引号").
 */
export function valueProblem(v: unknown, kind: CellKind): string | null {
  if (isValidCellValue(v, kind)) return null;
  let detail = "";
  if (typeof v === "number" && Number.isFinite(v)) {
    if (Math.abs(v) > MAX_CELL_VALUE) detail = `（数值过大：任何数值的绝对值都不能超过 ${decimalText(MAX_CELL_VALUE)}，即一万亿）`;
    else if (kind === "money" && v >= 0 && decimalPlaces(v) > MONEY_MAX_DECIMALS) detail = `（有 ${decimalPlaces(v)} 位小数）`;
    else if (!Number.isInteger(v) && kind !== "money") detail = "（不是整数）";
    else if (v < 0) detail = "（不能为负数）";
  } else if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) {
    detail = "（应填数字本身，不要加引号）";
  }
  return `${kindRequirement(kind)}，实际为 ${describeValue(v)}${detail}`;
}

/**
 * Integer units for sums and comparisons (money: 1e-6 万元). Exact for every valid value
 * below 9e9 万元; the engines themselves sum with BigInt micro-units (./decimal.ts).
 */
export function toUnits(v: number, kind: CellKind): number {
  return kind === "money" ? Number(toMicros(v)) : v;
}
export function fromUnits(u: number, kind: CellKind): number {
  return kind === "money" ? microsToNumber(BigInt(Math.round(u))) : u;
}

/** Reads a stated value (undefined → null). */
export function statedValue(
  sections: ReportSectionsInput | ReportSections | undefined,
  section: SectionKey,
  row: string,
  column: string,
): unknown {
  const s = sections?.[section] as Record<string, Record<string, unknown> | undefined> | undefined;
  const r = s?.[row];
  if (!r || typeof r !== "object") return null;
  const v = r[column];
  return v === undefined ? null : v;
}

export interface DeriveOptions {
  /**
   * A blank detail cell counts as 0 in sums. Only for reports published before they
   * reached the system (`import --publish`), where the publisher left a cell blank.
   */
  blankAsZero?: boolean;
}

function isDerivedCell(template: ReportTemplate, section: SectionKey, row: string, column: string): boolean {
  const r = findRow(template, section, row);
  return !!r && (r.derived || !!r.columns.find((c) => c.key === column)?.derived);
}

/**
 * Effective value of each cell: the stated value when it is a valid value of its kind;
 * for a derived cell left blank (or stated invalidly), the sum computed from the
 * effective values of the cells it sums; null when unknown (blank, invalid, or a sum
 * with a blank part).
 */
export function effectiveValues(
  template: ReportTemplate,
  sections: ReportSectionsInput | ReportSections | undefined,
  options: DeriveOptions = {},
): (section: SectionKey, row: string, column: string) => CellValue {
  const memo = new Map<string, CellValue>();
  const visiting = new Set<string>();
  const get = (section: SectionKey, row: string, column: string): CellValue => {
    const id = `${section}/${row}/${column}`;
    if (memo.has(id)) return memo.get(id)!;
    const rowDef = findRow(template, section, row);
    const col = rowDef?.columns.find((c) => c.key === column);
    if (!rowDef || !col || visiting.has(id)) return null;
    const stated = statedValue(sections, section, row, column);
    let result: CellValue = null;
    if (isValidCellValue(stated, col.kind)) {
      result = stated;
    } else if (col.derivation || rowDef.derivation) {
      visiting.add(id);
      const parts = col.derivation
        ? col.derivation.sumOf.map((c) => [row, c] as const)
        : rowDef.derivation!.sumOf.map((r) => [r, column] as const);
      // whole numbers (every count) add exactly as doubles (each at most MAX_CELL_VALUE, far
      // below 2^53): the exact decimal sum only for amounts, and it costs a string per figure
      let whole = 0;
      let micros: bigint | null = null;
      let blank = false;
      for (const [r, c] of parts) {
        let v = get(section, r, c);
        if (v === null && options.blankAsZero && statedValue(sections, section, r, c) === null && !isDerivedCell(template, section, r, c)) v = 0;
        if (v === null) {
          blank = true;
          break;
        }
        if (micros === null && Number.isInteger(v) && Number.isSafeInteger(whole + v)) whole += v;
        else micros = (micros ?? toMicros(whole)) + toMicros(v);
      }
      visiting.delete(id);
      result = blank ? null : micros === null ? whole : microsToNumber(micros);
    }
    memo.set(id, result);
    return result;
  };
  return get;
}

/**
 * The three section objects with every row and column of the template, in template
 * order. Stated values are kept as they are (also invalid ones, so that validation can
 * flag them); blank derived cells are filled with their computed value when it can be
 * computed; other blanks are null.
 */
export function deriveSections(
  template: ReportTemplate,
  sections: ReportSectionsInput | ReportSections | undefined,
  options: DeriveOptions = {},
): ReportSections {
  const eff = effectiveValues(template, sections, options);
  const out = {} as ReportSections;
  for (const section of SECTION_KEYS) {
    const obj: SectionValues = {};
    for (const row of template.sections[section].rows) {
      const r: Record<string, CellValue> = {};
      for (const col of row.columns) {
        const stated = statedValue(sections, section, row.key, col.key);
        const derived = row.derived || col.derived;
        r[col.key] = derived && stated === null ? eff(section, row.key, col.key) : (stated as CellValue);
      }
      obj[row.key] = r;
    }
    out[section] = obj;
  }
  return out;
}

/** Sections with every cell of the template set to `value` (default null): an empty form. */
export function emptySections(template: ReportTemplate, value: CellValue = null): ReportSections {
  const out = { proactive: {}, applications: {}, reviewLitigation: {} } as ReportSections;
  for (const cell of cellsOf(template)) {
    (out[cell.section][cell.row] ??= {})[cell.column] = value;
  }
  return out;
}
