import "server-only";
// The region statistics and bulk data as files: the roll-up as JSON (exchange shape with
// exact decimal sums) and CSV, the long CSV of every published figure, the ZIP of documents.
import JSZip from "jszip";
import { PUBLIC_CACHE_CONTROL } from "@/lib/http/cache-control";
import { canonicalJsonText } from "@/lib/exchange";
import { csvLine, CSV_BOM } from "@/lib/csv";
import { CSV_HEADER, figureRows } from "@/lib/documents/csv-writer";
import { formatDecimal } from "@/lib/templates/decimal";
import { cellsOf, getTemplate, SECTION_KEYS } from "@/lib/templates";
import { publishedDocumentsUnder } from "./published-documents";
import type { RegionRollup } from "./region-rollup";

/** Headers of every public statistics response (validators: region-validators.ts). */
export const PUBLIC_CACHE_HEADERS = { "Cache-Control": PUBLIC_CACHE_CONTROL };

const DECIMAL_MARK = "\u0001decimal:";

/**
 * GET /api/regions/CODE/YEAR as JSON text. The sums are written as JSON numbers straight
 * from PostgreSQL's NUMERIC text, so no float ever rounds a national sum.
 */
export function regionRollupJson(r: RegionRollup): string {
  const sections = Object.fromEntries(
    SECTION_KEYS.map((s) => [
      s,
      Object.fromEntries(
        Object.entries(r.sections[s]).map(([row, cols]) => [row, Object.fromEntries(Object.entries(cols).map(([c, v]) => [c, DECIMAL_MARK + v]))]),
      ),
    ]),
  );
  const body = {
    region: { code: r.region.code, name: r.region.name, level: r.region.level },
    year: r.year,
    template: r.template,
    reportCount: r.reportCount,
    ...sections,
  };
  return JSON.stringify(body, null, 2).replace(/"\\u0001decimal:(-?\d+(?:\.\d+)?)"/g, "$1");
}

export const REGION_CSV_COLUMNS = [
  "region_code",
  "region_name",
  "year",
  "template",
  "report_count",
  "section",
  "row",
  "column",
  "value",
  "row_label",
  "column_label",
] as const;

/** The roll-up as CSV: one line per cell of the year's template. */
export function regionRollupCsv(r: RegionRollup): string {
  let out = CSV_BOM + csvLine(REGION_CSV_COLUMNS);
  for (const cell of cellsOf(getTemplate(r.template))) {
    out += csvLine([
      r.region.code,
      r.region.name,
      r.year,
      r.template,
      r.reportCount,
      cell.section,
      cell.row,
      cell.column,
      formatDecimal(r.sections[cell.section][cell.row]?.[cell.column]),
      cell.rowLabel,
      cell.columnLabel,
    ]);
  }
  return out;
}

/** The long CSV's columns: those of a report's own CSV (lib/documents/csv-writer.ts), so files concatenate. */
export const FIGURES_CSV_COLUMNS = CSV_HEADER;

/** The long CSV (one line per figure of every published report under the region), streamed per report. */
export function figuresCsvStream(regionCode: string, year: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const documents = publishedDocumentsUnder(regionCode, year);
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(FIGURES_CSV_COLUMNS)));
        return;
      }
      const next = await documents.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(figureRows(next.value.document).map(csvLine).join("")));
    },
    async cancel() {
      await documents.return(undefined);
    },
  });
}

/** A ZIP of the exchange documents (one `AGENCY-YEAR.json` each), read in batches. */
export async function reportsZip(regionCode: string, year: number): Promise<{ zip: JSZip; count: number }> {
  const zip = new JSZip();
  let count = 0;
  for await (const row of publishedDocumentsUnder(regionCode, year)) {
    zip.file(`${row.agencyCode}-${year}.json`, canonicalJsonText(row.document) + "\n");
    count++;
  }
  return { zip, count };
}
