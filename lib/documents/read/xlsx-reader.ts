/**
 * Excel (.xlsx) → paragraphs and tables, with exceljs. Each sheet is read top to bottom:
 * a row with one text cell is a paragraph (bold, larger text a heading), consecutive rows
 * with several cells (or bordered cells) form a table; merged ranges are expanded so that
 * a merged header covers every column under it. Only the cells present in the file are
 * visited, and exceljs sees the package only after ../limits.ts (see workbookForReading).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { CONVERT_LIMITS, ConvertLimitError, GridBudget, openOfficePackage, type TableGuard } from "../limits";
import type { TextRun } from "../markdown";
import { PROPERTY_AGENCY_CODE, PROPERTY_REGION_CODE, PROPERTY_REGION_NAME } from "../names";
import { XLSX_BODY_FONT_SIZE, XLSX_HEADING_FONT_SIZES } from "../xlsx-writer";
import { UnreadableFileError } from "./errors";
import type { Block, GridCell, SourceDocument } from "./source";

/** A spreadsheet number as printed: float noise from formulas (0.30000000000000004) removed. */
function numberText(v: number): string {
  return String(Number(v.toFixed(10)));
}

function runsOf(cell: ExcelJS.Cell): TextRun[] {
  const v = cell.value;
  if (v && typeof v === "object" && "richText" in v) {
    const runs: TextRun[] = [];
    for (const r of v.richText) {
      r.text.split("\n").forEach((line, i) => {
        runs.push({ text: line, ...(r.font?.bold ? { bold: true } : {}), ...(r.font?.italic ? { italic: true } : {}), ...(i > 0 ? { breakBefore: true } : {}) });
      });
    }
    return runs;
  }
  return textOf(cell)
    .split("\n")
    .map((line, i) => ({ text: line, ...(cell.font?.bold ? { bold: true } : {}), ...(cell.font?.italic ? { italic: true } : {}), ...(i > 0 ? { breakBefore: true } : {}) }));
}

function textOf(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return numberText(v);
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return typeof v.result === "number" ? numberText(v.result) : v.result === undefined || v.result === null ? "" : String(v.result);
    if ("text" in v) return String(v.text);
    if ("error" in v) return String(v.error);
  }
  return cell.text ?? "";
}

function headingLevel(cell: ExcelJS.Cell, runs: TextRun[]): number {
  const v = cell.value;
  const size = v && typeof v === "object" && "richText" in v ? (v.richText.find((r) => r.text.trim())?.font?.size ?? cell.font?.size) : cell.font?.size;
  const allBold = runs.filter((r) => r.text.trim()).every((r) => r.bold);
  if (!allBold || !size || size <= XLSX_BODY_FONT_SIZE) return 0;
  let best = 0;
  XLSX_HEADING_FONT_SIZES.forEach((s, i) => {
    if (Math.abs(s - size) < Math.abs((XLSX_HEADING_FONT_SIZES[best - 1] ?? Infinity) - size)) best = i + 1;
  });
  return best;
}

const hasBorder = (cell: ExcelJS.Cell) => Boolean(cell.border && (cell.border.top || cell.border.bottom || cell.border.left || cell.border.right));

// exceljs keeps rows and cells in sparse arrays; forEach visits only those present. Its public
// eachRow / eachCell with includeEmpty, rowCount and columnCount walk (and create) every
// position up to the last one used: a single cell at XFD1048576 would be 1.7e10 of them.
const presentRows = (ws: ExcelJS.Worksheet) => (ws as unknown as { _rows: (ExcelJS.Row | undefined)[] })._rows;
const presentCells = (row: ExcelJS.Row) => (row as unknown as { _cells: (ExcelJS.Cell | undefined)[] })._cells;

function sheetBlocks(ws: ExcelJS.Worksheet, out: Block[], budget: GridBudget) {
  const rows: ExcelJS.Row[] = [];
  presentRows(ws).forEach((row) => row && rows.push(row));
  // the sheet's width: the last column holding a value, a border or a merge
  let width = 0;
  for (const row of rows)
    presentCells(row).forEach((cell, i) => {
      if (cell && i + 1 > width && (cell.type !== ExcelJS.ValueType.Null || hasBorder(cell))) width = i + 1;
    });
  budget.table(`工作表“${ws.name}”`).width(width);
  // one GridCell per merged range (its master cell)
  const cells = new Map<string, GridCell>();
  const gridCell = (row: ExcelJS.Row, r: number, c: number): GridCell => {
    const cell = row.findCell(c);
    if (!cell) return { text: "", row: r, col: c, rowSpan: 1, colSpan: 1 };
    const master = cell.master ?? cell;
    const key = master.address;
    let g = cells.get(key);
    if (!g) {
      const text = textOf(master).trim();
      const mr = Number(master.row);
      const mc = Number(master.col);
      g = { text, row: mr, col: mc, rowSpan: 1, colSpan: 1 };
      cells.set(key, g);
    }
    g.rowSpan = Math.max(g.rowSpan, r - g.row + 1);
    g.colSpan = Math.max(g.colSpan, c - g.col + 1);
    return g;
  };
  const bordered = (g: GridCell) => {
    const cell = ws.findCell(g.row, g.col);
    return cell ? hasBorder(cell) : false;
  };
  let table: { rows: (GridCell | undefined)[][]; first: number; guard: TableGuard } | null = null;
  const flush = () => {
    if (table) {
      // grid positions relative to the table's first row and the sheet's first column
      const remap = new Map<GridCell, GridCell>();
      const rebased = table.rows.map((row) =>
        row.map((g) => {
          if (!g) return undefined;
          let m = remap.get(g);
          if (!m) remap.set(g, (m = { ...g, row: g.row - table!.first, col: g.col - 1 }));
          return m;
        }),
      );
      out.push({ kind: "table", name: table.guard.name, grid: rebased });
      table = null;
    }
  };
  let previous = 0;
  for (const excelRow of rows) {
    const r = excelRow.number;
    // rows not in the file are empty: they end a table
    if (r > previous + 1) flush();
    previous = r;
    const row: (GridCell | undefined)[] = [];
    for (let c = 1; c <= width; c++) row[c - 1] = gridCell(excelRow, r, c);
    const distinct = [...new Set(row.filter((g): g is GridCell => !!g))];
    const significant = distinct.filter((g) => g.text !== "" || bordered(g));
    if (significant.length >= 2 || (table && significant.length === 1 && significant[0]!.row < r)) {
      if (!table) table = { rows: [], first: r, guard: budget.table(`工作表“${ws.name}”第 ${r} 行起的表格`) };
      table.guard.rows(table.rows.length + 1);
      table.guard.fill(width);
      table.rows.push(row);
      continue;
    }
    flush();
    const texts = distinct.filter((g) => g.text !== "" && g.row === r);
    if (texts.length === 1) {
      const cell = ws.findCell(texts[0]!.row, texts[0]!.col);
      if (!cell) continue;
      const runs = runsOf(cell);
      out.push({ kind: "paragraph", heading: headingLevel(cell, runs), runs });
    }
  }
  flush();
}

const SHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;
/** The parts exceljs needs besides the sheets; drawings, comments, tables, themes… are not read. */
const WORKBOOK_PARTS = new Set(["_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml", "docProps/core.xml"]);
const CELL_REF = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * A sheet's XML as exceljs may see it: its cells and the merges a report table can have, nothing
 * else. exceljs expands every merge, data validation and <col min max> range cell by cell while it
 * loads (a merge B2:XFD1048576 never finishes), so those are filtered here first.
 */
function sheetForReading(xml: string, count: { cells: number; merged: number }): string {
  const open = /<([\w.-]+:)?worksheet\b[^>]*>/.exec(xml);
  if (!open) return xml;
  const p = open[1] ?? "";
  const head = xml.slice(0, open.index + open[0].length);
  const dataStart = xml.indexOf(`<${p}sheetData`, open.index);
  const closeTag = `</${p}sheetData>`;
  const dataEnd = dataStart < 0 ? -1 : xml.indexOf(closeTag, dataStart);
  const sheetData = dataStart < 0 ? "" : dataEnd < 0 ? `<${p}sheetData/>` : xml.slice(dataStart, dataEnd + closeTag.length);
  for (const _ of sheetData.matchAll(/<(?:[\w.-]+:)?c[\s/>]/g)) {
    if (++count.cells > CONVERT_LIMITS.workbookCells)
      throw new ConvertLimitError(`Excel 文件的单元格过多，超过上限 ${CONVERT_LIMITS.workbookCells} 个`, "workbookCells");
  }
  const merges: string[] = [];
  const rest = dataEnd < 0 ? xml : xml.slice(dataEnd);
  for (const m of rest.matchAll(/<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref\s*=\s*"([^"]*)"/g)) {
    const [from, to] = m[1]!.toUpperCase().split(":");
    const a = CELL_REF.exec(from ?? "");
    const b = CELL_REF.exec(to ?? "");
    if (!a || !b) continue;
    const cols = Math.abs(columnNumber(b[1]!) - columnNumber(a[1]!)) + 1;
    const rows = Math.abs(Number(b[2]) - Number(a[2])) + 1;
    // a merge larger than a report table is ignored (its cells read as they are)
    if (cols > CONVERT_LIMITS.tableColumns || rows > CONVERT_LIMITS.tableRows || cols * rows > CONVERT_LIMITS.tableCells) continue;
    if ((count.merged += cols * rows) > CONVERT_LIMITS.workbookCells) continue;
    merges.push(`<${p}mergeCell ref="${m[1]}"/>`);
  }
  const mergeCells = merges.length ? `<${p}mergeCells count="${merges.length}">${merges.join("")}</${p}mergeCells>` : "";
  return `${head}${sheetData}${mergeCells}</${p}worksheet>`;
}

/** The package rebuilt with the parts exceljs needs, within ../limits.ts (see sheetForReading). */
async function workbookForReading(bytes: Uint8Array): Promise<Buffer> {
  const zip = openOfficePackage(bytes, "文件已损坏或不是 Excel（.xlsx）文件，无法读取");
  const out = new JSZip();
  const count = { cells: 0, merged: 0 };
  for (const name of zip.names()) {
    if (WORKBOOK_PARTS.has(name)) {
      let text = zip.text(name)!;
      // defined names (print areas…) are expanded cell by cell by exceljs; none is needed here
      if (name === "xl/workbook.xml") text = text.replace(/<([\w.-]+:)?definedNames\b[\s\S]*?<\/\1?definedNames>/g, "").replace(/<([\w.-]+:)?definedNames\s*\/>/g, "");
      out.file(name, text);
    } else if (SHEET_PART.test(name)) out.file(name, sheetForReading(zip.text(name)!, count));
  }
  return out.generateAsync({ type: "nodebuffer", compression: "STORE" });
}

/** Reads a .xlsx file's paragraphs and tables. Throws UnreadableFileError for a file that is not one. */
export async function readXlsxSource(bytes: Uint8Array): Promise<SourceDocument> {
  const safe = await workbookForReading(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(safe as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableFileError("文件已损坏或不是 Excel（.xlsx）文件，无法读取");
  }
  if (!wb.worksheets.length) throw new UnreadableFileError("Excel 文件中没有工作表");
  const blocks: Block[] = [];
  const budget = new GridBudget();
  for (const ws of wb.worksheets) if (ws.state !== "veryHidden") sheetBlocks(ws, blocks, budget);
  const props: Record<string, string> = {};
  for (const part of (wb.keywords ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) props[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return {
    blocks,
    properties: { agencyCode: props[PROPERTY_AGENCY_CODE], regionCode: props[PROPERTY_REGION_CODE], regionName: props[PROPERTY_REGION_NAME] },
  };
}
