import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decimalText, formatDecimal, formatShare, microsToText, textToMicros, toMicros } from "@/lib/templates/decimal";

// One decimal module for figures as numbers (forms, documents, rules) and as NUMERIC text
// (sums from PostgreSQL): both ways must agree to the micro-unit.
describe("figures as numbers and as NUMERIC text agree", () => {
  const figure = fc
    .tuple(fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }), fc.integer({ min: 0, max: 999_999 }))
    .map(([int, micros]) => Number(`${int}.${String(micros).padStart(6, "0")}`));
  it("textToMicros of a figure's text, of its NUMERIC(20,6) text and toMicros are the same count", () => {
    fc.assert(
      fc.property(figure, (n) => {
        const text = decimalText(n);
        const [int, frac = ""] = text.replace("-", "").split(".");
        const numeric = `${text.startsWith("-") ? "-" : ""}${int}.${frac.padEnd(6, "0")}`;
        expect(textToMicros(text)).toBe(toMicros(n));
        expect(textToMicros(numeric)).toBe(toMicros(n));
        expect(formatDecimal(numeric)).toBe(text);
        expect(microsToText(toMicros(n))).toBe(text);
      }),
    );
  });
});

describe("exact decimals from PostgreSQL NUMERIC text", () => {
  it("strips trailing zeros and keeps signs, never through a float", () => {
    expect(formatDecimal("1234.560000")).toBe("1234.56");
    expect(formatDecimal("5.000000")).toBe("5");
    expect(formatDecimal("-3.000000")).toBe("-3");
    expect(formatDecimal("0.000000")).toBe("0");
    expect(formatDecimal("0.000001")).toBe("0.000001");
    expect(formatDecimal("123456789012345678901234.123456")).toBe("123456789012345678901234.123456");
    expect(formatDecimal(null)).toBe("0");
    expect(() => formatDecimal("1e5")).toThrow();
  });

  it("adds in integer units of 0.000001 exactly", () => {
    const sum = ["7539.443252", "0.1", "0.2", "-1.000001"].reduce((s, v) => s + textToMicros(v), 0n);
    expect(microsToText(sum)).toBe("7538.743251");
    expect(microsToText(textToMicros("-0.5"))).toBe("-0.5");
    expect(microsToText(0n)).toBe("0");
    expect(() => textToMicros("0.0000001")).toThrow();
  });

  it("prints shares with one decimal, rounded half up, and a dash when the whole is 0", () => {
    expect(formatShare("7", "12")).toBe("58.3%");
    expect(formatShare("1", "8")).toBe("12.5%");
    expect(formatShare("1", "3")).toBe("33.3%");
    expect(formatShare("2", "3")).toBe("66.7%");
    expect(formatShare("12", "12")).toBe("100.0%");
    expect(formatShare("0", "0")).toBe("—");
  });
});
