/**
 * Turns the paragraphs and tables of a report document (Word, Excel or a web page, see
 * ./source.ts) into an exchange document. Everything is located by its label, never by
 * position: the title ("XX 20XX年政府信息公开工作年度报告"), the parts by their headings,
 * the tables by their row labels and column headers (matched to lib/templates), the
 * contact in the opening paragraph, the 成文日期 at the end. Figures are read cell by
 * cell; nothing is guessed: what cannot be read stays null (or empty) and is listed.
 */
import { EXCHANGE_FORMAT, type ReportDocument } from "@/lib/exchange";
import {
  CONTACT_FIELDS,
  FIELD_LABELS,
  type ContactFieldDef,
  TEMPLATES,
  emptySections,
  getTemplate,
  templateIdForYear,
  type CellKind,
  type NarrativeKey,
  type OutlineKey,
  type ReportSections,
  type ReportTemplate,
  type TemplateId,
} from "@/lib/templates";
import { readFigure } from "../figures";
import { blockToMarkdown } from "../markdown";
import { matchLabel, normalizeLabel, withoutOrdinal, type LabelCandidate } from "./labels";
import { paragraphText, type GridCell, type ParagraphBlock, type SourceDocument, type TableBlock } from "./source";

export interface ConvertProblem {
  /** which part, table cell or field */
  where: string;
  /** why it could not be read, in Chinese */
  reason: string;
}

/** The exchange document as far as it could be read: `year` null and texts empty when unknown. */
export type ConvertedDocument = Omit<ReportDocument, "year"> & { year: number | null };

export interface ConvertResult {
  document: ConvertedDocument;
  problems: ConvertProblem[];
  /** false when nothing of a report was found (no title, no part heading, no table): not a report */
  recognized: boolean;
}

export interface ConvertOptions {
  agencyCode?: string;
  regionCode?: string;
  regionName?: string;
}

const TITLE = /^(.*?)(\d{4})年度?政府信息公开工作年度报告$/u;
const DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/u;

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const CHINESE_DIGITS: Record<string, number> = { 〇: 0, 零: 0, Ｏ: 0, O: 0, o: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "二〇二一" → 2021, "十二" → 12, "二十" → 20, "三十一" → 31; null when not a Chinese number. */
function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (text.includes("十")) {
    const [tens, ones] = text.split("十") as [string, string];
    const t = tens === "" ? 1 : CHINESE_DIGITS[tens];
    const o = ones === "" ? 0 : CHINESE_DIGITS[ones];
    return t === undefined || o === undefined || tens.length > 1 || ones.length > 1 ? null : t * 10 + o;
  }
  let n = 0;
  for (const ch of text) {
    const d = CHINESE_DIGITS[ch];
    if (d === undefined) return null;
    n = n * 10 + d;
  }
  return text ? n : null;
}

/** A 成文日期: "2021年1月20日", also in Chinese numerals ("二〇二一年一月二十日"). */
function dateOf(text: string): string | null {
  const t = text.normalize("NFKC").replace(/\s/g, "");
  const m = DATE.exec(t) ?? /^([〇零OoＯ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/u.exec(t);
  if (!m) return null;
  const [y, mo, d] = [chineseNumber(m[1]!), chineseNumber(m[2]!), chineseNumber(m[3]!)];
  return y !== null && mo !== null && d !== null ? isoDate(y, mo, d) : null;
}

/**
 * The signing agency's line under the last part: the agency's name, or a name as organs sign
 * ("贺兰县金贵镇人民政府" under a title naming "贺兰县金贵镇"). A short line without sentence
 * punctuation; a sentence such as "无。" is narrative.
 */
function isSignature(text: string, agencyName: string): boolean {
  if (text === "" || text.length > 40 || /[。，、；：！？,.;:!?（）()]/u.test(text)) return false;
  if (agencyName && (text === agencyName || text.startsWith(agencyName) || agencyName.startsWith(text))) return true;
  return /(人民政府|人民政府办公室|办公室|办公厅|委员会|管理委员会|管委会|办事处|局|厅|委|署|中心)$/u.test(text);
}

const compact = (s: string) => s.normalize("NFKC").replace(/[\s\u3000]/g, "");

/** The value after "地址：" etc. up to the next separator. Plain text, not markup. */
function contactField(text: string, names: readonly string[]): string | null {
  for (const name of names) {
    const m = new RegExp(`${name}\\s*[：:]\\s*([^，,；;）)\\n]+)`, "u").exec(text);
    if (m) return m[1]!.trim().replace(/[。.]$/u, "");
  }
  return null;
}

// --- tables ------------------------------------------------------------------

type CellText = { text: string; cell: GridCell };

/** The distinct cells of a grid row, left to right (a merged cell once). */
function rowCells(row: readonly (GridCell | undefined)[]): CellText[] {
  const out: CellText[] = [];
  let last: GridCell | undefined;
  for (const cell of row) {
    if (!cell || cell === last) continue;
    if (!out.some((o) => o.cell === cell)) out.push({ text: cell.text, cell });
    last = cell;
  }
  return out;
}

const isFigureLike = (text: string) => /^[\d０-９.,，\-−+\s]*$/u.test(text.trim());

/** The leading label cells of a row (text, not figures), outermost first. */
function leadingLabels(row: readonly (GridCell | undefined)[]): string[] {
  const out: string[] = [];
  for (const { text } of rowCells(row)) {
    if (!text.trim()) continue; // a label column left blank (group labels printed once)
    if (isFigureLike(text)) break;
    out.push(text);
  }
  return out;
}

interface Reading {
  template: ReportTemplate;
  sections: ReportSections;
  /** cells read (section/row/column) */
  found: Set<string>;
  problems: ConvertProblem[];
}

function otherTemplate(t: ReportTemplate): ReportTemplate {
  return TEMPLATES[t.id === "2019" ? "2021" : "2019"];
}

/** Row candidates of a section: the template's labels, and the other format's wording of the same row. */
function rowCandidates(t: ReportTemplate, section: "proactive" | "applications" | "reviewLitigation"): LabelCandidate<string>[] {
  const other = otherTemplate(t).sections[section].rows;
  return t.sections[section].rows.map((r) => ({ key: r.key, labels: [r.label, ...other.filter((o) => o.key === r.key).map((o) => o.label)] }));
}

function cellWhere(t: ReportTemplate, section: "proactive" | "applications" | "reviewLitigation", row: string, column: string): string {
  const r = t.sections[section].rows.find((x) => x.key === row)!;
  const c = r.columns.find((x) => x.key === column)!;
  return `${t.sections[section].title} · ${r.fullLabel} · ${c.fullLabel}`;
}

function readCell(reading: Reading, table: TableBlock, section: "proactive" | "applications" | "reviewLitigation", row: string, column: string, kind: CellKind, cell: GridCell | undefined, gridCol: number) {
  const id = `${section}/${row}/${column}`;
  const where = `${cellWhere(reading.template, section, row, column)}（${table.name}）`;
  if (reading.found.has(id)) {
    reading.problems.push({ where, reason: "表格中出现了两次，以第一次为准" });
    return;
  }
  reading.found.add(id);
  if (!cell) {
    reading.problems.push({ where, reason: "该行缺少这一单元格" });
    return;
  }
  if (cell.col !== gridCol) {
    reading.problems.push({ where, reason: "单元格与左侧单元格合并，无法分开读取" });
    return;
  }
  const figure = readFigure(cell.text, kind);
  if (!figure.ok) {
    reading.problems.push({ where, reason: figure.reason });
    return;
  }
  reading.sections[section][row]![column] = figure.value;
  const rowDef = reading.template.sections[section].rows.find((r) => r.key === row);
  // a blank total is left blank (it is computed on import), a blank figure is listed
  const derived = rowDef?.derived || rowDef?.columns.find((c) => c.key === column)?.derived;
  if (figure.value === null && !derived) reading.problems.push({ where, reason: "单元格为空" });
}

/** Grid column of each header label (bottom-most header row that names it). */
function headerColumns(grid: TableBlock["grid"], headerRows: number, candidates: readonly LabelCandidate<string>[]): Map<string, number> {
  const out = new Map<string, number>();
  const width = Math.max(0, ...grid.slice(0, headerRows).map((r) => r.length));
  for (let c = 0; c < width; c++) {
    for (let r = headerRows - 1; r >= 0; r--) {
      const cell = grid[r]?.[c];
      if (!cell) continue;
      const key = matchLabel(cell.text, candidates);
      if (key !== undefined) {
        if (!out.has(key)) out.set(key, c);
        break;
      }
    }
  }
  return out;
}

function readApplications(reading: Reading, table: TableBlock) {
  const t = reading.template;
  const s = t.sections.applications;
  const rows = rowCandidates(t, "applications");
  const dataRows: { r: number; key: string }[] = [];
  table.grid.forEach((row, r) => {
    const labels = leadingLabels(row);
    for (let i = labels.length - 1; i >= 0; i--) {
      const key = matchLabel(labels[i]!, rows);
      if (key) {
        dataRows.push({ r, key });
        return;
      }
    }
  });
  if (!dataRows.length) return;
  const columns = headerColumns(table.grid, dataRows[0]!.r, s.columns.map((c) => ({ key: c.key, labels: [c.label] })));
  for (const col of s.columns)
    if (!columns.has(col.key)) reading.problems.push({ where: `${s.title} · ${col.fullLabel}（${table.name}）`, reason: "表头中没有找到这一列" });
  for (const { r, key } of dataRows) {
    for (const col of s.columns) {
      const c = columns.get(col.key);
      if (c === undefined) continue;
      readCell(reading, table, "applications", key, col.key, col.kind, table.grid[r]?.[c], c);
    }
  }
}

function readReviewLitigation(reading: Reading, table: TableBlock) {
  const s = reading.template.sections.reviewLitigation;
  const groups = s.rows.map((r) => ({ key: r.key, labels: [r.label] }));
  const columns = s.columns.map((c) => ({ key: c.key, labels: [c.label] }));
  // header rows: those naming a column (结果维持 …); the figures are in the row below them
  let lastHeader = -1;
  table.grid.forEach((row, r) => {
    if (rowCells(row).some(({ text }) => matchLabel(text, columns))) lastHeader = r;
  });
  if (lastHeader < 0) return;
  const width = Math.max(0, ...table.grid.map((r) => r.length));
  const positions = new Map<string, number>();
  for (let c = 0; c < width; c++) {
    let group: string | undefined;
    let column: string | undefined;
    for (let r = 0; r <= lastHeader; r++) {
      const text = table.grid[r]?.[c]?.text ?? "";
      group = matchLabel(text, groups) ?? group;
      column = matchLabel(text, columns) ?? column;
    }
    if (group && column && !positions.has(`${group}/${column}`)) positions.set(`${group}/${column}`, c);
  }
  const dataRow = table.grid.findIndex((row, r) => r > lastHeader && rowCells(row).some(({ text }) => text.trim() !== ""));
  for (const row of s.rows) {
    for (const col of s.columns) {
      const c = positions.get(`${row.key}/${col.key}`);
      if (c === undefined) {
        reading.problems.push({ where: `${cellWhere(reading.template, "reviewLitigation", row.key, col.key)}（${table.name}）`, reason: "表头中没有找到这一列" });
        reading.found.add(`reviewLitigation/${row.key}/${col.key}`);
        continue;
      }
      readCell(reading, table, "reviewLitigation", row.key, col.key, col.kind, dataRow < 0 ? undefined : table.grid[dataRow]?.[c], c);
    }
  }
}

/** 二: one or more tables, each 第二十条 item a heading row, a 信息内容 header row and its rows. */
function readProactive(reading: Reading, tables: readonly TableBlock[]) {
  const t = reading.template;
  const s = t.sections.proactive;
  const rows = rowCandidates(t, "proactive");
  const other = otherTemplate(t).sections.proactive;
  for (const table of tables) {
    let header = new Map<string, number>();
    for (const row of table.grid) {
      const cells = rowCells(row);
      const first = cells[0];
      if (!first) continue;
      if (normalizeLabel(first.text) === normalizeLabel(s.groups[0]!.contentHeader)) {
        header = new Map(cells.slice(1).map(({ text, cell }) => [normalizeLabel(text), cell.col] as const));
        continue;
      }
      const key = matchLabel(first.text, rows);
      if (!key) continue;
      const rowDef = s.rows.find((r) => r.key === key)!;
      for (const col of rowDef.columns) {
        const aliases = [col.label, ...(other.rows.find((r) => r.key === key)?.columns.filter((c) => c.key === col.key).map((c) => c.label) ?? [])];
        const c = aliases.map((l) => header.get(normalizeLabel(l))).find((x) => x !== undefined);
        if (c === undefined) {
          reading.found.add(`proactive/${key}/${col.key}`);
          reading.problems.push({ where: `${cellWhere(t, "proactive", key, col.key)}（${table.name}）`, reason: "表头中没有找到这一列" });
          continue;
        }
        readCell(reading, table, "proactive", key, col.key, col.kind, row[c], c);
      }
    }
  }
}

type TableKind = "proactive" | "applications" | "reviewLitigation";

/** Which table a grid is, by its labels (第二十条 / the application rows / 结果维持). */
function tableKind(table: TableBlock, t: ReportTemplate): TableKind | null {
  const texts = table.grid.flatMap((row) => rowCells(row).map(({ text }) => normalizeLabel(text)));
  const has = (label: string) => texts.includes(normalizeLabel(label));
  if (texts.some((x) => x.includes("第二十条")) || has(t.sections.proactive.groups[0]!.contentHeader)) return "proactive";
  const appRows = rowCandidates(t, "applications");
  if (table.grid.some((row) => leadingLabels(row).some((l) => matchLabel(l, appRows)))) return "applications";
  if (t.sections.reviewLitigation.columns.some((c) => has(c.label)) && t.sections.reviewLitigation.rows.some((r) => has(r.label))) return "reviewLitigation";
  return null;
}

/** The template the tables are printed in, by labels only one format has; null when they do not say. */
function templateOfTables(tables: readonly TableBlock[]): TemplateId | null {
  const texts = new Set(tables.flatMap((tb) => tb.grid.flatMap((row) => rowCells(row).map(({ text }) => normalizeLabel(text)))));
  const only = (id: TemplateId) => {
    const t = TEMPLATES[id];
    const o = otherTemplate(t);
    const labels = new Set([...o.sections.proactive.rows.flatMap((r) => [r.label, ...r.columns.map((c) => c.label)]), ...o.sections.applications.rows.map((r) => r.label)].map(normalizeLabel));
    return [...t.sections.proactive.rows.flatMap((r) => [r.label, ...r.columns.map((c) => c.label)]), ...t.sections.applications.rows.map((r) => r.label)]
      .map(normalizeLabel)
      .filter((l) => !labels.has(l))
      .some((l) => texts.has(l));
  };
  const in2019 = only("2019");
  const in2021 = only("2021");
  return in2019 === in2021 ? null : in2019 ? "2019" : "2021";
}

// --- the whole document ------------------------------------------------------------

/** Reads a report out of a document's blocks. */
export function readReport(source: SourceDocument, options: ConvertOptions = {}): ConvertResult {
  const problems: ConvertProblem[] = [];
  const blocks = source.blocks;
  const paragraphs = blocks.map((b, i) => ({ b, i })).filter((x): x is { b: ParagraphBlock; i: number } => x.b.kind === "paragraph");
  const tables = blocks.filter((b): b is TableBlock => b.kind === "table");

  // title → agency name and year
  let agencyName = "";
  let year: number | null = null;
  let titleIndex = -1;
  for (const [n, { b, i }] of paragraphs.entries()) {
    const m = TITLE.exec(compact(paragraphText(b)));
    if (!m) continue;
    year = Number(m[2]);
    agencyName = m[1]!;
    // a title printed on two lines: the agency's name on the line before
    if (!agencyName && n > 0) agencyName = compact(paragraphText(paragraphs[n - 1]!.b));
    titleIndex = i;
    break;
  }
  if (titleIndex < 0) problems.push({ where: "标题", reason: "没有找到“XX20XX年政府信息公开工作年度报告”形式的标题，无法确定单位名称和年度" });
  else if (!agencyName) problems.push({ where: "标题", reason: "标题中没有单位名称" });

  // template: from the year, else from the tables' labels
  const fromTables = templateOfTables(tables);
  let templateId: TemplateId;
  if (year !== null) {
    templateId = templateIdForYear(year);
    if (fromTables && fromTables !== templateId)
      problems.push({
        where: "表格格式",
        reason: `表格使用的是 ${TEMPLATES[fromTables].documentName} 的格式，而 ${year} 年度应使用 ${TEMPLATES[templateId].documentName} 的格式；只按后者读取`,
      });
  } else {
    templateId = fromTables ?? "2021";
    if (!fromTables) problems.push({ where: "模板", reason: "年度和表格都无法确定报告格式（2019 或 2021 模板），暂按 2021 模板读取" });
  }
  const template = getTemplate(templateId);

  // part headings
  const titles = new Map<string, OutlineKey>();
  for (const key of template.outline) {
    const title = key === "overview" || key === "problems" || key === "other" ? template.narrative[key].title : template.sections[key].title;
    titles.set(normalizeLabel(title), key);
  }
  const partOf = (p: ParagraphBlock): OutlineKey | undefined => {
    const n = normalizeLabel(paragraphText(p));
    return titles.get(n) ?? [...titles].find(([title]) => withoutOrdinal(title).length >= 3 && withoutOrdinal(title) === n)?.[1];
  };
  // every part title bounds the part before it (a title may repeat: on an Excel table's own
  // sheet); the first one of each part opens it
  const boundaries: { key: OutlineKey; i: number }[] = [];
  for (const { b, i } of paragraphs) {
    const key = partOf(b);
    if (key) boundaries.push({ key, i });
  }
  const headings = boundaries.filter((h, n) => boundaries.findIndex((x) => x.key === h.key) === n);

  // preamble: the paragraphs between the title and the first part → contact
  const firstPart = headings.length ? Math.min(...headings.map((h) => h.i)) : blocks.length;
  const preamble = paragraphs
    .filter(({ i }) => i > titleIndex && i < firstPart)
    .map(({ b }) => paragraphText(b))
    .join("\n");
  // the longer words first: "通信地址：" must not be read as "地址：" with "通信" left over
  const contact = Object.fromEntries(
    CONTACT_FIELDS.map((f) => [f.key, contactField(preamble, [...f.aliases, f.label].sort((a, b) => b.length - a.length))]),
  ) as Record<ContactFieldDef["key"], string | null>;
  for (const f of CONTACT_FIELDS)
    if (!contact[f.key]) problems.push({ where: `${FIELD_LABELS.contact} · ${f.label}`, reason: "开头段落中没有写明" });

  // narrative parts: the paragraphs from a part's heading to the next part's heading;
  // a signature at the end of a part (the agency's name, the 成文日期) is not narrative
  const narrative: Record<NarrativeKey, string> = { overview: "", problems: "", other: "" };
  let issuedOn: string | null = null;
  for (const h of headings) {
    const end = boundaries.find((x) => x.i > h.i)?.i ?? blocks.length;
    const own = blocks.slice(h.i + 1, end).filter((b): b is ParagraphBlock => b.kind === "paragraph" && paragraphText(b).trim() !== "");
    while (own.length) {
      const text = compact(paragraphText(own[own.length - 1]!));
      const date = dateOf(text);
      if (date) {
        issuedOn ??= date;
        own.pop();
      } else if (isSignature(text, agencyName)) own.pop();
      else break;
    }
    if (h.key === "overview" || h.key === "problems" || h.key === "other") narrative[h.key] = own.map((p) => blockToMarkdown(p)).join("\n\n");
  }
  for (const key of ["overview", "problems", "other"] as const)
    if (!headings.some((h) => h.key === key)) problems.push({ where: template.narrative[key].title, reason: "没有找到这一部分的标题" });
  if (!issuedOn) problems.push({ where: "成文日期", reason: "文末没有找到“20XX年X月X日”形式的成文日期" });

  // tables, by their labels
  const reading: Reading = { template, sections: emptySections(template), found: new Set(), problems: [] };
  const byKind: Record<TableKind, TableBlock[]> = { proactive: [], applications: [], reviewLitigation: [] };
  for (const table of tables) {
    const kind = tableKind(table, template);
    if (kind) byKind[kind].push(table);
  }
  readProactive(reading, byKind.proactive);
  for (const table of byKind.applications) readApplications(reading, table);
  for (const table of byKind.reviewLitigation) readReviewLitigation(reading, table);
  problems.push(...reading.problems);
  for (const section of ["proactive", "applications", "reviewLitigation"] as const) {
    const s = template.sections[section];
    if (!byKind[section].length) {
      problems.push({ where: s.title, reason: "没有找到这一表格" });
      continue;
    }
    for (const row of s.rows) {
      const missing = row.columns.filter((c) => !reading.found.has(`${section}/${row.key}/${c.key}`));
      if (missing.length === row.columns.length) problems.push({ where: `${s.title} · ${row.fullLabel}`, reason: "表格中没有找到这一行" });
      else for (const c of missing) problems.push({ where: `${s.title} · ${row.fullLabel} · ${c.fullLabel}`, reason: "没有读到这一单元格" });
    }
  }

  const agencyCode = options.agencyCode ?? source.properties.agencyCode ?? "";
  const regionCode = options.regionCode ?? source.properties.regionCode ?? "";
  const regionName = options.regionName ?? source.properties.regionName ?? "";
  if (!agencyCode) problems.push({ where: "单位代码", reason: "文件中没有写明，请用 --agency 单位代码 指定" });
  if (!regionCode) problems.push({ where: "所属地区代码", reason: "文件中没有写明，请用 --region 地区代码 指定" });
  if (!regionName) problems.push({ where: "所属地区名称", reason: "文件中没有写明，请用 --region-name 地区名称 指定" });

  const document: ConvertedDocument = {
    format: EXCHANGE_FORMAT,
    template: templateId,
    agency: { code: agencyCode, name: agencyName, region: { code: regionCode, name: regionName } },
    year,
    issuedOn,
    contact: { address: contact.address ?? "", phone: contact.phone ?? "", email: contact.email ?? "" },
    narrative,
    ...reading.sections,
  };
  const recognized = titleIndex >= 0 || headings.length > 0 || Object.values(byKind).some((list) => list.length > 0);
  return { document, problems, recognized };
}

