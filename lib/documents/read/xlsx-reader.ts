/**
 * Excel (.xlsx) → paragraphs and tables, with exceljs. Each sheet is read top to bottom:
 * a row with one text cell is a paragraph (bold, larger text a heading), consecutive rows
 * with several cells (or bordered cells) form a table; merged ranges are expanded so that
 * a merged header covers every column under it.
 */
import ExcelJS from "exceljs";
import type { TextRun } from "../markdown";
import { PROPERTY_AGENCY_CODE, PROPERTY_REGION_CODE, PROPERTY_REGION_NAME } from "../names";
import { XLSX_BODY_FONT_SIZE, XLSX_HEADING_FONT_SIZES } from "../xlsx-writer";
import { UnreadableFileError } from "./docx-reader";
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

function sheetBlocks(ws: ExcelJS.Worksheet, out: Block[]) {
  const rowCount = ws.rowCount;
  const colCount = ws.columnCount;
  // one GridCell per merged range (its master cell)
  const cells = new Map<string, GridCell>();
  const gridCell = (r: number, c: number): GridCell | undefined => {
    const cell = ws.getCell(r, c);
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
  let table: { rows: (GridCell | undefined)[][]; first: number } | null = null;
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
      out.push({ kind: "table", name: `工作表“${ws.name}”第 ${table.first} 行起的表格`, grid: rebased });
      table = null;
    }
  };
  for (let r = 1; r <= rowCount; r++) {
    const row: (GridCell | undefined)[] = [];
    for (let c = 1; c <= colCount; c++) row[c - 1] = gridCell(r, c);
    const distinct = [...new Set(row.filter((g): g is GridCell => !!g))];
    const significant = distinct.filter((g) => g.text !== "" || hasBorder(ws.getCell(g.row, g.col)));
    if (significant.length >= 2 || (table && significant.length === 1 && significant[0]!.row < r)) {
      if (!table) table = { rows: [], first: r };
      table.rows.push(row);
      continue;
    }
    flush();
    const texts = distinct.filter((g) => g.text !== "" && g.row === r);
    if (texts.length === 1) {
      const cell = ws.getCell(texts[0]!.row, texts[0]!.col);
      const runs = runsOf(cell);
      out.push({ kind: "paragraph", heading: headingLevel(cell, runs), runs });
    }
  }
  flush();
}

/** Reads a .xlsx file's paragraphs and tables. Throws UnreadableFileError for a file that is not one. */
export async function readXlsxSource(bytes: Uint8Array): Promise<SourceDocument> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableFileError("文件已损坏或不是 Excel（.xlsx）文件，无法读取");
  }
  if (!wb.worksheets.length) throw new UnreadableFileError("Excel 文件中没有工作表");
  const blocks: Block[] = [];
  for (const ws of wb.worksheets) if (ws.state !== "veryHidden") sheetBlocks(ws, blocks);
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
