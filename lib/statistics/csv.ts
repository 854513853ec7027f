// CSV as SPEC wants it: UTF-8 with a byte-order mark (Excel opens the Chinese intact),
// RFC 4180 quoting, CRLF line ends.

export const CSV_BOM = "\uFEFF";

export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

export function csvText(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return CSV_BOM + rows.map(csvLine).join("");
}
