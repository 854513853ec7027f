/**
 * Data-quality flags: what a careful reviewer checks by hand, computed for every report.
 * They are warnings — they never block a transition — and each one says why.
 * Pure functions over a report's figures (cell id → value; a cell absent or blank counts
 * as 0), so the dashboard can compute them for hundreds of reports from one query.
 */
import { cellId, cellsOf, findRow, getTemplate, type CellDef, type TemplateId } from "@/lib/templates";
import { cellName } from "@/lib/reports/cell-name";

export type QualityFlagId = "zeroTablesNarrative" | "jumpFromLastYear" | "carryOverMismatch" | "casesWithoutApplications" | "grantedShareOutlier";

export const QUALITY_FLAG_LABELS: Record<QualityFlagId, string> = {
  zeroTablesNarrative: "表格全为 0 但正文提到申请或案件",
  jumpFromLastYear: "数字较上年剧烈变化",
  carryOverMismatch: "上年结转与上年报告不一致",
  casesWithoutApplications: "两年无申请却有复议诉讼",
  grantedShareOutlier: "予以公开比例明显偏离本地区",
};

export const QUALITY_FLAG_IDS = Object.keys(QUALITY_FLAG_LABELS) as QualityFlagId[];

export interface QualityFlag {
  id: QualityFlagId;
  /** Chinese: what was found and why it is suspicious */
  message: string;
  cells?: string[];
}

/** cell id → value; absent means blank or 0 */
export type Figures = Record<string, number>;

export interface QualityInput {
  template: TemplateId;
  figures: Figures;
  narrative: { overview?: string | null; problems?: string | null; other?: string | null };
  /** the same agency's report of the year before, when it is in the system */
  lastYear: { template: TemplateId; figures: Figures } | null;
}

/** A jump is flagged when the larger value is more than FACTOR times the smaller and differs by more than MIN_DIFFERENCE. */
export const JUMP_FACTOR = 5;
export const JUMP_MIN_DIFFERENCE = 20;
/** Below this many reports with applications the region's range of 予以公开 shares says too little. */
export const MIN_REPORTS_FOR_SHARE_RANGE = 8;
export const IQR_MULTIPLIER = 1.5;

const APPLICANT_TOTAL = "total";
const GROUPS = ["reconsideration", "litigationDirect", "litigationAfterReconsideration"] as const;

const get = (f: Figures, id: string) => f[id] ?? 0;

const rowCellSets = new Map<string, ReadonlySet<string>>();

/**
 * The stated cells a row of 三 or 四 adds up: its non-derived columns, or for a derived row
 * those of the rows it sums. Worked out once per template and row: the reviewer dashboard
 * asks for several rows of every report in the county on each request.
 */
function rowCells(templateId: TemplateId, section: "applications" | "reviewLitigation", row: string): ReadonlySet<string> {
  const key = `${templateId}/${section}/${row}`;
  let ids = rowCellSets.get(key);
  if (!ids) {
    const def = findRow(getTemplate(templateId), section, row);
    if (!def) ids = new Set();
    else if (def.derived && def.derivation) ids = new Set(def.derivation.sumOf.flatMap((r) => [...rowCells(templateId, section, r)]));
    else ids = new Set(def.columns.filter((c) => !c.derived).map((c) => cellId(section, row, c.key)));
    rowCellSets.set(key, ids);
  }
  return ids;
}

/**
 * The sum of a row of 三 or 四 over its non-derived columns (a derived row: over the rows it
 * sums). Summed over the report's figures that belong to the row rather than over the row's
 * cells: a figures object holds a report's non-zero cells (a few dozen), while a derived row
 * such as （七）总计 spans well over a hundred cells. 三 and 四 hold whole counts, so the order
 * of the additions does not matter.
 */
export function rowSum(templateId: TemplateId, figures: Figures, section: "applications" | "reviewLitigation", row: string): number {
  const cells = rowCells(templateId, section, row);
  let sum = 0;
  for (const id in figures) if (cells.has(id)) sum += figures[id]!;
  return sum;
}

/** 予以公开 as a share of every 办理结果 (（七）总计), or null when nothing was handled. */
export function grantedShare(templateId: TemplateId, figures: Figures): number | null {
  const handled = rowSum(templateId, figures, "applications", "handledTotal");
  return handled > 0 ? rowSum(templateId, figures, "applications", "granted") / handled : null;
}

export interface ShareRange {
  q1: number;
  q3: number;
  low: number;
  high: number;
  count: number;
}

function quantile(sorted: number[], q: number) {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The region's usual range of 予以公开 shares (Tukey's fences), or null with too few reports. */
export function shareRange(shares: readonly (number | null)[]): ShareRange | null {
  const values = shares.filter((s): s is number => s !== null).sort((a, b) => a - b);
  if (values.length < MIN_REPORTS_FOR_SHARE_RANGE) return null;
  const q1 = quantile(values, 0.25);
  const q3 = quantile(values, 0.75);
  const iqr = q3 - q1;
  return { q1, q3, low: q1 - IQR_MULTIPLIER * iqr, high: q3 + IQR_MULTIPLIER * iqr, count: values.length };
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Sentences of the narrative that state a positive number of applications or cases (e.g. “受理申请 12 件”). */
export function narrativeCaseMentions(narrative: QualityInput["narrative"]): string[] {
  const text = [narrative.overview, narrative.problems, narrative.other].filter(Boolean).join("\n");
  const found: string[] = [];
  for (const sentence of text.split(/[。；;！!？?\n]+/)) {
    if (!/申请|复议|诉讼|案件/.test(sentence)) continue;
    const m = sentence.match(/(?<![\d.])([1-9]\d*)\s*(件|起|宗|例|人次|次)/);
    if (m) found.push(sentence.trim().replace(/^[#>*\-\s]+/, "").slice(0, 60));
  }
  return found;
}

/** Whether 三 and 四 hold nothing but zeros and blanks. */
export function tablesAllZero(figures: Figures) {
  return Object.entries(figures).every(([id, v]) => v === 0 || !(id.startsWith("applications/") || id.startsWith("reviewLitigation/")));
}

function casesTotal(templateId: TemplateId, figures: Figures) {
  return GROUPS.reduce((s, g) => s + rowSum(templateId, figures, "reviewLitigation", g), 0);
}

/** per pair of templates: the cells compared with last year's, by id, with their place in the template */
const comparable = new Map<string, ReadonlyMap<string, { cell: CellDef; order: number }>>();

/**
 * The cells compared with last year's that are not 0 in either year (two zeros never jump), in
 * the template's order. Compared: stated counts (not derived, not a signed change) that last
 * year's template has too — worked out once per pair of templates, not per report. Only the
 * non-zero cells of the two reports are looked at: the reviewer dashboard asks this for every
 * report in the county, and most cells of most reports are 0 or blank.
 */
function changedComparableCells(templateId: TemplateId, lastYearTemplateId: TemplateId, figures: Figures, lastYearFigures: Figures): CellDef[] {
  const key = `${templateId}/${lastYearTemplateId}`;
  let cells = comparable.get(key);
  if (!cells) {
    const lastIds = new Set(cellsOf(getTemplate(lastYearTemplateId)).map((c) => c.id));
    const list = cellsOf(getTemplate(templateId)).filter((cell) => !cell.derived && cell.kind !== "signedCount" && lastIds.has(cell.id));
    cells = new Map(list.map((cell, order) => [cell.id, { cell, order }]));
    comparable.set(key, cells);
  }
  const found = new Map<string, { cell: CellDef; order: number }>();
  for (const source of [figures, lastYearFigures]) {
    for (const id in source) {
      const c = source[id] !== 0 ? cells.get(id) : undefined;
      if (c) found.set(id, c);
    }
  }
  return [...found.values()].sort((a, b) => a.order - b.order).map((c) => c.cell);
}

export function qualityFlags(input: QualityInput, range: ShareRange | null): QualityFlag[] {
  const { template, figures, lastYear } = input;
  const flags: QualityFlag[] = [];

  if (tablesAllZero(figures)) {
    const mentions = narrativeCaseMentions(input.narrative);
    if (mentions.length) {
      flags.push({
        id: "zeroTablesNarrative",
        message: `三、四两表全部为 0，但正文写有“${mentions[0]}”${mentions.length > 1 ? ` 等 ${mentions.length} 处` : ""}：请核对表格是否漏填。`,
      });
    }
  }

  if (lastYear) {
    const t = getTemplate(template);
    for (const cell of changedComparableCells(template, lastYear.template, figures, lastYear.figures)) {
      const now = get(figures, cell.id);
      const before = get(lastYear.figures, cell.id);
      const hi = Math.max(now, before);
      const lo = Math.min(now, before);
      if (hi - lo > JUMP_MIN_DIFFERENCE && hi > JUMP_FACTOR * lo) {
        flags.push({
          id: "jumpFromLastYear",
          message: `「${cellName(template, cell.id)}」由上年的 ${before} 变为 ${now}，变化超过 ${JUMP_FACTOR} 倍且超过 ${JUMP_MIN_DIFFERENCE}：请确认不是录入错误。`,
          cells: [cell.id],
        });
      }
    }

    const carry = findRow(t, "applications", "carriedOver");
    const stated = (carry?.columns ?? [])
      .filter((c) => !c.derived)
      .map((c) => ({ c, now: get(figures, cellId("applications", "carriedOver", c.key)), before: get(lastYear.figures, cellId("applications", "carriedForward", c.key)) }))
      .filter((x) => x.now !== x.before);
    if (stated.length) {
      flags.push({
        id: "carryOverMismatch",
        message: `二、上年结转（${stated.map((x) => `${x.c.label} ${x.now}`).join("、")}）与上年报告的结转下年度继续办理（${stated.map((x) => `${x.c.label} ${x.before}`).join("、")}）不一致。`,
        cells: stated.map((x) => cellId("applications", "carriedOver", x.c.key)),
      });
    }

    const cases = casesTotal(template, figures);
    if (cases > 0 && rowSum(template, figures, "applications", "received") === 0 && rowSum(lastYear.template, lastYear.figures, "applications", "received") === 0) {
      flags.push({
        id: "casesWithoutApplications",
        message: `本年和上年均未收到政府信息公开申请，却有 ${cases} 件行政复议、行政诉讼：请核对四表或三表。`,
        cells: GROUPS.map((g) => cellId("reviewLitigation", g, "total")),
      });
    }
  }

  const share = grantedShare(template, figures);
  if (share !== null && range && (share < range.low || share > range.high)) {
    flags.push({
      id: "grantedShareOutlier",
      message: `予以公开占办理结果的 ${percent(share)}，远${share < range.low ? "低" : "高"}于本地区 ${range.count} 份报告的通常范围（${percent(Math.max(0, range.low))}–${percent(Math.min(1, range.high))}，四分位距的 ${IQR_MULTIPLIER} 倍以外）。`,
      cells: [cellId("applications", "granted", APPLICANT_TOTAL)],
    });
  }
  return flags;
}
