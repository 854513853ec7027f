/**
 * Validation engine: the rules of docs/product.md "Validation rules", declared as data
 * (./rules.ts, generated from the template) and evaluated by one engine (./engine.ts).
 */
import type { NarrativeKey, ReportSectionsInput, TemplateId } from "@/lib/templates";
import { validateReport, type ValidationOptions, type Violation } from "./engine";

export * from "./rules";
export * from "./engine";
export * from "./quality-notes";

/** Validates an exchange-format document (or anything shaped like one). */
export function validateDocument(
  doc: {
    template: TemplateId;
    narrative?: Partial<Record<NarrativeKey, string | null | undefined>> | null;
    contact?: Partial<Record<"address" | "phone" | "email", string | null | undefined>> | null;
  } & ReportSectionsInput,
  options: ValidationOptions,
): Violation[] {
  return validateReport(
    {
      templateId: doc.template,
      sections: { proactive: doc.proactive, applications: doc.applications, reviewLitigation: doc.reviewLitigation },
      narrative: doc.narrative,
      contact: doc.contact,
    },
    options,
  );
}
