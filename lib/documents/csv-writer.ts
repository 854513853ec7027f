/**
 * CSV of a published report: long form, one line per figure (every cell of the
 * template's three tables, in official order), written by the app's one CSV writer
 * (lib/csv.ts: UTF-8 with a byte-order mark, RFC 4180, formula-safe). Keys for machines
 * (section, row, column: the exchange format's) and the verbatim labels for people.
 * Long form rather than the three printed tables: one shape for every template, and the
 * same columns as the region's bulk open data (figures.csv), so files can be concatenated
 * and summed.
 */
import { csvBytes, type CsvValue } from "@/lib/csv";
import type { ReportDocument } from "@/lib/exchange";
import { cellsOf, getTemplate, type CellKind } from "@/lib/templates";
import { formatFigure } from "./figures";

/** The long-form columns: a report's CSV and the region's figures.csv. */
export const CSV_HEADER = ["单位代码", "单位名称", "年度", "模板", "部分", "行", "列", "部分名称", "行名称", "列名称", "计量单位", "数值"] as const;

/** The figures of one report as CSV rows (without header), for this file and the bulk file. */
export function figureRows(doc: ReportDocument): CsvValue[][] {
  const template = getTemplate(doc.template);
  return cellsOf(template).map((cell) => [
    doc.agency.code,
    doc.agency.name,
    doc.year,
    doc.template,
    cell.section,
    cell.row,
    cell.column,
    template.sections[cell.section].title,
    cell.rowLabel,
    cell.columnLabel,
    cell.unit,
    formatFigure(doc[cell.section][cell.row]?.[cell.column], cell.kind as CellKind),
  ]);
}

/** The .csv file of a report (a published exchange document). */
export function writeCsv(doc: ReportDocument): Buffer {
  return csvBytes([CSV_HEADER, ...figureRows(doc)]);
}
