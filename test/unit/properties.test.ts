import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseReportDocument, withDerivedCells, type ReportDocument } from "@/lib/exchange";
import { TEMPLATE_IDS, cellsOf, getTemplate, type CellDef, type TemplateId } from "@/lib/templates";
import { validateDocument, type RuleId } from "@/lib/validation";
import { BALANCE_ROWS, consistentSections, fixture, freeCellCount, resultRows } from "./support";

const RUNS = { numRuns: 200 };

/** random consistent documents: free cells random, totals and 一、本年新收 computed by hand */
function consistentDoc(templateId: TemplateId) {
  const n = freeCellCount(templateId);
  const value = fc.oneof(fc.constant(0), fc.integer({ min: -100_000, max: 100_000 }));
  return fc.array(value, { minLength: n, maxLength: n }).map((free): ReportDocument => {
    const base = fixture();
    return {
      ...base,
      template: templateId,
      year: templateId === "2019" ? 2020 : 2023,
      ...consistentSections(templateId, (i) => free[i]!),
    };
  });
}

/** the rules a change to this cell must trip (worked out from docs/product.md, not from the engine) */
function governingRules(templateId: TemplateId, cell: CellDef): RuleId[] {
  if (cell.section === "proactive") return ["nonNegativeInteger"]; // no equation: make it invalid instead
  if (cell.section === "reviewLitigation") return ["groupTotal"];
  const rules: RuleId[] = ["rowTotal"];
  if (resultRows(templateId).includes(cell.row) || cell.row === "handledTotal") rules.push("handledTotal");
  if ((BALANCE_ROWS as readonly string[]).includes(cell.row)) rules.push("balance");
  return rules;
}

function invalidValueFor(cell: CellDef, v: number, delta: number): number {
  switch (cell.kind) {
    case "count":
      return delta % 2 === 0 ? -Math.abs(delta) : v + 0.5;
    case "signedCount":
      return v + 0.5;
    case "money":
      return delta % 2 === 0 ? -Math.abs(delta) : v + 0.0000001; // a 7th decimal place: less than one 分
  }
}

describe.each(TEMPLATE_IDS)("properties, template %s", (id) => {
  const cells = cellsOf(getTemplate(id));
  const options = (doc: ReportDocument) =>
    ({ mode: "submit", lastYear: { carriedForward: { ...doc.applications.carriedOver! } } }) as const;

  it("random consistent reports pass every rule", () => {
    fc.assert(
      fc.property(consistentDoc(id), (doc) => {
        expect(validateDocument(doc, options(doc))).toEqual([]);
        const parsed = parseReportDocument(JSON.parse(JSON.stringify(doc)));
        expect(parsed.ok).toBe(true);
      }),
      RUNS,
    );
  });

  it("random consistent reports with the totals left out derive the same totals", () => {
    fc.assert(
      fc.property(consistentDoc(id), (doc) => {
        const stripped = structuredClone(doc);
        for (const c of cells) if (c.derived) stripped[c.section][c.row]![c.column] = null;
        expect(validateDocument(stripped, options(doc))).toEqual([]);
        expect(withDerivedCells(stripped)).toEqual(doc);
      }),
      RUNS,
    );
  });

  it("any single-cell change is caught by the rules that govern that cell", () => {
    const delta = fc.integer({ min: 1, max: 9 }).chain((d) => fc.constantFrom(d, -d));
    fc.assert(
      fc.property(consistentDoc(id), fc.nat(cells.length - 1), delta, (doc, i, d) => {
        const cell = cells[i]!;
        const row = doc[cell.section][cell.row]!;
        const v = row[cell.column]!;
        if (cell.section === "proactive") row[cell.column] = invalidValueFor(cell, v, d);
        else row[cell.column] = v + d >= 0 ? v + d : v + Math.abs(d);
        const violations = validateDocument(doc, options(doc));
        for (const rule of governingRules(id, cell)) {
          const hit = violations.find((x) => x.ruleId === rule && x.cells.includes(cell.id));
          expect(hit, `${rule} should flag ${cell.id}`).toBeDefined();
          expect(hit!.severity).toBe("error");
          if (rule !== "nonNegativeInteger") expect(Math.abs(hit!.difference!)).toBe(Math.abs(row[cell.column]! - v));
        }
        expect(violations.every((x) => x.ruleId !== "required")).toBe(true);
      }),
      RUNS,
    );
  });

  it("blanks are fine in a draft, and on submit every blank is reported by `required` only", () => {
    fc.assert(
      fc.property(consistentDoc(id), fc.uniqueArray(fc.nat(cells.length - 1), { maxLength: 20 }), (doc, blanks) => {
        for (const i of blanks) {
          const c = cells[i]!;
          doc[c.section][c.row]![c.column] = null;
        }
        expect(validateDocument(doc, { mode: "draft" })).toEqual([]);
        const submitted = validateDocument(doc, { mode: "submit" });
        expect(submitted.every((v) => v.ruleId === "required")).toBe(true);
        const reported = new Set(submitted.flatMap((v) => v.cells));
        const expected = blanks.map((i) => cells[i]!).filter((c) => !c.derived).map((c) => c.id);
        expect([...reported].sort()).toEqual(expected.sort());
      }),
      RUNS,
    );
  });
});
