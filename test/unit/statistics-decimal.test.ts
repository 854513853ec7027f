import { describe, expect, it } from "vitest";
import { decimalToUnits, formatDecimal, formatShare, unitsToDecimal } from "@/lib/statistics/decimal";

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
    const sum = ["7539.443252", "0.1", "0.2", "-1.000001"].reduce((s, v) => s + decimalToUnits(v), 0n);
    expect(unitsToDecimal(sum)).toBe("7538.743251");
    expect(unitsToDecimal(decimalToUnits("-0.5"))).toBe("-0.5");
    expect(unitsToDecimal(0n)).toBe("0");
    expect(() => decimalToUnits("0.0000001")).toThrow();
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
