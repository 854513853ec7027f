/**
 * Exact decimal arithmetic for report figures.
 *
 * How a figure travels: a cell value is a JS number everywhere (documents, forms, the
 * rule engine), and a number is accepted only when it is exactly the decimal that was
 * written — the shortest decimal of the double, `String(n)`, is the figure. Money has at
 * most 6 places (1 分 = 0.000001 万元) and every figure is at most 1e12 in size, so a
 * figure with up to 15 significant digits is always exact as a double; one with more
 * digits (e.g. `123456789012.123456`) is refused where the text is read
 * (inexactNumberLiterals), never silently rounded. Sums and comparisons never add
 * doubles: each figure is turned into an integer count of micro-units (1e-6) as a
 * BigInt, from its decimal text, and added exactly. PostgreSQL stores NUMERIC(20,6) and
 * gives the figure back as decimal text ("1234.560000"): sums read from it stay text
 * (formatDecimal, textToMicros) on their way to a page, a CSV or the JSON API.
 */

/** Decimal places a figure may have (money: 1 分 = 0.000001 万元). */
export const DECIMAL_SCALE = 6;
const MICROS_PER_UNIT = 10n ** BigInt(DECIMAL_SCALE);

/**
 * The plain decimal text of a finite number, without exponent: `1e-7` → "0.0000001",
 * `1e21` → "1000000000000000000000", `7539.443252` → "7539.443252".
 */
export function decimalText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return normalizeDecimal(String(n)) ?? String(n);
}

/**
 * A decimal literal (JSON number syntax, exponent allowed) in plain, canonical form:
 * no exponent, no leading zeros, no trailing fractional zeros, "-0" → "0".
 * Null when the text is not a number literal.
 */
export function normalizeDecimal(text: string): string | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) return null;
  const [, sign, int, frac = "", exp = "0"] = m;
  let digits = `${int}${frac}`;
  let point = int!.length + Number(exp);
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += "0".repeat(point - digits.length);
  const whole = digits.slice(0, point).replace(/^0+/, "") || "0";
  const fraction = digits.slice(point).replace(/0+$/, "");
  const body = fraction ? `${whole}.${fraction}` : whole;
  return body === "0" ? "0" : `${sign}${body}`;
}

/** Number of decimal places a figure is written with (`String(n)`, exponent resolved). */
export function decimalPlacesOf(n: number): number {
  const t = decimalText(n);
  const i = t.indexOf(".");
  return i < 0 ? 0 : t.length - i - 1;
}

/**
 * The figure as an exact count of micro-units (1e-6). Figures with more than 6 places
 * are truncated here; the kind rules refuse them before any sum sees them.
 */
export function toMicros(n: number): bigint {
  const t = decimalText(n);
  const negative = t.startsWith("-");
  const [int, frac = ""] = (negative ? t.slice(1) : t).split(".");
  const micros = BigInt(int!) * MICROS_PER_UNIT + BigInt((frac + "0".repeat(DECIMAL_SCALE)).slice(0, DECIMAL_SCALE));
  return negative ? -micros : micros;
}

/** Micro-units as plain decimal text: 7539443252n → "7539.443252", 5000000n → "5". */
export function microsToText(micros: bigint): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const int = abs / MICROS_PER_UNIT;
  const frac = (abs % MICROS_PER_UNIT).toString().padStart(DECIMAL_SCALE, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${int}${frac ? `.${frac}` : ""}`;
}

/** Micro-units as a number (exact for every sum of figures within the bounds). */
export function microsToNumber(micros: bigint): number {
  return Number(microsToText(micros));
}

/** The exact sum of figures, as a number. */
export function exactSum(values: readonly number[]): number {
  return microsToNumber(values.reduce((acc, v) => acc + toMicros(v), 0n));
}

/** True when the number is exactly the decimal the literal says (`1.50` and `1.5e0` are 1.5). */
export function literalIsExact(literal: string): boolean {
  const n = Number(literal);
  if (!Number.isFinite(n)) return false;
  return normalizeDecimal(literal) === decimalText(n);
}

/**
 * Number literals in JSON text that a double cannot hold exactly (more than ~15
 * significant digits, or beyond the double range): JSON.parse would round them
 * silently, so they are refused where the file is read. Strings are skipped.
 */
export function inexactNumberLiterals(jsonText: string): string[] {
  const out: string[] = [];
  const re = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
  for (const m of jsonText.matchAll(re)) {
    const token = m[0];
    if (token.startsWith('"')) continue;
    if (!literalIsExact(token)) out.push(token);
  }
  return out;
}

const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;

/** NUMERIC text as PostgreSQL prints it, canonical: "1234.560000" → "1234.56", "-3.000000" → "-3"; null/blank → "0". */
export function formatDecimal(text: string | null | undefined): string {
  if (text === null || text === undefined || text === "") return "0";
  if (!NUMERIC_TEXT.test(text)) throw new Error(`not a decimal: ${text}`);
  return normalizeDecimal(text)!;
}

/** Decimal text ("7539.443252", NUMERIC's "5.000000") as exact micro-units; more than 6 places is an error. */
export function textToMicros(text: string): bigint {
  const normal = formatDecimal(text);
  const negative = normal.startsWith("-");
  const [int, frac = ""] = (negative ? normal.slice(1) : normal).split(".");
  if (frac.length > DECIMAL_SCALE) throw new Error(`more than ${DECIMAL_SCALE} decimal places: ${text}`);
  const micros = BigInt(int!) * MICROS_PER_UNIT + BigInt(frac.padEnd(DECIMAL_SCALE, "0"));
  return negative ? -micros : micros;
}

/** `part` (≥ 0) as a percentage of `whole` with one decimal ("42.9%"), or "—" when whole is 0. */
export function formatShare(part: string, whole: string): string {
  const w = textToMicros(whole);
  if (w <= 0n) return "—";
  const tenths = (textToMicros(part) * 2_000n + w) / (2n * w); // tenths of a percent, rounded half up
  return `${tenths / 10n}.${tenths % 10n}%`;
}
