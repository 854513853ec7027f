/**
 * Matching printed labels to the template's labels: tolerant of whitespace, full-width /
 * half-width forms (（）：，．１ …), quotes, and an ordinal printed differently or left out.
 */

/** Canonical form of a printed label for comparison. */
export function normalizeLabel(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\s\u00a0\u3000]/g, "")
    .replace(/[“”"'‘’「」『』]/g, "")
    .replace(/[．。]$/u, "")
    .replace(/．/g, ".")
    .replace(/[－—–]/g, "-");
}

const ORDINAL = /^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+[.、])/u;

/** The label without its leading ordinal ("（一）予以公开" → "予以公开"). */
export function withoutOrdinal(normalized: string): string {
  return normalized.replace(ORDINAL, "");
}

export interface LabelCandidate<K> {
  key: K;
  labels: readonly string[];
}

/**
 * The candidate whose label the text is: the same label once normalized; or, when that
 * finds none, the same label without its ordinal (only for labels of 3 characters or more
 * left, so that "总计" never passes for "（七）总计"). Undefined when none or ambiguous.
 */
export function matchLabel<K>(text: string, candidates: readonly LabelCandidate<K>[]): K | undefined {
  const n = normalizeLabel(text);
  if (!n) return undefined;
  const exact = candidates.filter((c) => c.labels.some((l) => normalizeLabel(l) === n));
  if (exact.length === 1) return exact[0]!.key;
  if (exact.length > 1) return undefined;
  const bare = withoutOrdinal(n);
  if (bare.length < 3) return undefined;
  const loose = candidates.filter((c) =>
    c.labels.some((l) => {
      const lb = withoutOrdinal(normalizeLabel(l));
      return lb.length >= 3 && lb === bare;
    }),
  );
  return loose.length === 1 ? loose[0]!.key : undefined;
}
