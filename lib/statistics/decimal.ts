// Exact decimals as PostgreSQL prints NUMERIC ("1234.560000", "-3.000000"): sums of money
// are never turned into floats on their way to a page, a CSV or the JSON API.

const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;

/** "1234.560000" → "1234.56", "5.000000" → "5", "-3.000000" → "-3"; null/blank → "0". */
export function formatDecimal(text: string | null | undefined): string {
  if (text === null || text === undefined || text === "") return "0";
  if (!NUMERIC_TEXT.test(text)) throw new Error(`not a decimal: ${text}`);
  const [int, frac = ""] = text.split(".");
  const kept = frac.replace(/0+$/, "");
  const out = kept ? `${int}.${kept}` : int!;
  return out === "-0" ? "0" : out;
}

/** Scaled integer (units of 10^-scale) of a decimal text, for exact arithmetic in tests and shares. */
export function decimalToUnits(text: string, scale = 6): bigint {
  const normal = formatDecimal(text);
  const negative = normal.startsWith("-");
  const [int, frac = ""] = normal.replace("-", "").split(".");
  if (frac.length > scale) throw new Error(`more than ${scale} decimal places: ${text}`);
  const units = BigInt(int!) * 10n ** BigInt(scale) + BigInt(frac.padEnd(scale, "0") || "0");
  return negative ? -units : units;
}

/** Inverse of decimalToUnits, trailing zeros stripped. */
export function unitsToDecimal(units: bigint, scale = 6): string {
  const negative = units < 0n;
  const abs = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const text = `${abs.slice(0, abs.length - scale)}.${abs.slice(abs.length - scale)}`;
  return formatDecimal(`${negative ? "-" : ""}${text}`);
}

/** `part` (≥ 0) as a percentage of `whole` with one decimal ("42.9%"), or "—" when whole is 0. */
export function formatShare(part: string, whole: string): string {
  const w = decimalToUnits(whole);
  if (w <= 0n) return "—";
  const tenths = (decimalToUnits(part) * 2_000n + w) / (2n * w); // tenths of a percent, rounded half up
  return `${tenths / 10n}.${tenths % 10n}%`;
}
