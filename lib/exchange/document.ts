/**
 * Parsing, derivation, flattening and canonical serialisation of exchange documents.
 */
import {
  SECTION_KEYS,
  cellsOf,
  deriveSections,
  describeValue,
  emptySections,
  findCell,
  cellId,
  getTemplate,
  isTemplateId,
  templateIdForYear,
  type CellValue,
  type ReportSections,
  type SectionKey,
  type SectionValues,
  type TemplateId,
} from "@/lib/templates";
import {
  EXCHANGE_FORMAT,
  YEAR_MAX,
  YEAR_MIN,
  publishedReportDocumentSchema,
  reportDocumentSchema,
  type ReportDocument,
} from "./schema";
import { inexactNumberLiterals } from "@/lib/templates";

export interface ParseOptions {
  /**
   * A report published before it reached the system (`import --publish` only): contact
   * and issuedOn may be missing, a detail cell may be null (see publishedReportDocumentSchema).
   */
  published?: boolean;
}

export type ParseResult =
  | { ok: true; doc: ReportDocument }
  | {
      ok: false;
      errors: string[];
      /**
       * The same lines, each with the id a tool prints first: `nonNegativeInteger` for a
       * cell whose value is of the wrong kind (a letter, a negative count, too many
       * decimals), `schema` for everything structural (unknown or missing keys, format…).
       */
      problems: { id: "nonNegativeInteger" | "schema"; line: string }[];
    };

function failure(lines: string[], valueLines: ReadonlySet<string> = new Set()): ParseResult {
  const errors = [...new Set(lines)];
  return { ok: false, errors, problems: errors.map((line) => ({ id: valueLines.has(line) ? "nonNegativeInteger" : "schema", line })) };
}

/** An issue about a present table cell's value (not a missing or unknown key). */
function isCellValueIssue(input: Record<string, unknown>, path: readonly PropertyKey[]) {
  if (path.length !== 3 || !(SECTION_KEYS as readonly PropertyKey[]).includes(path[0]!)) return false;
  const row = (input[path[0] as string] as Record<string, unknown> | undefined)?.[path[1] as string];
  const value = isPlainObject(row) ? row[path[2] as string] : undefined;
  return value !== undefined && value !== null;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** A JSON path as a reader would write it: `applications["denied.stateSecret"].naturalPerson`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(根)";
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else {
      const s = String(seg);
      out += IDENT.test(s) ? (out ? `.${s}` : s) : `[${JSON.stringify(s)}]`;
    }
  }
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads an exchange document: checks `format`, picks the template from `template`
 * (which must match the year: ≤2020 → 2019, ≥2021 → 2021), runs the strict schema.
 * Errors are one Chinese line each, prefixed with the JSON path. Never throws.
 * The returned document has keys in canonical order; derived cells left out stay out
 * (see withDerivedCells).
 */
export function parseReportDocument(input: unknown, options: ParseOptions = {}): ParseResult {
  try {
    if (!isPlainObject(input)) {
      return failure([`(根): 报告应为 JSON 对象（{ … }），实际为 ${describeValue(input)}`]);
    }
    if (input.format !== EXCHANGE_FORMAT) {
      return failure([`format: 不是本系统的年度报告交换格式：应为 "${EXCHANGE_FORMAT}"，实际为 ${describeValue(input.format)}`]);
    }
    const errors: string[] = [];
    const year = input.year;
    const yearOk = typeof year === "number" && Number.isInteger(year) && year >= YEAR_MIN && year <= YEAR_MAX;
    let templateId: TemplateId;
    let templateReported = false;
    if (isTemplateId(input.template)) {
      templateId = input.template;
      if (yearOk && templateIdForYear(year) !== templateId) {
        const expected = getTemplate(templateIdForYear(year));
        // the tables would be checked against the wrong structure: report just this
        return failure([
          `template: ${year} 年度的报告应使用 ${expected.id} 模板（${expected.documentName}），文件写的是 ${templateId} 模板（${getTemplate(templateId).documentName}）；请核对 year 和 template`,
        ]);
      }
    } else {
      errors.push(`template: 模板应为 "2019"（2020 年度及以前）或 "2021"（2021 年度起），实际为 ${describeValue(input.template)}`);
      templateReported = true;
      if (!yearOk) {
        // without a template there is no table structure to check against
        errors.push(`year: 报告年度应为 ${YEAR_MIN}–${YEAR_MAX} 之间的整数年份，实际为 ${describeValue(year)}`);
        return failure(errors);
      }
      templateId = templateIdForYear(year);
    }
    const result = (options.published ? publishedReportDocumentSchema(templateId) : reportDocumentSchema(templateId)).safeParse(input);
    const valueLines = new Set<string>();
    if (!result.success) {
      for (const issue of result.error.issues) {
        if (templateReported && issue.path.length === 1 && issue.path[0] === "template") continue;
        const line = `${formatPath(issue.path)}: ${issue.message}`;
        errors.push(line);
        if (isCellValueIssue(input, issue.path)) valueLines.add(line);
      }
    }
    if (errors.length > 0 || !result.success) return failure(errors, valueLines);
    return { ok: true, doc: canonicalDocument(withPublishedGaps(result.data as PublishedInput)) };
  } catch (e) {
    return failure([`(根): 无法读取报告：${e instanceof Error ? e.message : String(e)}`]);
  }
}

type PublishedInput = Omit<ReportDocument, "contact" | "issuedOn"> & {
  issuedOn?: string | null;
  contact?: Partial<Record<keyof ReportDocument["contact"], string | null>> | null;
};

/** A published report's missing contact fields become "" and a missing issuedOn null (canonical form). */
function withPublishedGaps(doc: PublishedInput): ReportDocument {
  return {
    ...doc,
    issuedOn: doc.issuedOn ?? null,
    contact: { address: doc.contact?.address ?? "", phone: doc.contact?.phone ?? "", email: doc.contact?.email ?? "" },
  };
}

/**
 * Problems of numbers a double cannot hold exactly, one line each ("nonNegativeInteger"
 * problems): JSON.parse would round them silently, so a file with one is refused.
 */
export function inexactNumberProblems(jsonText: string): string[] {
  return [...new Set(inexactNumberLiterals(jsonText))].map(
    (literal) =>
      `(数值): ${literal.length > 40 ? `${literal.slice(0, 40)}…` : literal} 无法精确保存：有效数字过多（最多 15 位有效数字，金额最多 6 位小数，任何数值不超过 1000000000000）`,
  );
}

/** Parses JSON text, then the document; a broken file gets a Chinese message too. */
export function parseReportJson(text: string, options: ParseOptions = {}): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return failure([`(根): 文件不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`]);
  }
  const inexact = inexactNumberProblems(text);
  if (inexact.length) return failure(inexact, new Set(inexact));
  return parseReportDocument(value, options);
}

/**
 * Fills absent/null derived cells (row totals, handledTotal, group totals) with their
 * computed values; stated ones are left untouched (the rules then check them).
 */
export function withDerivedCells(doc: ReportDocument, options: { blankAsZero?: boolean } = {}): ReportDocument {
  const t = getTemplate(doc.template);
  return canonicalDocument({ ...doc, ...deriveSections(t, doc, options) });
}

export interface FlatCell {
  section: SectionKey;
  row: string;
  column: string;
  value: CellValue;
}

/** Every cell of the document's template, in template order (missing → null). */
export function documentToCells(doc: Pick<ReportDocument, "template"> & Partial<ReportSections>): FlatCell[] {
  const t = getTemplate(doc.template);
  return cellsOf(t).map((c) => {
    const v = doc[c.section]?.[c.row]?.[c.column];
    return { section: c.section, row: c.row, column: c.column, value: typeof v === "number" ? v : null };
  });
}

/**
 * The inverse of documentToCells: the three section objects with every row and column
 * of the template (missing cells → null). Cells the template does not have are ignored.
 */
export function cellsToSections(
  templateId: TemplateId,
  cells: Iterable<{ section: SectionKey | string; row: string; column: string; value: CellValue }>,
): ReportSections {
  const t = getTemplate(templateId);
  const out = emptySections(t);
  for (const c of cells) {
    if (!(SECTION_KEYS as readonly string[]).includes(c.section)) continue;
    const section = c.section as SectionKey;
    if (!findCell(t, cellId(section, c.row, c.column))) continue;
    out[section][c.row]![c.column] = c.value;
  }
  return out;
}

function orderSection(templateId: TemplateId, section: SectionKey, values: SectionValues | undefined): SectionValues {
  const out: SectionValues = {};
  if (!values) return out;
  for (const row of getTemplate(templateId).sections[section].rows) {
    const r = values[row.key];
    if (!r || typeof r !== "object") continue;
    const o: Record<string, CellValue> = {};
    for (const col of row.columns) if (col.key in r) o[col.key] = r[col.key] as CellValue;
    out[row.key] = o;
  }
  return out;
}

/**
 * The document with keys in canonical order — format, template, agency, year, issuedOn,
 * contact, narrative, proactive, applications, reviewLitigation; rows and columns in
 * template order. Keys the template does not know are dropped; cells left out stay out.
 */
export function canonicalDocument(doc: ReportDocument): ReportDocument {
  return {
    format: doc.format,
    template: doc.template,
    agency: {
      code: doc.agency.code,
      name: doc.agency.name,
      region: { code: doc.agency.region.code, name: doc.agency.region.name },
    },
    year: doc.year,
    issuedOn: doc.issuedOn,
    contact: { address: doc.contact.address, phone: doc.contact.phone, email: doc.contact.email },
    narrative: { overview: doc.narrative.overview, problems: doc.narrative.problems, other: doc.narrative.other },
    proactive: orderSection(doc.template, "proactive", doc.proactive),
    applications: orderSection(doc.template, "applications", doc.applications),
    reviewLitigation: orderSection(doc.template, "reviewLitigation", doc.reviewLitigation),
  };
}

/**
 * The document as canonical JSON: a plain object whose keys are in template order
 * (JSON.stringify keeps that order). Same as canonicalDocument. Does not derive: to
 * export, use exportDocument (= canonicalJson(withDerivedCells(doc))).
 */
export function canonicalJson(doc: ReportDocument): ReportDocument {
  return canonicalDocument(doc);
}

/** Canonical JSON text: canonical key order, 2-space indent, no trailing newline. */
export function canonicalJsonText(doc: ReportDocument): string {
  return JSON.stringify(canonicalDocument(doc), null, 2);
}

/** What `export` gives: derived cells filled, canonical key order. */
export function exportDocument(doc: ReportDocument, options: { blankAsZero?: boolean } = {}): ReportDocument {
  return canonicalDocument(withDerivedCells(doc, options));
}

/** exportDocument as JSON text. */
export function exportJsonText(doc: ReportDocument): string {
  return canonicalJsonText(withDerivedCells(doc));
}
