/**
 * Report templates as data — the single declaration of every table, row, column,
 * label, unit and derived total of the two national formats.
 */
export * from "./types";
export { TEMPLATES, TEMPLATE_2019, TEMPLATE_2021, CONTACT_FIELDS, CONTACT_LABELS, FIELD_LABELS } from "./data";
export * from "./helpers";
export * from "./values";
export * from "./layout";
export * from "./decimal";
export { searchRowLabels } from "./search-labels";
