// On the pure libraries: money exact to the 分, reports as published
// (missing contact / issuedOn, null cells, data-quality notes), bounds, and every
// independent problem reported in one pass.
import { describe, expect, it } from "vitest";
import { checkReportDocument, checkReportJson, parseReportDocument, parseReportJson } from "@/lib/exchange";
import {
  decimalText,
  exactSum,
  inexactNumberLiterals,
  microsToText,
  normalizeDecimal,
  toMicros,
} from "@/lib/templates";
import { formatViolationLine, qualityNotesOf, validateDocument } from "@/lib/validation";
import { rawFixture } from "./support";

/** The seed report with its 2019 procurement amount set. */
function withAmount(amount: unknown) {
  const d = rawFixture();
  d.proactive.procurement.amount = amount;
  return d;
}

describe("money exact to the 分", () => {
  it("keeps 7539.443252 万元 exact through parsing, JSON text and sums", () => {
    const parsed = parseReportJson(JSON.stringify(withAmount(7539.443252)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.doc.proactive.procurement!.amount).toBe(7539.443252);
    expect(JSON.stringify(parsed.doc)).toContain('"amount":7539.443252');
    expect(toMicros(7539.443252)).toBe(7539443252n);
    expect(microsToText(7539443252n * 3n)).toBe("22618.329756");
    expect(exactSum([7539.443252, 7539.443252, 7539.443252])).toBe(22618.329756);
    // a float sum would not be exact; the exact one prints as written
    expect(decimalText(exactSum([0.1, 0.2]))).toBe("0.3");
  });

  it("writes figures as decimals, never with an exponent or trailing zeros", () => {
    expect(decimalText(1e-6)).toBe("0.000001");
    expect(decimalText(1e12)).toBe("1000000000000");
    expect(decimalText(12.5)).toBe("12.5");
    expect(normalizeDecimal("12.500000")).toBe("12.5");
    expect(normalizeDecimal("1.5e2")).toBe("150");
    expect(normalizeDecimal("-0.0")).toBe("0");
  });

  it("refuses a number a double cannot hold exactly instead of rounding it silently", () => {
    const text = JSON.stringify(withAmount(0)).replace('"amount":0', '"amount":123456789012.123456');
    expect(inexactNumberLiterals(text)).toEqual(["123456789012.123456"]);
    expect(inexactNumberLiterals('{"a":"123456789012.123456","b":7539.443252,"c":1.50}')).toEqual([]);
    const parsed = parseReportJson(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]).toContain("123456789012.123456 无法精确保存");
    const checked = checkReportJson(text);
    expect(checked.ok).toBe(false);
    expect(checked.lines[0]).toMatch(/^nonNegativeInteger .*无法精确保存/);
  });

  it("refuses a 7th decimal place (less than one 分)", () => {
    const r = checkReportDocument(withAmount(7539.4432521));
    expect(r.ok).toBe(false);
    expect(r.lines.join("\n")).toContain("最多 6 位小数");
  });
});

describe("bounds: validate refuses what the database cannot store", () => {
  it("refuses a count of 1e15 with a clear message", () => {
    const d = rawFixture();
    d.applications.received.naturalPerson = 1e15;
    const r = checkReportDocument(d);
    expect(r.ok).toBe(false);
    const line = r.lines.find((l) => l.includes("applications.received.naturalPerson"));
    expect(line).toMatch(/^nonNegativeInteger /);
    expect(line).toContain("数值过大");
    expect(line).toContain("1000000000000");
  });

  it("refuses money of 1e15 万元 and accepts 1e12", () => {
    expect(checkReportDocument(withAmount(1e15)).ok).toBe(false);
    expect(checkReportDocument(withAmount(1e12)).ok).toBe(true);
  });
});

describe("every problem at once", () => {
  it("reports a negative cell and a broken sum elsewhere in one pass (engine)", () => {
    const d = rawFixture();
    d.applications.granted.naturalPerson = -1; // invalid
    d.reviewLitigation.reconsideration.upheld = 2; // group total still 0: broken
    const vs = validateDocument(d as never, { mode: "submit" });
    const ids = vs.map((v) => v.ruleId);
    expect(ids).toContain("nonNegativeInteger");
    expect(ids).toContain("groupTotal");
    const group = vs.find((v) => v.ruleId === "groupTotal")!;
    expect(group.actual).toBe(0);
    expect(group.expected).toBe(2);
  });

  it("reports the negative cell, the broken sum and the not-checkable sums in one pass (file check, CLI and browser)", () => {
    const d = rawFixture();
    d.applications.received.commercial = -3;
    d.reviewLitigation.reconsideration.upheld = 2;
    const r = checkReportDocument(d);
    expect(r.ok).toBe(false);
    expect(r.lines.some((l) => l.startsWith("nonNegativeInteger applications.received.commercial"))).toBe(true);
    expect(r.lines.some((l) => l.startsWith("groupTotal ") && l.includes("reviewLitigation/reconsideration/total"))).toBe(true);
    // the sums the negative cell is part of: not checkable, naming it
    const notCheckable = r.violations.filter((v) => v.notCheckable);
    expect(notCheckable.map((v) => v.ruleId).sort()).toEqual(["balance", "rowTotal"]);
    for (const v of notCheckable) {
      expect(v.notCheckable).toEqual(["applications/received/commercial"]);
      expect(v.message).toContain("无法核对");
      expect(v.message).toContain("一、本年新收政府信息公开申请数量 商业企业（-3）");
      expect(formatViolationLine(v)).toMatch(/^(rowTotal|balance) applications\/received\/commercial: 无法核对 — /);
    }
  });

  it("names the invalid operand behind a derived total left blank", () => {
    const d = rawFixture();
    delete d.applications.handledTotal; // computed from the 办理结果 rows
    d.applications.granted.legal = "两件";
    const r = checkReportDocument(d);
    const balance = r.violations.find((v) => v.ruleId === "balance" && v.notCheckable);
    expect(balance?.notCheckable).toEqual(["applications/granted/legal"]);
    expect(balance?.message).toContain("（一）予以公开 法律服务机构（文字 \"两件\"）");
  });

  it("a stated total that is itself invalid makes its sum not checkable, and the others are still checked", () => {
    const d = rawFixture();
    d.reviewLitigation.reconsideration.total = 1.5;
    d.reviewLitigation.litigationDirect.pending = 4; // its total still 0
    const r = checkReportDocument(d);
    const byRule = r.violations.filter((v) => v.ruleId === "groupTotal");
    expect(byRule).toHaveLength(2);
    expect(byRule[0]!.notCheckable).toEqual(["reviewLitigation/reconsideration/total"]);
    expect(byRule[1]!.difference).toBe(-4);
  });
});

describe("reports as published (import --publish)", () => {
  function published() {
    const d = rawFixture();
    delete d.contact;
    delete d.issuedOn;
    d.applications.received.commercial = null; // printed blank
    d.applications.received.total = null; // derived: computed with the blank as 0
    return d;
  }
  /** a row of 三 with `n` applications of natural persons and its total saying so */
  function naturalPersonsOnly(d: ReturnType<typeof rawFixture>, row: string, n: number) {
    d.applications[row].naturalPerson = n;
    d.applications[row].total = n;
  }

  it("a missing contact and issuedOn and a null cell are refused as filed, accepted as published", () => {
    const strict = checkReportDocument(published());
    expect(strict.ok).toBe(false);
    expect(strict.lines.join("\n")).toContain("缺少联系方式（contact）");
    expect(strict.lines.join("\n")).toContain("缺少成文日期");
    expect(strict.lines.join("\n")).toContain("applications.received.commercial");

    const r = checkReportDocument(published(), { published: true });
    expect(r.lines).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.doc!.contact).toEqual({ address: "", phone: "", email: "" });
    expect(r.doc!.issuedOn).toBeNull();
    expect(r.doc!.applications.received!.commercial).toBeNull();
    expect(r.doc!.applications.received!.total).toBe(0);
  });

  it("accepts contact: null and partial contacts too", () => {
    const d = published();
    d.contact = null;
    expect(parseReportDocument(d, { published: true }).ok).toBe(true);
    d.contact = { phone: "0951-8061253" };
    const p = parseReportDocument(d, { published: true });
    expect(p.ok && p.doc.contact).toEqual({ address: "", phone: "0951-8061253", email: "" });
  });

  it("sums a blank as 0 and flags it in the notes", () => {
    const d = published();
    for (const row of ["received", "granted", "handledTotal"]) naturalPersonsOnly(d, row, 2);
    const r = checkReportDocument(d, { published: true });
    expect(r.lines).toEqual([]);
    const notes = qualityNotesOf(r.doc!, r.violations);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.id).toBe("blankCell");
    expect(notes[0]!.cells).toEqual(["applications/received/commercial"]);
    expect(notes[0]!.message).toContain("商业企业 原报告空白（按 0 计）");
  });

  it("turns a printed （七）总计 six below its rows into a public note naming both amounts", () => {
    const d = rawFixture();
    for (const row of ["granted", "received"]) naturalPersonsOnly(d, row, 6);
    // handledTotal left as printed: 0, six below its rows
    const r = checkReportDocument(d, { published: true });
    expect(r.ok).toBe(false);
    const notes = qualityNotesOf(r.doc!, r.violations);
    const handled = notes.find((n) => n.id === "handledTotal" && n.cells.includes("applications/handledTotal/naturalPerson"));
    expect(handled?.message).toBe(
      "三、收到和处理政府信息公开申请情况 · 自然人 列：三、办理结果（七）总计 原报告印为 0，（一）至（六）各项办理结果之和为 6，相差 6",
    );
    expect(notes.some((n) => n.id === "balance")).toBe(true);
  });
});
