import "server-only";
// The region's on-time record as files (CSV and Excel), one line per agency × reporting year.
// CSV: UTF-8 with BOM and CRLF through the project's one CSV writer (lib/csv.ts, which also keeps
// fields from being read as formulas); Excel: one sheet, dates as dates.
import ExcelJS from "exceljs";
import { csvBytes } from "@/lib/csv";
import { chinaDay, LATENESS_LABELS } from "@/lib/reports/lateness";
import type { LatenessRecordRow } from "./region-lateness";

export const LATENESS_COLUMNS = ["单位代码", "单位名称", "年度", "截止日期", "首次发布日期", "状态", "逾期天数"] as const;

/** 逾期天数: of a late publication, or so far of a report still missing; blank otherwise. */
function daysLate(r: LatenessRecordRow): number | null {
  return r.lateness.kind === "LATE" || r.lateness.kind === "OVERDUE" ? r.lateness.daysLate : null;
}

function fields(r: LatenessRecordRow) {
  return [r.agencyCode, r.agencyName, r.year, r.deadlineDay, r.firstPublishedAt ? chinaDay(r.firstPublishedAt) : null, LATENESS_LABELS[r.lateness.kind], daysLate(r)] as const;
}

export function latenessCsv(rows: LatenessRecordRow[]): Buffer {
  return csvBytes([LATENESS_COLUMNS, ...rows.map(fields)]);
}

/** A calendar day as an Excel date (UTC midnight, so no zone moves it). */
const excelDate = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`) : null);

export async function latenessXlsx(regionName: string, rows: LatenessRecordRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.title = `${regionName}年度报告按期发布情况`;
  const ws = wb.addWorksheet("按期发布情况", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = [
    { header: LATENESS_COLUMNS[0], width: 16 },
    { header: LATENESS_COLUMNS[1], width: 28 },
    { header: LATENESS_COLUMNS[2], width: 8 },
    { header: LATENESS_COLUMNS[3], width: 13, style: { numFmt: "yyyy-mm-dd" } },
    { header: LATENESS_COLUMNS[4], width: 13, style: { numFmt: "yyyy-mm-dd" } },
    { header: LATENESS_COLUMNS[5], width: 10 },
    { header: LATENESS_COLUMNS[6], width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const [code, name, year, deadline, first, status, late] = fields(r);
    ws.addRow([code, name, year, excelDate(deadline), excelDate(first), status, late]);
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LATENESS_COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
