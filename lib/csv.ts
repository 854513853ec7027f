/**
 * The one CSV writer of the app: every CSV download (a report's, a region's roll-up, the
 * region's long figures file, any export) is written through it.
 * - UTF-8 with a byte-order mark, so that Excel and WPS open the Chinese intact;
 * - RFC 4180: a field holding a comma, quote or line break is quoted, quotes doubled; CRLF line ends;
 * - formula-safe (docs/product.md "Downloads and open data"): a field a spreadsheet would run as a formula —
 *   beginning with `=`, `+`, `@`, a tab or a carriage return, or with `-` unless the field is a
 *   plain negative number — is written as text with a leading `'`. Names typed by people
 *   (`=HYPERLINK("http://…"&A1,"点击")`) thus stay text; figures such as -3 stay numbers.
 */

export const CSV_BOM = "\uFEFF";

export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A field as a spreadsheet must read it: text that would start a formula gets a leading `'`. */
export function defuseFormula(text: string): string {
  if (FORMULA_START.test(text) || (text.startsWith("-") && !PLAIN_NUMBER.test(text))) return `'${text}`;
  return text;
}

/** One CSV field: formula-safe, then quoted when it holds a comma, quote or line break. */
export function csvField(value: CsvValue): string {
  const text = value === null || value === undefined ? "" : typeof value === "number" ? String(value) : defuseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated. */
export function csvLine(fields: readonly CsvValue[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/** A whole CSV file's text: the byte-order mark, then every line. */
export function csvText(rows: readonly (readonly CsvValue[])[]): string {
  return CSV_BOM + rows.map(csvLine).join("");
}

/** A whole CSV file as UTF-8 bytes. */
export function csvBytes(rows: readonly (readonly CsvValue[])[]): Buffer {
  return Buffer.from(csvText(rows), "utf8");
}
