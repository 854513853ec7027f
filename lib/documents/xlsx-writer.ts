/**
 * Excel (.xlsx) of a published report: a first sheet with the title, preamble, narrative
 * parts and signature, then one sheet per table (二、三、四) in the official layout with
 * merged header cells (lib/templates/layout.ts). Figures are numbers; money keeps its
 * decimals exactly through a per-cell number format.
 */
import ExcelJS from "exceljs";
import type { ReportDocument } from "@/lib/exchange";
import { getTemplate, reportTitle, tableLayout, type OutlineKey, type SectionKey } from "@/lib/templates";
import { figureDecimals } from "./figures";
import { markdownBlocks } from "./markdown";
import { PROPERTY_AGENCY_CODE, PROPERTY_REGION_CODE, PROPERTY_REGION_NAME, formatChineseDate, preambleText } from "./names";

/** Font sizes of narrative subheadings by level (body text is 11); the reader maps them back. */
export const XLSX_BODY_FONT_SIZE = 11;
export const XLSX_HEADING_FONT_SIZES = [16, 14, 13, 12.5, 12, 11.5] as const;
export const XLSX_TEXT_SHEET = "报告";

const thin = { style: "thin" as const, color: { argb: "FF000000" } };
const box = { top: thin, left: thin, bottom: thin, right: thin };

/** Workbook keywords that carry the agency's codes ("agencyCode=…;regionCode=…;regionName=…"). */
export function agencyKeywords(doc: ReportDocument): string {
  return [
    `${PROPERTY_AGENCY_CODE}=${doc.agency.code}`,
    `${PROPERTY_REGION_CODE}=${doc.agency.region.code}`,
    `${PROPERTY_REGION_NAME}=${doc.agency.region.name}`,
  ].join(";");
}

function sheetName(title: string) {
  return title.replace(/[\\/?*[\]:]/g, "").slice(0, 31);
}

function addTableSheet(wb: ExcelJS.Workbook, doc: ReportDocument, section: SectionKey) {
  const template = getTemplate(doc.template);
  const layout = tableLayout(template, section);
  const ws = wb.addWorksheet(sheetName(layout.title), {
    pageSetup: { paperSize: 9, orientation: section === "proactive" ? "portrait" : "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.getCell(1, 1).value = layout.title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  const top = 2;
  // where each layout cell lands in the grid (rows may start after cells spanning from above)
  const occupied = new Set<string>();
  layout.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (occupied.has(`${r}/${c}`)) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) occupied.add(`${r + dr}/${c + dc}`);
      const excelRow = top + r;
      const excelCol = 1 + c;
      const target = ws.getCell(excelRow, excelCol);
      if (cell.type === "value" && cell.cell) {
        const v = doc[cell.cell.section][cell.cell.row]?.[cell.cell.column];
        target.value = typeof v === "number" ? v : null;
        if (typeof v === "number") target.numFmt = cell.cell.kind === "money" && figureDecimals(v) > 0 ? `0.${"0".repeat(figureDecimals(v))}` : "0";
        target.alignment = { horizontal: "center", vertical: "middle" };
      } else {
        target.value = cell.text || null;
        target.alignment = { horizontal: cell.type === "label" ? "left" : "center", vertical: "middle", wrapText: true };
        if (cell.type !== "label" && cell.type !== "blank") target.font = { bold: cell.type !== "note" };
        if (cell.type === "header" || cell.type === "heading" || cell.type === "note")
          target.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
      }
      if (cell.rowSpan > 1 || cell.colSpan > 1) ws.mergeCells(excelRow, excelCol, excelRow + cell.rowSpan - 1, excelCol + cell.colSpan - 1);
      for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) ws.getCell(excelRow + dr, excelCol + dc).border = box;
      c += cell.colSpan;
    }
  });
  const labelColumns = section === "applications" ? 3 : section === "proactive" ? 1 : 0;
  for (let c = 1; c <= layout.columnCount; c++) ws.getColumn(c).width = c <= labelColumns ? (section === "proactive" ? 24 : 16) : section === "proactive" ? 18 : 11;
  if (layout.headRowCount > 0) ws.views = [{ state: "frozen", ySplit: top + layout.headRowCount - 1 }];
}

/** The .xlsx file of a report (a published exchange document). */
export async function writeXlsx(doc: ReportDocument): Promise<Buffer> {
  const template = getTemplate(doc.template);
  const title = reportTitle(doc.agency.name, doc.year);
  const wb = new ExcelJS.Workbook();
  wb.creator = doc.agency.name;
  wb.title = title;
  wb.subject = template.documentName;
  wb.keywords = agencyKeywords(doc);
  wb.created = doc.issuedOn ? new Date(`${doc.issuedOn}T00:00:00Z`) : new Date(0);
  wb.modified = wb.created;

  const text = wb.addWorksheet(XLSX_TEXT_SHEET, { pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  text.getColumn(1).width = 100;
  const line = (value: ExcelJS.CellValue, style: Partial<ExcelJS.Style> = {}) => {
    const row = text.addRow([value]);
    const cell = row.getCell(1);
    cell.alignment = { wrapText: true, vertical: "top", ...style.alignment };
    if (style.font) cell.font = style.font;
  };
  line(title, { font: { bold: true, size: 16 }, alignment: { horizontal: "center" } });
  line(preambleText(doc.agency.name, doc.year, template, doc.contact), { font: { size: XLSX_BODY_FONT_SIZE } });
  const part = (key: OutlineKey) => {
    if (key === "overview" || key === "problems" || key === "other") {
      line(template.narrative[key].title, { font: { bold: true, size: 14 } });
      for (const block of markdownBlocks(doc.narrative[key] ?? "")) {
        const richText: ExcelJS.RichText[] = block.runs.map((r) => ({
          text: `${r.breakBefore ? "\n" : ""}${r.text}`,
          font: {
            bold: block.heading > 0 || r.bold ? true : undefined,
            italic: r.italic || undefined,
            size: block.heading > 0 ? XLSX_HEADING_FONT_SIZES[Math.min(block.heading, 6) - 1] : XLSX_BODY_FONT_SIZE,
          },
        }));
        line({ richText }, { font: block.heading > 0 ? { bold: true, size: XLSX_HEADING_FONT_SIZES[Math.min(block.heading, 6) - 1] } : { size: XLSX_BODY_FONT_SIZE } });
      }
    } else {
      line(template.sections[key].title, { font: { bold: true, size: 14 } });
      line(`（见工作表“${sheetName(template.sections[key].title)}”）`, { font: { size: XLSX_BODY_FONT_SIZE, italic: true } });
    }
  };
  template.outline.forEach(part);
  line(doc.agency.name, { alignment: { horizontal: "right" } });
  const date = formatChineseDate(doc.issuedOn);
  if (date) line(date, { alignment: { horizontal: "right" } });

  for (const section of ["proactive", "applications", "reviewLitigation"] as const) addTableSheet(wb, doc, section);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
