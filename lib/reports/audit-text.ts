// Long texts in the audit trail. Each draft save records what changed; a narrative can be
// 200,000 characters, so writing old and new in full made about 1 MB of audit per save. A
// text over AUDIT_TEXT_LIMIT characters is recorded as a digest instead: its length, a SHA-256
// of its content (to tell versions apart and check one against the report's stored text) and
// its first few characters. Short texts (addresses, phones, a short narrative) are kept whole.

/** Longer texts are recorded as a digest. */
export const AUDIT_TEXT_LIMIT = 200;
/** How many leading characters a digest keeps, for people to recognise the text. */
export const AUDIT_TEXT_START = 20;

export interface TextDigest {
  /** length in characters (code points), as people count 字 */
  chars: number;
  /** hex SHA-256 of the UTF-8 text */
  sha256: string;
  /** its first characters */
  start: string;
}

export function isTextDigest(v: unknown): v is TextDigest {
  return !!v && typeof v === "object" && typeof (v as TextDigest).chars === "number" && typeof (v as TextDigest).sha256 === "string";
}

/** Character count of an audit value: a digest's, a string's, 0 for blank. */
export function auditTextChars(v: unknown): number {
  if (isTextDigest(v)) return v.chars;
  return typeof v === "string" ? [...v].length : 0;
}

/** "一、总体情况已修改（1,234 → 1,300 字）" */
export function describeLongTextChange(label: string, before: unknown, after: unknown): string {
  const n = (v: unknown) => auditTextChars(v).toLocaleString("en-US");
  return `${label}已修改（${n(before)} → ${n(after)} 字）`;
}
