/**
 * zod schemas of the exchange format, built from the template data (never hand-written
 * per row). Plain z.object trees with numbers as numbers or null, so the draft schema
 * works with react-hook-form's zodResolver as well as on the server.
 */
import { isPlainObject, isSafeText, UNSAFE_TEXT_MESSAGE, z } from "@/lib/zod";
import {
  CONTACT_LABELS,
  FIELD_LABELS,
  MAX_CELL_VALUE,
  MONEY_MAX_DECIMALS,
  TEMPLATES,
  TEMPLATE_IDS,
  cellId,
  decimalPlaces,
  decimalText,
  parseFigureText,
  describeValue,
  findCell,
  getTemplate,
  isValidCellValue,
  valueProblem,
  type CellDef,
  type ReportSections,
  type ReportTemplate,
  type RowDef,
  type SectionKey,
  type SectionValues,
  type TemplateId,
} from "@/lib/templates";
import { AGENCY_CODE, REGION_CODE } from "@/lib/codes";

/** Largest report file accepted anywhere (CLI, browser check, uploads): a report is ~30 KB. */
export const MAX_REPORT_FILE_BYTES = 5 * 1024 * 1024;

export const EXCHANGE_FORMAT = "gov-info-disclosure-annual-report/v1" as const;

export const YEAR_MIN = 2008;
export const YEAR_MAX = 2100;
/** loose on purpose: something@something.tld, no spaces */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_NARRATIVE_LENGTH = 200_000;
export const MAX_SHORT_TEXT_LENGTH = 200;
/** The longest text a draft keeps in a number cell ("—", "/", "无"): more is not a figure a clerk meant. */
export const MAX_CELL_TEXT_LENGTH = 200;

export interface Agency {
  /** a township's 12-digit 统计用区划代码 or a department's own code such as `640122-zrzy` */
  code: string;
  name: string;
  /** the county, city or province the agency reports to */
  region: { code: string; name: string };
}
export interface Contact {
  address: string;
  phone: string;
  email: string;
}
export interface Narrative {
  overview: string;
  problems: string;
  other: string;
}

/** One report in the exchange format (docs/product.md "Exchange format"). */
export interface ReportDocument extends ReportSections {
  format: typeof EXCHANGE_FORMAT;
  template: TemplateId;
  agency: Agency;
  year: number;
  /** 成文日期 YYYY-MM-DD, or null when unknown */
  issuedOn: string | null;
  contact: Contact;
  narrative: Narrative;
}

/** The web form's draft: same shape; any non-derived cell may be null, texts may be empty. */
export type ReportDraft = ReportDocument;

/**
 * - strict: a report filed or imported into the system: everything filled, every value valid
 * - draft: the web form while editing: any detail cell may be null, texts may be empty
 * - published: a report published before it reached the system (`import --publish`):
 *   like strict, but `contact` (or any of its fields) and `issuedOn` may be null or left
 *   out, and a detail cell the publisher left blank may be null
 */
export type SchemaMode = "strict" | "draft" | "published";

export interface SchemaOptions {
  /**
   * Use form-safe row keys (`denied__stateSecret` instead of `denied.stateSecret`):
   * react-hook-form reads dots in field names as nesting. Convert with
   * sectionsToFormValues / sectionsFromFormValues.
   */
  formKeys?: boolean;
}

// --- form-safe row keys ---------------------------------------------------------

export const FORM_KEY_SEPARATOR = "__";
export const encodeFormRowKey = (row: string) => row.split(".").join(FORM_KEY_SEPARATOR);
export const decodeFormRowKey = (row: string) => row.split(FORM_KEY_SEPARATOR).join(".");

function mapRowKeys<T extends Partial<Record<SectionKey, Record<string, unknown> | undefined>>>(sections: T, f: (k: string) => string): T {
  const out: Record<string, unknown> = { ...sections };
  for (const s of ["proactive", "applications", "reviewLitigation"] as const) {
    const sec = sections[s];
    if (sec && typeof sec === "object") out[s] = Object.fromEntries(Object.entries(sec).map(([k, v]) => [f(k), v]));
  }
  return out as T;
}
/** Row keys → form-safe keys (for react-hook-form default values). */
export const sectionsToFormValues = <T extends Partial<Record<SectionKey, Record<string, unknown> | undefined>>>(s: T): T =>
  mapRowKeys(s, encodeFormRowKey);
/** Form-safe keys → row keys (for what the form submits). */
export const sectionsFromFormValues = <T extends Partial<Record<SectionKey, Record<string, unknown> | undefined>>>(s: T): T =>
  mapRowKeys(s, decodeFormRowKey);

// --- helpers --------------------------------------------------------------------

type Iss = { code?: string; input?: unknown; keys?: string[] };

const otherTemplates = (t: ReportTemplate) => TEMPLATE_IDS.filter((id) => id !== t.id).map((id) => TEMPLATES[id]);

function rowLabelAnywhere(t: ReportTemplate, section: SectionKey, key: string): string | null {
  for (const o of [t, ...otherTemplates(t)]) {
    const r = o.sections[section].rows.find((x) => x.key === key);
    if (r) return r.label;
  }
  return null;
}

function columnLabelElsewhere(t: ReportTemplate, section: SectionKey, row: string, key: string): string | null {
  for (const o of otherTemplates(t)) {
    const r = o.sections[section].rows.find((x) => x.key === row);
    const c = r?.columns.find((x) => x.key === key);
    if (c) return `${o.id} 模板的「${c.label}」`;
  }
  return null;
}

const isBlank = (v: unknown) => v === undefined || v === null;

function cellSchema(cell: CellDef, mode: SchemaMode) {
  const where = `（${cell.rowLabel} · ${cell.columnLabel}）`;
  const base = z
    .number({
      error: (iss: Iss) =>
        iss.input === undefined
          ? `缺少此项${where}；没有发生的请填 0`
          : iss.input === null
            ? `未填写（值为 null）${where}；没有发生的请填 0`
            : `${valueProblem(iss.input, cell.kind)}${where}`,
    })
    .superRefine((v, ctx) => {
      if (!isValidCellValue(v, cell.kind)) ctx.addIssue({ code: "custom", message: `${valueProblem(v, cell.kind)}${where}` });
    });
  if (cell.derived) return base.nullable().optional();
  if (mode === "draft") return draftCellSchema(cell, where);
  return mode === "published" ? base.nullable() : base;
}

/**
 * What a draft may hold in an input cell: blank, any number that can be stored, or text that is
 * not a number ("—", "/", "无", kept as typed so that nothing typed is lost). Whether a number
 * suits its cell (a negative count, a fraction) is for the rules, which block only 提交审核.
 */
export function draftCellProblem(v: unknown, cell: Pick<CellDef, "kind">): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return `不是有效数字（${describeValue(v)}）`;
    if (Math.abs(v) > MAX_CELL_VALUE) return `数值过大（${decimalText(v)}），任何数值的绝对值都不能超过 ${decimalText(MAX_CELL_VALUE)}`;
    if (decimalPlaces(v) > MONEY_MAX_DECIMALS) return `最多 ${MONEY_MAX_DECIMALS} 位小数，实际为 ${decimalText(v)}`;
    return null;
  }
  if (typeof v === "string") {
    if (!isSafeText(v)) return UNSAFE_TEXT_MESSAGE;
    // a number typed as text ("１,２３４") is read as the editor reads it, and bounded as a number
    const figure = parseFigureText(v);
    if (figure.ok && figure.value !== null) return draftCellProblem(figure.value, cell);
    if (v.trim().length > MAX_CELL_TEXT_LENGTH) return `文字过长（最多 ${MAX_CELL_TEXT_LENGTH} 字）`;
    return null;
  }
  return `${valueProblem(v, cell.kind)}，请填写数字`;
}

function draftCellSchema(cell: CellDef, where: string) {
  return z.unknown().superRefine((v, ctx) => {
    const problem = draftCellProblem(v, cell);
    if (problem) ctx.addIssue({ code: "custom", message: `${problem}${where}` });
  }).optional() as unknown as z.ZodType<number | string | null | undefined>;
}

function rowSchema(t: ReportTemplate, section: SectionKey, row: RowDef, mode: SchemaMode) {
  const shape: Record<string, z.ZodType<number | string | null | undefined>> = {};
  for (const col of row.columns) shape[col.key] = cellSchema(findCell(t, cellId(section, row.key, col.key))!, mode);
  return z.strictObject(shape, {
    error: (iss: Iss) => {
      if (iss.code === "unrecognized_keys") {
        return (iss.keys ?? [])
          .map((k) => {
            const elsewhere = columnLabelElsewhere(t, section, row.key, k);
            return `${t.id} 模板「${row.label}」行没有「${k}」列${elsewhere ? `（是 ${elsewhere}列）` : ""}`;
          })
          .join("；");
      }
      if (isBlank(iss.input)) return `缺少「${row.key}」行（${row.fullLabel}）`;
      return `「${row.key}」行（${row.fullLabel}）应为 {列名: 数值} 形式的对象，实际为 ${describeValue(iss.input)}`;
    },
  });
}

/** Schema of one table section (row → column → number) of a template. */
export function sectionSchema(templateId: TemplateId, section: SectionKey, mode: SchemaMode, options: SchemaOptions = {}) {
  const t = getTemplate(templateId);
  const s = t.sections[section];
  const key = (k: string) => (options.formKeys ? encodeFormRowKey(k) : k);
  const shape: Record<string, z.ZodType> = {};
  // a wholly derived row (（七）总计) may be left out like any derived cell: it is computed
  // a draft's missing row is blank, as its missing cell is
  for (const row of s.rows) shape[key(row.key)] = row.derived || mode === "draft" ? rowSchema(t, section, row, mode).optional() : rowSchema(t, section, row, mode);
  return z.strictObject(shape, {
    error: (iss: Iss) => {
      if (iss.code === "unrecognized_keys") {
        return (iss.keys ?? [])
          .map((k) => {
            const label = rowLabelAnywhere(t, section, options.formKeys ? decodeFormRowKey(k) : k);
            return `${t.id} 模板没有「${k}」行${label ? `（${label}）` : ""}`;
          })
          .join("；");
      }
      if (isBlank(iss.input)) return `缺少「${section}」部分（${s.title}）`;
      return `「${section}」部分（${s.title}）应为 {行名: {列名: 数值}} 形式的对象，实际为 ${describeValue(iss.input)}`;
    },
  }) as unknown as z.ZodType<SectionValues, SectionValues>;
}

/**
 * The report's texts beside its tables, each one's longest length: contactSchema and
 * narrativeSchema are made from these, and draftEntriesAcceptable reads the same keys and lengths.
 */
const CONTACT_TEXT_MAX = { address: MAX_SHORT_TEXT_LENGTH, phone: MAX_SHORT_TEXT_LENGTH, email: MAX_SHORT_TEXT_LENGTH } as const;
const NARRATIVE_TEXT_MAX = { overview: MAX_NARRATIVE_LENGTH, problems: MAX_NARRATIVE_LENGTH, other: MAX_NARRATIVE_LENGTH } as const;

/** the e-mail's own rule beyond text(…): when given, it looks like an address (contactSchema's and draftEntriesAcceptable's) */
const emailLooksRight = (v: string) => v.trim() === "" || EMAIL_PATTERN.test(v.trim());

/** text(…)'s checks all passing for a text that is not required: a string, safe, not longer than `max` */
const textPasses = (v: unknown, max: number) => typeof v === "string" && isSafeText(v) && v.length <= max;

function text(label: string, opts: { required: boolean; max: number }) {
  return z
    .string({ error: (iss: Iss) => (isBlank(iss.input) ? `缺少${label}` : `${label}应为文字，实际为 ${describeValue(iss.input)}`) })
    .refine(isSafeText, { message: `${label}${UNSAFE_TEXT_MESSAGE}`, abort: true })
    .superRefine((v, ctx) => {
      if (opts.required && v.trim() === "") ctx.addIssue({ code: "custom", message: `${label}不能为空` });
      if (v.length > opts.max) ctx.addIssue({ code: "custom", message: `${label}过长（${v.length} 字，最多 ${opts.max} 字）` });
    });
}

function object<T extends Record<string, z.ZodType>>(label: string, shape: T) {
  return z.strictObject(shape, {
    error: (iss: Iss) => {
      if (iss.code === "unrecognized_keys") return `${label}中没有${(iss.keys ?? []).map((k) => `「${k}」`).join("、")}这一项`;
      if (isBlank(iss.input)) return `缺少${label}`;
      return `${label}应为对象，实际为 ${describeValue(iss.input)}`;
    },
  });
}

export const agencySchema = object("机构信息（agency）", {
  code: text("机构代码", { required: true, max: 40 }).superRefine((v, ctx) => {
    if (!AGENCY_CODE.test(v))
      ctx.addIssue({ code: "custom", message: `机构代码应为 2–40 位数字、字母或“-”，实际为 ${describeValue(v)}` });
  }),
  name: text("机构名称", { required: true, max: MAX_SHORT_TEXT_LENGTH }),
  region: object("所属地区（region）", {
    code: text("地区代码", { required: true, max: 6 }).superRefine((v, ctx) => {
      if (!REGION_CODE.test(v)) ctx.addIssue({ code: "custom", message: `地区代码应为 6 位数字的行政区划代码，实际为 ${describeValue(v)}` });
    }),
    name: text("地区名称", { required: true, max: MAX_SHORT_TEXT_LENGTH }),
  }),
});

export const yearSchema = z
  .number({ error: (iss: Iss) => (isBlank(iss.input) ? "缺少报告年度" : `报告年度应为 ${YEAR_MIN}–${YEAR_MAX} 之间的整数年份，实际为 ${describeValue(iss.input)}`) })
  .superRefine((v, ctx) => {
    if (!Number.isInteger(v) || v < YEAR_MIN || v > YEAR_MAX)
      ctx.addIssue({ code: "custom", message: `报告年度应为 ${YEAR_MIN}–${YEAR_MAX} 之间的整数年份，实际为 ${v}` });
  });

export function isValidDate(v: string): boolean {
  if (!DATE_PATTERN.test(v)) return false;
  const [y, m, d] = v.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const issuedOnSchema = z
  .string({ error: (iss: Iss) => (iss.input === undefined ? "缺少成文日期（没有请填 null）" : `成文日期应为 YYYY-MM-DD 格式的日期或 null，实际为 ${describeValue(iss.input)}`) })
  .refine(isSafeText, { message: `成文日期${UNSAFE_TEXT_MESSAGE}`, abort: true })
  .superRefine((v, ctx) => {
    if (!isValidDate(v)) ctx.addIssue({ code: "custom", message: `成文日期应为 YYYY-MM-DD 格式的有效日期，实际为 ${describeValue(v)}` });
  })
  .nullable();

export function contactSchema(mode: SchemaMode) {
  const required = mode === "strict";
  const shape = {
    address: text(CONTACT_LABELS.address, { required, max: CONTACT_TEXT_MAX.address }),
    phone: text(CONTACT_LABELS.phone, { required, max: CONTACT_TEXT_MAX.phone }),
    email: text(CONTACT_LABELS.email, { required, max: CONTACT_TEXT_MAX.email }).superRefine((v, ctx) => {
      if (!emailLooksRight(v))
        ctx.addIssue({ code: "custom", message: `${CONTACT_LABELS.email}格式不正确：${describeValue(v)}` });
    }),
  };
  if (mode !== "published") return object(`${FIELD_LABELS.contact}（contact）`, shape);
  // a published report may print no contact at all, or only some of it
  return object(`${FIELD_LABELS.contact}（contact）`, {
    address: shape.address.nullable().optional(),
    phone: shape.phone.nullable().optional(),
    email: shape.email.nullable().optional(),
  })
    .nullable()
    .optional() as unknown as ReturnType<typeof object<typeof shape>>;
}

export function narrativeSchema(templateId: TemplateId, mode: SchemaMode) {
  const n = getTemplate(templateId).narrative;
  const field = (k: keyof typeof n) => text(`“${n[k].title}”`, { required: mode === "strict" && n[k].required, max: NARRATIVE_TEXT_MAX[k] });
  return object("正文（narrative）", { overview: field("overview"), problems: field("problems"), other: field("other") });
}

const schemaCache = new Map<string, ReturnType<typeof buildDocumentSchema>>();

/** Schemas are immutable: build each (template, mode, keys) combination once. */
function documentSchema(templateId: TemplateId, mode: SchemaMode, options: SchemaOptions = {}) {
  const key = `${templateId}/${mode}/${options.formKeys ? "form" : "plain"}`;
  let schema = schemaCache.get(key);
  if (!schema) schemaCache.set(key, (schema = buildDocumentSchema(templateId, mode, options)));
  return schema;
}

function buildDocumentSchema(templateId: TemplateId, mode: SchemaMode, options: SchemaOptions) {
  const t = getTemplate(templateId);
  return object("报告", {
    format: z.literal(EXCHANGE_FORMAT, {
      error: (iss: Iss) => `不是本系统的年度报告交换格式：format 应为 "${EXCHANGE_FORMAT}"，实际为 ${describeValue(iss.input)}`,
    }),
    template: z.literal(templateId, {
      error: (iss: Iss) => `模板应为 "${templateId}"（${t.documentName}），实际为 ${describeValue(iss.input)}`,
    }),
    agency: agencySchema,
    year: yearSchema,
    issuedOn: mode === "published" ? issuedOnSchema.optional() : issuedOnSchema,
    contact: contactSchema(mode),
    narrative: narrativeSchema(templateId, mode),
    proactive: sectionSchema(templateId, "proactive", mode, options),
    applications: sectionSchema(templateId, "applications", mode, options),
    reviewLitigation: sectionSchema(templateId, "reviewLitigation", mode, options),
  });
}

/**
 * Strict schema of a complete report: every row and column present (derived cells may
 * be omitted or null), valid values of each cell's kind, no unknown rows/columns,
 * contact and 一、五 filled.
 */
export function reportDocumentSchema(templateId: TemplateId) {
  return documentSchema(templateId, "strict");
}

/**
 * Schema of a report published before it reached the system (`import --publish`): as
 * reportDocumentSchema, but contact and issuedOn may be missing and a detail cell the
 * publisher left blank may be null. Never used for anything filed through the system.
 */
export function publishedReportDocumentSchema(templateId: TemplateId) {
  return documentSchema(templateId, "published");
}

/**
 * The web form's draft: same shape, but any cell may be null and texts may be empty
 * (an e-mail, when given, must still look like one).
 */
export function reportDraftSchema(templateId: TemplateId, options: SchemaOptions = {}) {
  return documentSchema(templateId, "draft", options);
}

const entriesCache = new Map<TemplateId, ReturnType<typeof buildDraftEntriesSchema>>();

/**
 * What 保存草稿 sends: the draft's texts and tables, each part optional (left out = blank), made
 * of the very pieces of reportDraftSchema — the server checks a save with the rules the form
 * checks it with, text in a number cell included.
 */
export function draftEntriesSchema(templateId: TemplateId) {
  let schema = entriesCache.get(templateId);
  if (!schema) entriesCache.set(templateId, (schema = buildDraftEntriesSchema(templateId)));
  return schema;
}

function buildDraftEntriesSchema(templateId: TemplateId) {
  const draft = reportDraftSchema(templateId).shape;
  return object("填写内容", {
    issuedOn: draft.issuedOn.optional(),
    contact: draft.contact.partial().optional(),
    narrative: draft.narrative.partial().optional(),
    proactive: draft.proactive.optional(),
    applications: draft.applications.optional(),
    reviewLitigation: draft.reviewLitigation.optional(),
  });
}

type CellsByRow = Record<SectionKey, Map<string, Map<string, CellDef>>>;
const cellsByRowCache = new Map<TemplateId, CellsByRow>();

function cellsByRow(templateId: TemplateId): CellsByRow {
  let byRow = cellsByRowCache.get(templateId);
  if (!byRow) {
    const t = getTemplate(templateId);
    byRow = { proactive: new Map(), applications: new Map(), reviewLitigation: new Map() };
    for (const section of Object.keys(byRow) as SectionKey[])
      for (const row of t.sections[section].rows)
        byRow[section].set(row.key, new Map(row.columns.map((col) => [col.key, findCell(t, cellId(section, row.key, col.key))!])));
    cellsByRowCache.set(templateId, byRow);
  }
  return byRow;
}

/**
 * The keys draftEntriesSchema(templateId) names, read from the schema itself (its parts, and the
 * contact's and narrative's texts with their lengths from the tables the schema is made from).
 */
interface EntryKeys {
  parts: ReadonlySet<string>;
  contact: ReadonlyMap<string, number>;
  narrative: ReadonlyMap<string, number>;
}
const entryKeysCache = new Map<TemplateId, EntryKeys>();
function entryKeys(templateId: TemplateId): EntryKeys {
  let keys = entryKeysCache.get(templateId);
  if (!keys) {
    const shape = draftEntriesSchema(templateId).shape;
    const textKeys = (part: z.ZodOptional<z.ZodObject>, max: Record<string, number>) => new Map(Object.keys(part.unwrap().shape).map((k) => [k, max[k]!]));
    keys = {
      parts: new Set(Object.keys(shape)),
      contact: textKeys(shape.contact, CONTACT_TEXT_MAX),
      narrative: textKeys(shape.narrative, NARRATIVE_TEXT_MAX),
    };
    entryKeysCache.set(templateId, keys);
  }
  return keys;
}

/** a group of texts the schema would accept as it is: only its keys, each passing text(…)'s checks */
function textsPass(v: Record<string, unknown>, max: ReadonlyMap<string, number>): boolean {
  for (const key of Object.keys(v)) {
    const m = max.get(key);
    if (m === undefined || (v[key] !== undefined && !textPasses(v[key], m))) return false;
  }
  return true;
}

/**
 * Whether draftEntriesSchema(templateId) accepts `input` as it is, by the schema's own checks
 * (draftCellProblem for every input cell, the same text, date and e-mail tests) without its
 * machinery: the editor sends every cell of the report with each save, and the schema's
 * per-cell refinements were a fifth of a save's CPU. true: the schema would accept it and
 * return it unchanged; false: ask the schema, which names the problems (anything this does
 * not recognise as certainly valid is left to it).
 */
export function draftEntriesAcceptable(templateId: TemplateId, input: unknown): boolean {
  if (!isPlainObject(input)) return false;
  const keys = entryKeys(templateId);
  for (const key of Object.keys(input)) if (!keys.parts.has(key)) return false;
  const { issuedOn, contact, narrative } = input;
  if (issuedOn !== undefined && issuedOn !== null && !(typeof issuedOn === "string" && isSafeText(issuedOn) && isValidDate(issuedOn))) return false;
  if (contact !== undefined) {
    if (!isPlainObject(contact) || !textsPass(contact, keys.contact)) return false;
    if (typeof contact.email === "string" && !emailLooksRight(contact.email)) return false;
  }
  if (narrative !== undefined && !(isPlainObject(narrative) && textsPass(narrative, keys.narrative))) return false;
  const byRow = cellsByRow(templateId);
  for (const section of ["proactive", "applications", "reviewLitigation"] as const) {
    const values = input[section];
    if (values === undefined) continue;
    if (!isPlainObject(values)) return false;
    const rows = byRow[section];
    for (const rowKey of Object.keys(values)) {
      const columns = rows.get(rowKey);
      const row = values[rowKey];
      if (!columns) return false;
      if (row === undefined) continue;
      if (!isPlainObject(row)) return false;
      for (const columnKey of Object.keys(row)) {
        const cell = columns.get(columnKey);
        if (!cell) return false;
        const v = row[columnKey];
        // a derived cell is computed: blank is certainly accepted, a figure is the schema's to judge
        if (cell.derived ? v !== undefined && v !== null : draftCellProblem(v, cell) !== null) return false;
      }
    }
  }
  return true;
}
