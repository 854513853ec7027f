import { describe, expect, it } from "vitest";
import type { ReportDocument } from "@/lib/exchange";
import { TEMPLATE_IDS, getTemplate, type TemplateId } from "@/lib/templates";
import {
  RULE_IDS,
  RULES,
  errorsOf,
  formatViolationLine,
  hasErrors,
  rulesFor,
  validateDocument,
  validateReport,
  violationsByCell,
  warningsOf,
  type RuleId,
  type Violation,
} from "@/lib/validation";
import { APPLICANT_COLUMNS, fixture, sampleDocument } from "./support";

const submit = { mode: "submit" } as const;
const draft = { mode: "draft" } as const;

function check(doc: ReportDocument, options: Parameters<typeof validateDocument>[1] = submit): Violation[] {
  return validateDocument(doc, options);
}
const ids = (vs: Violation[]) => [...new Set(vs.map((v) => v.ruleId))];
const only = (vs: Violation[], id: RuleId) => vs.filter((v) => v.ruleId === id);

/** money cell and signed cell of each template */
const MONEY: Record<TemplateId, [string, string]> = { "2019": ["procurement", "amount"], "2021": ["fees", "amount"] };

describe("rules are data", () => {
  it("declares one rule set per template, with the docs/product.md severities", () => {
    for (const id of TEMPLATE_IDS) {
      const rules = rulesFor(id);
      expect(rulesFor(id)).toBe(rules);
      const declared = new Set(rules.map((r) => r.id));
      expect([...declared].sort()).toEqual([...RULE_IDS].sort());
      for (const r of rules) expect(r.severity).toBe(RULES[r.id].severity);
      const rows = getTemplate(id).sections.applications.rows.length;
      const eq = (rid: RuleId) => rules.filter((r) => r.type === "equation" && r.id === rid).length;
      expect(eq("rowTotal")).toBe(rows);
      expect(eq("handledTotal")).toBe(7);
      expect(eq("balance")).toBe(7);
      expect(eq("groupTotal")).toBe(3);
      expect(eq("carryOverMatchesLastYear")).toBe(7);
    }
    expect(RULES.carryOverMatchesLastYear.severity).toBe("warning");
  });

  it("states balance as left side, operator, right side", () => {
    const balance = rulesFor("2021").find((r) => r.type === "equation" && r.id === "balance");
    expect(balance).toMatchObject({
      operator: "==",
      left: [
        { section: "applications", row: "received", column: "naturalPerson" },
        { section: "applications", row: "carriedOver", column: "naturalPerson" },
      ],
      right: [
        { section: "applications", row: "handledTotal", column: "naturalPerson" },
        { section: "applications", row: "carriedForward", column: "naturalPerson" },
      ],
    });
  });
});

describe("the seed report", () => {
  it("passes every rule in submit mode", () => {
    expect(check(fixture())).toEqual([]);
    expect(check(fixture(), draft)).toEqual([]);
  });
});

describe.each(TEMPLATE_IDS)("template %s", (id) => {
  const doc = () => sampleDocument(id);

  it("a complete consistent report has no violations", () => {
    expect(check(doc())).toEqual([]);
  });

  describe("nonNegativeInteger", () => {
    it("accepts 0, whole counts, 4-decimal money and (2019) negative 本年增/减", () => {
      const d = doc();
      const [row, col] = MONEY[id];
      d.proactive[row]![col] = 1234.5678;
      if (id === "2019") d.proactive.licensing!.change = -7;
      expect(check(d)).toEqual([]);
    });

    it("rejects a negative count, naming the cell", () => {
      const d = doc();
      d.proactive.regulations![id === "2019" ? "made" : "issued"] = -1;
      const vs = check(d);
      expect(ids(vs)).toEqual(["nonNegativeInteger"]);
      expect(vs[0]!.actual).toBe(-1);
      expect(vs[0]!.message).toContain("二、主动公开政府信息情况 · 第二十条第（一）项 · 规章");
      expect(vs[0]!.message).toContain("应为不小于 0 的整数，实际为 -1");
    });

    it("rejects a fraction in a count and reports the equations it is part of as not checkable, naming it", () => {
      const d = doc();
      d.applications.granted!.naturalPerson = 1.5;
      const vs = check(d);
      expect(ids(vs)).toEqual(["nonNegativeInteger", "rowTotal", "handledTotal"]);
      expect(vs[0]!.cells).toEqual(["applications/granted/naturalPerson"]);
      for (const v of vs.slice(1)) {
        expect(v.notCheckable).toEqual(["applications/granted/naturalPerson"]);
        expect(v.message).toContain("无法核对");
        expect(v.message).toContain("（一）予以公开 自然人（1.5）");
      }
    });

    it("rejects money with more than 6 decimals and negative money", () => {
      const d = doc();
      const [row, col] = MONEY[id];
      d.proactive[row]![col] = 0.1234567;
      expect(only(check(d), "nonNegativeInteger")[0]!.message).toContain("最多 6 位小数");
      d.proactive[row]![col] = 7539.443252;
      expect(check(d)).toEqual([]);
      d.proactive[row]![col] = -0.5;
      expect(ids(check(d))).toEqual(["nonNegativeInteger"]);
    });

    it("rejects text, NaN and Infinity from a careless caller", () => {
      const d = doc() as any;
      d.reviewLitigation.reconsideration.upheld = "3";
      d.reviewLitigation.reconsideration.corrected = NaN;
      d.reviewLitigation.litigationDirect.pending = Infinity;
      const vs = only(check(d), "nonNegativeInteger");
      expect(vs).toHaveLength(3);
      expect(vs[0]!.message).toContain('文字 "3"');
    });

    if (id === "2019") {
      it("rejects a fraction in 本年增/减", () => {
        const d = doc();
        d.proactive.fees!.change = -0.5;
        expect(only(check(d), "nonNegativeInteger")[0]!.message).toContain("应为整数");
      });
    }
  });

  describe("rowTotal", () => {
    it("passes when each 总计 equals the six applicant columns, or is blank", () => {
      const d = doc();
      d.applications.granted!.total = null;
      delete d.applications.carriedForward!.total;
      expect(check(d)).toEqual([]);
    });

    it("fails when a stated 总计 disagrees, saying by how much", () => {
      const d = doc();
      const stated = d.applications.granted!.total! + 2;
      d.applications.granted!.total = stated;
      const vs = only(check(d), "rowTotal");
      expect(vs).toHaveLength(1);
      expect(vs[0]).toMatchObject({ severity: "error", actual: stated, expected: stated - 2, difference: 2 });
      expect(vs[0]!.cells[0]).toBe("applications/granted/total");
      expect(vs[0]!.message).toContain("（一）予以公开 行：总计填的是");
      expect(vs[0]!.message).toContain("相差 2");
    });
  });

  describe("handledTotal", () => {
    it("passes when blank (computed) or equal to the sum of 办理结果", () => {
      const d = doc();
      for (const c of APPLICANT_COLUMNS) d.applications.handledTotal![c] = null;
      d.applications.handledTotal!.total = null;
      expect(check(d)).toEqual([]);
    });

    it("fails when a 办理结果 row changes but (七)总计 does not", () => {
      const d = doc();
      const row = id === "2019" ? "otherHandling" : "otherHandling.unpaidFee";
      d.applications[row]!.legal = d.applications[row]!.legal! + 1;
      d.applications[row]!.total = d.applications[row]!.total! + 1;
      const vs = check(d);
      expect(ids(vs)).toEqual(["handledTotal"]);
      expect(vs.map((v) => v.cells[0])).toEqual(["applications/handledTotal/legal", "applications/handledTotal/total"]);
      expect(vs[0]!.message).toContain("法人或其他组织 · 法律服务机构 列：三、办理结果（七）总计填的是");
      expect(vs[0]!.difference).toBe(-1);
    });
  });

  describe("balance", () => {
    it("passes when 一 + 二 = 三(七) + 四 in every column", () => {
      expect(only(check(doc()), "balance")).toEqual([]);
    });

    it("fails column by column, also in 总计, with the message the clerk needs", () => {
      const d = doc();
      d.applications.received!.naturalPerson = d.applications.received!.naturalPerson! + 1;
      d.applications.received!.total = d.applications.received!.total! + 1;
      const vs = check(d);
      expect(ids(vs)).toEqual(["balance"]);
      expect(vs.map((v) => v.cells[0])).toEqual(["applications/received/naturalPerson", "applications/received/total"]);
      expect(vs[0]!.message).toMatch(
        /^三、收到和处理政府信息公开申请情况 · 自然人 列：一、本年新收 \+ 二、上年结转 = \d+，三、办理结果（七）总计 \+ 四、结转下年度 = \d+，相差 1（勾稽关系不平/,
      );
      expect(vs[0]!.difference).toBe(1);
    });

    it("uses the computed (七)总计 when it is blank", () => {
      const d = doc();
      d.applications.handledTotal!.commercial = null;
      d.applications.carriedForward!.commercial = d.applications.carriedForward!.commercial! + 3;
      d.applications.carriedForward!.total = d.applications.carriedForward!.total! + 3;
      d.applications.handledTotal!.total = null;
      const vs = check(d);
      expect(ids(vs)).toEqual(["balance"]);
      expect(vs.map((v) => v.difference)).toEqual([-3, -3]);
    });

    it("in a draft, skips a column that still has a blank", () => {
      const d = doc();
      d.applications.carriedOver!.research = null;
      d.applications.carriedOver!.total = null;
      d.applications.received!.publicInterest = d.applications.received!.publicInterest! + 1;
      d.applications.received!.total = null;
      const vs = check(d, draft);
      expect(vs.map((v) => [v.ruleId, v.cells[0]])).toEqual([["balance", "applications/received/publicInterest"]]);
    });
  });

  describe("groupTotal", () => {
    it("passes when each group's 总计 equals its four results or is blank", () => {
      const d = doc();
      d.reviewLitigation.litigationDirect!.total = null;
      expect(check(d)).toEqual([]);
    });

    it("fails per group", () => {
      const d = doc();
      d.reviewLitigation.litigationAfterReconsideration!.pending = d.reviewLitigation.litigationAfterReconsideration!.pending! + 4;
      const vs = check(d);
      expect(ids(vs)).toEqual(["groupTotal"]);
      expect(vs[0]!.cells[0]).toBe("reviewLitigation/litigationAfterReconsideration/total");
      expect(vs[0]!.difference).toBe(-4);
      expect(vs[0]!.message).toContain("四、政府信息公开行政复议、行政诉讼情况 · 行政诉讼 · 复议后起诉：总计填的是");
    });
  });

  describe("carryOverMatchesLastYear", () => {
    const lastYearOf = (d: ReportDocument) => ({ carriedForward: { ...d.applications.carriedOver! } });

    it("passes when 二、上年结转 equals last year's 四、结转下年度, and is skipped without last year", () => {
      const d = doc();
      expect(check(d, { mode: "submit", lastYear: lastYearOf(d) })).toEqual([]);
      expect(check(d, { mode: "submit", lastYear: null })).toEqual([]);
    });

    it("warns per column when it differs (a warning, not an error)", () => {
      const d = doc();
      const ly = lastYearOf(d);
      ly.carriedForward.otherOrg = ly.carriedForward.otherOrg! + 2;
      ly.carriedForward.total = null; // computed from last year's columns
      const vs = check(d, { mode: "submit", lastYear: ly });
      expect(ids(vs)).toEqual(["carryOverMatchesLastYear"]);
      expect(vs.every((v) => v.severity === "warning")).toBe(true);
      expect(vs.map((v) => v.cells)).toEqual([["applications/carriedOver/otherOrg"], ["applications/carriedOver/total"]]);
      expect(vs[0]!.right).toEqual(["lastYear:applications/carriedForward/otherOrg"]);
      expect(vs[0]!.message).toContain("上一年度报告的四、结转下年度");
      expect(hasErrors(vs)).toBe(false);
      expect(warningsOf(vs)).toHaveLength(2);
    });
  });

  describe("required", () => {
    it("is silent in a draft, even when everything is blank", () => {
      const d = doc();
      for (const s of ["proactive", "applications", "reviewLitigation"] as const)
        for (const row of Object.values(d[s])) for (const k of Object.keys(row)) row[k] = null;
      expect(validateReport({ templateId: id, sections: d, narrative: { overview: "" }, contact: {} }, draft)).toEqual([]);
    });

    it("on submit, reports each row's blank cells once (0 is a value; derived blanks are computed)", () => {
      const d = doc();
      d.applications.granted!.naturalPerson = null;
      d.applications.granted!.legal = null;
      d.applications.granted!.total = null;
      d.applications.handledTotal!.total = null;
      const vs = check(d);
      expect(ids(vs)).toEqual(["required"]);
      expect(vs).toHaveLength(1);
      expect(vs[0]!.cells).toEqual(["applications/granted/naturalPerson", "applications/granted/legal"]);
      expect(vs[0]!.message).toBe(
        "三、收到和处理政府信息公开申请情况 · 三、本年度办理结果 · （一）予以公开：自然人、法律服务机构 未填写（没有发生的请填 0）",
      );
    });

    it("on submit, requires 一、总体情况, 五 and the contact fields", () => {
      const d = doc();
      d.narrative.overview = "  ";
      d.narrative.other = "";
      d.contact.phone = "";
      const vs = check(d);
      expect(vs.map((v) => v.cells)).toEqual([["narrative.overview"], ["contact.phone"]]);
      expect(vs[0]!.message).toBe("一、总体情况 未填写");
      expect(vs[1]!.message).toBe("联系方式：电话 未填写");
      const bare = validateReport({ templateId: id, sections: d }, submit);
      expect(bare.flatMap((v) => v.cells)).toEqual([
        "narrative.overview",
        "narrative.problems",
        "contact.address",
        "contact.phone",
        "contact.email",
      ]);
    });

    it("on submit, flags a row left entirely blank as a whole", () => {
      const d = doc();
      delete (d.proactive as Record<string, unknown>).licensing;
      const vs = check(d);
      expect(vs).toHaveLength(1);
      expect(vs[0]!.message).toContain("第二十条第（五）项 · 行政许可");
    });
  });
});

describe("formatViolationLine", () => {
  it("starts with the rule id, then the cells, the amounts and the message", () => {
    const d = fixture();
    d.applications.received!.naturalPerson = 5;
    d.applications.received!.total = 5;
    d.applications.granted!.naturalPerson = 4;
    d.applications.granted!.total = 4;
    d.applications.handledTotal!.naturalPerson = 4;
    d.applications.handledTotal!.total = 4;
    const vs = check(d);
    expect(ids(vs)).toEqual(["balance"]);
    expect(formatViolationLine(vs[0]!)).toBe(
      "balance applications/received/naturalPerson+applications/carriedOver/naturalPerson ≠ applications/handledTotal/naturalPerson+applications/carriedForward/naturalPerson: 5 ≠ 4 (差 1) — 三、收到和处理政府信息公开申请情况 · 自然人 列：一、本年新收 + 二、上年结转 = 5，三、办理结果（七）总计 + 四、结转下年度 = 4，相差 1（勾稽关系不平：第一项加第二项之和，应等于第三项加第四项之和）",
    );
  });

  it("abbreviates long sums and prints non-equation rules with their cells", () => {
    const d = fixture();
    d.applications.handledTotal!.legal = 2;
    const lines = check(d).map(formatViolationLine);
    expect(lines.find((l) => l.startsWith("handledTotal "))).toMatch(
      /^handledTotal applications\/handledTotal\/legal ≠ Σ\(applications\/granted\/legal…applications\/otherHandling\/legal, 19 项\): 2 ≠ 0 \(差 2\) — /,
    );
    d.applications.handledTotal!.legal = -2;
    expect(check(d).map(formatViolationLine)[0]).toMatch(/^nonNegativeInteger applications\/handledTotal\/legal: -2 — 三、/);
    d.applications.handledTotal!.legal = null;
    d.contact.email = "";
    expect(check(d).map(formatViolationLine)).toEqual(["required contact.email — 联系方式：电子邮箱 未填写"]);
  });
});

describe("money is compared exactly", () => {
  it("sums money in integer units of 1e-6 万元 (1 分), so float noise never breaks an equation", async () => {
    const { toUnits, fromUnits, decimalPlaces, isValidCellValue, exactSum } = await import("@/lib/templates");
    expect(0.1 + 0.2 === 0.3).toBe(false);
    expect(toUnits(0.1, "money") + toUnits(0.2, "money")).toBe(toUnits(0.3, "money"));
    expect(fromUnits(toUnits(1234.5678, "money") + toUnits(0.0322, "money"), "money")).toBe(1234.6);
    expect(exactSum([7539.443252, 0.000001, 0.1, 0.2])).toBe(7539.743253);
    expect(decimalPlaces(1.2345)).toBe(4);
    expect(decimalPlaces(7539.443252)).toBe(6);
    expect(decimalPlaces(1e-7)).toBe(7);
    expect(decimalPlaces(1.5e-3)).toBe(4);
    expect(decimalPlaces(1e21)).toBe(0);
    expect(isValidCellValue(0.000001, "money")).toBe(true);
    expect(isValidCellValue(0.0000001, "money")).toBe(false);
    expect(isValidCellValue(99999999.999999, "money")).toBe(true);
  });

  it("bounds every kind at 1e12, so nothing validate accepts is too big for the database", async () => {
    const { isValidCellValue, valueProblem } = await import("@/lib/templates");
    expect(isValidCellValue(1e12, "count")).toBe(true);
    expect(isValidCellValue(1e12 + 1, "count")).toBe(false);
    expect(isValidCellValue(1e15, "count")).toBe(false);
    expect(isValidCellValue(-1e13, "signedCount")).toBe(false);
    expect(isValidCellValue(1e12, "money")).toBe(true);
    expect(isValidCellValue(1e15, "money")).toBe(false);
    expect(valueProblem(1e15, "count")).toBe("应为不小于 0 的整数，实际为 1000000000000000（数值过大：任何数值的绝对值都不能超过 1000000000000，即一万亿）");
  });
});

describe("helpers", () => {
  it("groups violations by cell and splits errors from warnings", () => {
    const d = fixture();
    d.reviewLitigation.reconsideration!.upheld = 1;
    const vs = check(d, { mode: "submit", lastYear: { carriedForward: { naturalPerson: 1 } } });
    expect(errorsOf(vs).map((v) => v.ruleId)).toEqual(["groupTotal"]);
    // last year's 总计 is unknown (its other columns are missing), so only 自然人 is compared
    expect(warningsOf(vs).map((v) => v.cells)).toEqual([["applications/carriedOver/naturalPerson"]]);
    const byCell = violationsByCell(vs);
    expect(byCell.get("reviewLitigation/reconsideration/upheld")!.map((v) => v.ruleId)).toEqual(["groupTotal"]);
  });
});
