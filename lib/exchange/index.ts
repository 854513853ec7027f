/**
 * The exchange format (docs/product.md "Exchange format"): zod schemas built from the template
 * data, parsing with Chinese messages, derived cells, flattening to cells, canonical JSON.
 */
export * from "./schema";
export * from "./document";
export * from "./check";
export type { CellValue, SectionValues, ReportSections } from "@/lib/templates";
