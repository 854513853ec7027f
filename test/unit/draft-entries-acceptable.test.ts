// draftEntriesAcceptable (lib/exchange/schema.ts) spares the save the draft schema's machinery
// when its checks certainly pass: whatever it accepts, the schema must accept unchanged, and
// what the editor sends must be accepted by it (or the save gains nothing).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { documentToFormValues, formValuesToEntries } from "@/components/report-editor/model";
import { draftEntriesAcceptable, draftEntriesSchema, MAX_CELL_TEXT_LENGTH, MAX_NARRATIVE_LENGTH, MAX_SHORT_TEXT_LENGTH } from "@/lib/exchange";
import { cellsOf, getTemplate, MAX_CELL_VALUE, TEMPLATE_IDS, type TemplateId } from "@/lib/templates";
import { setPath } from "../support/set-path";
import { sampleDocument } from "./support";

/** what the editor sends for the sample report, with a text kept in one cell */
function editorEntries(templateId: TemplateId) {
  const doc = sampleDocument(templateId);
  const firstInput = cellsOf(getTemplate(templateId)).find((c) => !c.derived)!;
  return formValuesToEntries(documentToFormValues(doc, { [firstInput.id]: "—" })) as Record<string, any>;
}

const schemaAccepts = (templateId: TemplateId, input: unknown) => {
  const r = draftEntriesSchema(templateId).safeParse(structuredClone(input));
  return r.success ? { ok: true as const, data: r.data } : { ok: false as const };
};

/** values a save may carry anywhere: valid and invalid figures, texts, shapes */
const anyValue = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    0,
    -0,
    -1,
    1.5,
    0.1234567,
    12.345678,
    MAX_CELL_VALUE,
    MAX_CELL_VALUE * 10,
    1e300,
    "",
    " ",
    "—",
    "无",
    "12",
    "１,２３４",
    "1e3",
    "99999999999999999999",
    "<script>",
    "a\u0000b",
    "\u202e",
    "x".repeat(MAX_CELL_TEXT_LENGTH + 1),
    "x".repeat(MAX_SHORT_TEXT_LENGTH + 1),
    "2024-02-30",
    "2024-02-29",
    "2024-2-1",
    "a@b.cn",
    " a@b.cn ",
    "not an e-mail",
    true,
    [],
    [1],
    {},
    { x: 1 },
  ),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 8 }),
);

function pathsOf(templateId: TemplateId) {
  const paths: string[][] = [["issuedOn"], ["contact"], ["narrative"], ["proactive"], ["applications"], ["reviewLitigation"], ["extra"], ["__proto__"]];
  for (const k of ["address", "phone", "email", "fax"]) paths.push(["contact", k]);
  for (const k of ["overview", "problems", "other", "title"]) paths.push(["narrative", k]);
  for (const c of cellsOf(getTemplate(templateId))) {
    paths.push([c.section, c.row, c.column], [c.section, c.row], [c.section, c.row, "nope"]);
  }
  paths.push(["applications", "nope"], ["applications", "nope", "total"]);
  return paths;
}


describe("draftEntriesAcceptable", () => {
  for (const templateId of TEMPLATE_IDS) {
    it(`accepts what the editor sends (template ${templateId}), as the schema does`, () => {
      const entries = editorEntries(templateId);
      expect(draftEntriesAcceptable(templateId, entries)).toBe(true);
      expect(schemaAccepts(templateId, entries)).toEqual({ ok: true, data: entries });
      expect(draftEntriesAcceptable(templateId, {})).toBe(true);
    });

    it(`accepts nothing the schema refuses (template ${templateId}): random changes to an editor save`, () => {
      const paths = pathsOf(templateId);
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.constantFrom(...paths), anyValue), { minLength: 1, maxLength: 3 }), (changes) => {
          const entries = editorEntries(templateId);
          for (const [path, value] of changes) setPath(entries, path, value);
          const input = JSON.parse(JSON.stringify(entries)) as unknown;
          if (draftEntriesAcceptable(templateId, input)) expect(schemaAccepts(templateId, input)).toEqual({ ok: true, data: input });
        }),
        { numRuns: 3000 },
      );
    });
  }

  it("leaves to the schema what it cannot vouch for", () => {
    const entries = () => editorEntries("2021");
    const cases: [string, (e: Record<string, any>) => void][] = [
      ["an unknown part", (e) => (e.agency = {})],
      ["an unknown row", (e) => (e.applications.nope = {})],
      ["an unknown column", (e) => (e.applications.received.nope = 1)],
      ["a figure in a derived cell", (e) => (e.applications.received.total = 3)],
      ["a figure past the largest", (e) => (e.applications.received.naturalPerson = MAX_CELL_VALUE * 10)],
      ["a long text in a cell", (e) => (e.applications.received.naturalPerson = "x".repeat(MAX_CELL_TEXT_LENGTH + 1))],
      ["a bad e-mail", (e) => (e.contact.email = "not an e-mail")],
      ["a blank contact field as null", (e) => (e.contact.phone = null)],
      ["a long narrative", (e) => (e.narrative.other = "x".repeat(MAX_NARRATIVE_LENGTH + 1))],
      ["a date that is none", (e) => (e.issuedOn = "2024-02-30")],
      ["a row as null", (e) => (e.applications.received = null)],
      ["an array for a section", (e) => (e.proactive = [])],
    ];
    for (const [what, change] of cases) {
      const e = entries();
      change(e);
      expect(draftEntriesAcceptable("2021", e), what).toBe(false);
    }
  });
});
