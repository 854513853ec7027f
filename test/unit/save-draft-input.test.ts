// readSaveDraftInput (lib/server/reports/save-draft.ts) reads the editor's save as
// saveDraftInputSchema does, sparing the schema's machinery when its checks certainly pass:
// same answer for anything, and the schema left alone for what the editor sends.
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { documentToFormValues, formValuesToEntries } from "@/components/report-editor/model";
import { cellsOf, getTemplate } from "@/lib/templates";
import { readSaveDraftInput, saveDraftInputSchema } from "@/lib/server/reports/save-draft";
import { setPath } from "../support/set-path";
import { sampleDocument } from "./support";

vi.mock("server-only", () => ({}));

function editorBody(): Record<string, any> {
  const doc = sampleDocument("2021");
  const firstInput = cellsOf(getTemplate("2021")).find((c) => !c.derived)!;
  const entries = formValuesToEntries(documentToFormValues(doc, { [firstInput.id]: "—" }));
  return { reportId: "r-1", expectedVersion: 7, entries, base: structuredClone(entries) };
}

const viaSchema = (body: unknown) => {
  const r = saveDraftInputSchema.safeParse(structuredClone(body));
  return r.success ? r.data : null;
};

const anyValue = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, 0, -1, 1.5, 2 ** 53, "", "x", "a\u0000b", "\ud800", "x".repeat(65), true, [], [1], {}, { x: 1 }, { a: { b: 1 } }, { a: null }, { a: [] }),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 6 }),
);

const paths = [
  ["reportId"], ["expectedVersion"], ["entries"], ["base"], ["extra"],
  ...["entries", "base"].flatMap((e) => [
    [e, "issuedOn"], [e, "contact"], [e, "contact", "email"], [e, "contact", "fax"], [e, "narrative"], [e, "narrative", "overview"], [e, "narrative", "x"],
    [e, "applications"], [e, "applications", "received"], [e, "applications", "received", "naturalPerson"], [e, "applications", "a\u0000"], [e, "applications", "received", "\udc00"],
    [e, "proactive"], [e, "reviewLitigation"], [e, "other"],
  ]),
];


describe("readSaveDraftInput", () => {
  it("reads what the editor sends without the schema, as the schema reads it", () => {
    const body = editorBody();
    const parse = vi.spyOn(saveDraftInputSchema, "safeParse");
    expect(readSaveDraftInput(body)).toEqual(viaSchema(body));
    expect(readSaveDraftInput(body)).not.toBeNull();
    parse.mockClear();
    readSaveDraftInput(body);
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
  });

  it("answers as the schema for any change to a save", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...paths), anyValue), { minLength: 1, maxLength: 3 }), (changes) => {
        const body = editorBody();
        for (const [path, value] of changes) setPath(body, path, value);
        const input = JSON.parse(JSON.stringify(body)) as unknown;
        expect(readSaveDraftInput(input)).toEqual(viaSchema(input));
      }),
      { numRuns: 3000 },
    );
  });
});
