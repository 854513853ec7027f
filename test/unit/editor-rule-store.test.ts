// The editor's live rule results after one cell changes (only the rules that read it re-run)
// must equal a full check of the whole report, whatever the sequence of edits.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RuleStore, blankCells, documentToFormValues, planImport, parseDateText, formatDateText, type EditorValues } from "@/components/report-editor/model";
import { encodeFormRowKey, sectionsFromFormValues, type ReportDocument } from "@/lib/exchange";
import { cellsOf, effectiveValues, getTemplate, TEMPLATE_IDS, type TemplateId } from "@/lib/templates";
import { validateReport } from "@/lib/validation";
import { sampleDocument } from "./support";

function full(templateId: TemplateId, values: EditorValues, mode: "draft" | "submit") {
  const plain = sectionsFromFormValues(values);
  return validateReport(
    { templateId, sections: { proactive: plain.proactive, applications: plain.applications, reviewLitigation: plain.reviewLitigation } as never, narrative: values.narrative, contact: values.contact },
    { mode, lastYear: null },
  );
}

describe("RuleStore: a keystroke re-checks only the rules that read its cell", () => {
  it.each(TEMPLATE_IDS)("gives what a full check gives after any edits (template %s)", (id) => {
    const t = getTemplate(id);
    const inputs = cellsOf(t).filter((c) => !c.derived);
    const value = fc.oneof(fc.constant(null), fc.integer({ min: -3, max: 40 }), fc.constantFrom("—", "/", "无", "1.5"), fc.double({ min: 0, max: 9, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(inputs.length - 1), value), { minLength: 1, maxLength: 30 }), fc.boolean(), (edits, submit) => {
        const values = documentToFormValues(sampleDocument(id) as ReportDocument);
        const store = new RuleStore(id, null, values);
        store.mode = submit ? "submit" : "draft";
        store.update(values);
        for (const [i, v] of edits) {
          const c = inputs[i]!;
          const row = encodeFormRowKey(c.row);
          values[c.section] = { ...values[c.section], [row]: { ...values[c.section][row], [c.column]: v } };
          store.update(values, `${c.section}.${row}.${c.column}`);
        }
        const snap = store.get();
        expect(snap.violations).toEqual(full(id, values, submit ? "submit" : "draft"));
        const blanks = { proactive: 0, applications: 0, reviewLitigation: 0 };
        for (const c of blankCells(id, values)) blanks[c.section]++;
        expect(snap.blanks).toEqual(blanks);
        const plain = sectionsFromFormValues(values);
        const expected = effectiveValues(t, plain as never);
        for (const c of cellsOf(t).filter((c) => c.derived)) expect(snap.value(c.section, c.row, c.column)).toBe(expected(c.section, c.row, c.column));
      }),
      { numRuns: 40 },
    );
  });
});

describe("RuleStore: a keystroke tells only the keys whose snapshot changed, and every one of them", () => {
  it.each(TEMPLATE_IDS)("after any edit, each changed key was notified; few keys are (template %s)", (id) => {
    const t = getTemplate(id);
    const inputs = cellsOf(t).filter((c) => !c.derived);
    const value = fc.oneof(fc.constant(null), fc.integer({ min: -3, max: 40 }), fc.constantFrom("—", "1.5"), fc.double({ min: 0, max: 9, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(inputs.length - 1), value), { minLength: 1, maxLength: 20 }), fc.boolean(), (edits, submit) => {
        const values = documentToFormValues(sampleDocument(id) as ReportDocument);
        const store = new RuleStore(id, null, values);
        store.mode = submit ? "submit" : "draft";
        store.update(values);
        const fields = ["narrative.overview", "narrative.problems", "narrative.other", "contact.address", "contact.phone", "contact.email"];
        const read: Record<string, () => unknown> = {
          violations: () => store.get().violations.map((v) => v.message).join("\u0000"),
          blanks: () => JSON.stringify(store.get().blanks),
        };
        for (const c of cellsOf(t)) read[`issues:${c.id}`] = () => store.get().byCell.get(c.id)?.join("\n") ?? "";
        for (const c of inputs) read[`cell:${c.id}`] = () => store.get().cell(c.section, c.row, c.column);
        for (const f of fields) read[`issues:${f}`] = () => store.get().byCell.get(f)?.join("\n") ?? "";
        for (const c of cellsOf(t).filter((c) => c.derived)) read[`value:${c.id}`] = () => store.get().value(c.section, c.row, c.column);
        const told = new Set<string>();
        for (const key of Object.keys(read)) store.subscribe(key, () => told.add(key));
        for (const [i, v] of edits) {
          const c = inputs[i]!;
          const row = encodeFormRowKey(c.row);
          const before = Object.fromEntries(Object.entries(read).map(([k, f]) => [k, f()]));
          told.clear();
          values[c.section] = { ...values[c.section], [row]: { ...values[c.section][row], [c.column]: v } };
          store.update(values, `${c.section}.${row}.${c.column}`);
          for (const [k, f] of Object.entries(read)) if (!Object.is(f(), before[k])) expect(told, `${k} changed after ${c.id} = ${v}`).toContain(k);
          // a keystroke is not a broadcast to the whole form
          expect(told.size).toBeLessThan(40);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe("RuleStore: a grid input reads what it holds from the store", () => {
  it.each(TEMPLATE_IDS)("a value written into the form's own row object (as react-hook-form's setValue does) is told to that cell (template %s)", (id) => {
    const t = getTemplate(id);
    const values = documentToFormValues(sampleDocument(id) as ReportDocument);
    const store = new RuleStore(id, null, values);
    for (const c of cellsOf(t).filter((c) => !c.derived)) {
      const row = encodeFormRowKey(c.row);
      const next = c.id.length % 2 ? "—" : 7;
      if (Object.is(values[c.section][row]![c.column], next)) continue;
      let told = 0;
      const unsubscribe = store.subscribe(`cell:${c.id}`, () => told++);
      values[c.section][row]![c.column] = next; // in place: the same object the store was built from
      store.update(values, `${c.section}.${row}.${c.column}`);
      unsubscribe();
      expect(told, c.id).toBe(1);
      expect(store.get().cell(c.section, c.row, c.column)).toBe(next);
    }
  });
});

describe("从文件导入 planned before it happens", () => {
  const doc = sampleDocument("2021") as ReportDocument;
  it("counts the typed values a file would replace, keeps what the file lacks, and reads an imported table's blanks as 0", () => {
    const current = documentToFormValues({ ...doc, narrative: { overview: "我写的", problems: "", other: "" }, contact: { address: "", phone: "123", email: "" } });
    current.applications.received = { ...current.applications.received, naturalPerson: 999 };
    const file = structuredClone(doc);
    file.narrative = { overview: "文件的", problems: "文件的问题", other: "" };
    file.contact = { address: "文件地址", phone: "", email: "" };
    file.applications.granted!.commercial = null;
    const plan = planImport(current, file, false);
    expect(plan.overwrites).toContain("applications/received/naturalPerson");
    expect(plan.overwrites).toContain("narrative.overview");
    expect(plan.overwrites).not.toContain("narrative.problems"); // it was blank
    expect(plan.overwrites).not.toContain("contact.phone"); // the file has none: kept
    expect(plan.values.contact).toMatchObject({ address: "文件地址", phone: "123" });
    expect(plan.values.applications.granted!.commercial).toBe(0);
    expect(plan.zeros).toBe(1);
  });

  it("textOnly takes the narratives and contact, never a figure or the date", () => {
    const current = documentToFormValues(doc);
    const file = structuredClone(doc);
    file.applications.received!.naturalPerson = 12345;
    file.issuedOn = "2001-01-01";
    file.narrative = { ...file.narrative, other: "另一年的六" };
    const plan = planImport(current, file, true);
    expect(plan.values.applications.received!.naturalPerson).toBe(current.applications.received!.naturalPerson);
    expect(plan.values.issuedOn).toBe(current.issuedOn);
    expect(plan.values.narrative.other).toBe("另一年的六");
    expect(plan.overwrites).toEqual(["narrative.other"]);
  });
});

describe("成文日期 as a clerk types it", () => {
  it("takes 年/月/日 and the usual separators, refuses impossible dates, shows 年/月/日", () => {
    expect(parseDateText("2025年1月20日")).toBe("2025-01-20");
    expect(parseDateText(" 2025-01-20 ")).toBe("2025-01-20");
    expect(parseDateText("２０２５／1/2".replace("／", "/"))).toBe("2025-01-02");
    expect(parseDateText("2025.12.31")).toBe("2025-12-31");
    expect(parseDateText("")).toBeNull();
    expect(parseDateText("2025-02-30")).toBeUndefined();
    expect(parseDateText("01/20/2025")).toBeUndefined();
    expect(formatDateText("2025-01-20")).toBe("2025年1月20日");
    expect(formatDateText(null)).toBe("");
  });
});
