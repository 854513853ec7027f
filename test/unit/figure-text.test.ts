// One reading of a figure written as text, shared by the editor (typed and pasted cells),
// the server (a draft's text cells) and the document readers (Word and Excel tables).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatFigure, readFigure } from "@/lib/documents/figures";
import { parseCellText } from "@/components/report-editor/model";
import { decimalText, MAX_CELL_VALUE, parseFigureText } from "@/lib/templates";

describe("parseFigureText", () => {
  it.each([
    ["12", 12],
    [" １２ ", 12],
    ["1,234", 1234],
    ["1,234,567.5", 1234567.5],
    ["１，２３４", 1234],
    ["−3", -3],
    ["–3", -3],
    ["－3", -3],
    ["+7", 7],
    [".5", 0.5],
    ["5.", 5],
    ["-0", 0],
    ["7539.443252", 7539.443252],
    ["1 234", 1234],
    ["", null],
    ["　", null],
  ] as const)("reads %j as %j", (text, value) => {
    expect(parseFigureText(text)).toMatchObject({ ok: true, value });
  });

  it.each(["—", "无", "十二", "12件", "1,23", "1234,567", "1.2.3", "1e3", "Infinity", "0x10", "123456789012345678", "-"])("does not guess at %j", (text) => {
    expect(parseFigureText(text)).toEqual({ ok: false });
  });

  it("the editor, the server's draft and the documents read the same numbers", () => {
    for (const text of ["1,234", " １２ ", "−3", "—", "7539.443252", "123456789012345678"]) {
      const one = parseFigureText(text);
      expect(parseCellText(text)).toEqual(one.ok ? { ok: true, value: one.value } : { ok: false, text: text.trim() });
      expect(readFigure(text, "signedCount").ok || readFigure(text, "money").ok).toBe(one.ok);
    }
  });

  it("every figure within bounds reads back from its printed text exactly", () => {
    const money = fc.integer({ min: 0, max: 10 ** 15 }).map((micros) => Number(decimalText(micros / 1e6)));
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -MAX_CELL_VALUE, max: MAX_CELL_VALUE }).map((n) => ["signedCount", n] as const), money.map((n) => ["money", n] as const)), ([kind, n]) => {
        expect(parseFigureText(decimalText(n))).toMatchObject({ ok: true, value: n });
        expect(readFigure(formatFigure(n, kind), kind)).toEqual({ ok: true, value: n });
      }),
    );
  });
});
