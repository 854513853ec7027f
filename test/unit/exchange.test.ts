import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EXCHANGE_FORMAT,
  canonicalDocument,
  canonicalJson,
  cellsToSections,
  checkReportDocument,
  decodeFormRowKey,
  documentToCells,
  encodeFormRowKey,
  canonicalJsonText,
  exportDocument,
  exportJsonText,
  formatPath,
  parseReportDocument,
  parseReportJson,
  reportDocumentSchema,
  reportDraftSchema,
  draftEntriesSchema,
  sectionsFromFormValues,
  sectionsToFormValues,
  withDerivedCells,
  type ParseResult,
  type ReportDocument,
} from "@/lib/exchange";
import { TEMPLATE_IDS, cellsOf, getTemplate, type TemplateId } from "@/lib/templates";
import { validateDocument } from "@/lib/validation";
import { FIXTURE_PATH, fixture, rawFixture, sampleDocument } from "./support";

function errorsOf(r: ParseResult): string[] {
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors;
}

/** every error line is "path: Chinese message" */
function expectChineseLines(lines: string[]) {
  expect(lines.length).toBeGreaterThan(0);
  for (const l of lines) expect(l).toMatch(/^[^:]+: .*[\u4e00-\u9fff]/);
}

function stripDerived(doc: ReportDocument): Record<string, any> {
  const copy = structuredClone(doc) as Record<string, any>;
  for (const c of cellsOf(getTemplate(doc.template))) if (c.derived) delete copy[c.section][c.row][c.column];
  return copy;
}

describe("the seed report (xigang-2020.json)", () => {
  const text = readFileSync(FIXTURE_PATH, "utf8");

  it("parses", () => {
    const r = parseReportDocument(JSON.parse(text));
    expect(r.ok).toBe(true);
    expect(r.ok && r.doc.agency.name).toBe("贺兰县习岗镇");
    expect(r.ok && r.doc.template).toBe("2019");
  });

  it("validates with zero violations in submit mode", () => {
    const r = parseReportDocument(JSON.parse(text));
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(validateDocument(withDerivedCells(r.doc), { mode: "submit" })).toEqual([]);
    expect(checkReportDocument(JSON.parse(text))).toMatchObject({ ok: true, lines: [] });
  });

  it("round-trips through cells losslessly", () => {
    const doc = fixture();
    const cells = documentToCells(doc);
    expect(cells).toHaveLength(cellsOf(getTemplate("2019")).length);
    const sections = cellsToSections("2019", cells);
    expect({ ...doc, ...sections }).toEqual(doc);
  });

  it("exports to exactly the imported file (canonical JSON)", () => {
    const r = parseReportJson(text);
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(canonicalJson(r.doc)).toEqual(JSON.parse(text));
    expect(exportDocument(r.doc)).toEqual(JSON.parse(text));
    expect(canonicalJsonText(r.doc)).toBe(text.trimEnd());
    expect(exportJsonText(r.doc)).toBe(text.trimEnd());
    // key order too, not just deep equality
    expect(JSON.stringify(canonicalJson(r.doc))).toBe(JSON.stringify(JSON.parse(text)));
  });

  it("puts keys back in template order whatever order they came in", () => {
    const raw = rawFixture();
    const shuffled: Record<string, any> = {};
    for (const k of Object.keys(raw).reverse()) shuffled[k] = raw[k];
    shuffled.applications = Object.fromEntries(Object.entries(raw.applications).reverse());
    shuffled.proactive.regulations = { total: 0, published: 0, made: 0 };
    const r = parseReportDocument(shuffled);
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(canonicalJsonText(r.doc)).toBe(text.trimEnd());
  });
});

describe.each(TEMPLATE_IDS)("template %s documents", (id) => {
  it("a complete document parses, round-trips and re-parses to itself", () => {
    const doc = sampleDocument(id);
    const r = parseReportDocument(JSON.parse(JSON.stringify(doc)));
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(r.doc).toEqual(doc);
    expect(canonicalJson(r.doc)).toEqual(doc);
    expect({ ...doc, ...cellsToSections(id, documentToCells(doc)) }).toEqual(doc);
    const again = parseReportJson(canonicalJsonText(r.doc));
    expect(again.ok && again.doc).toEqual(r.doc);
  });

  it("accepts derived cells left out or null, and computes them", () => {
    const doc = sampleDocument(id);
    const stripped = stripDerived(doc);
    stripped.applications.granted.total = null;
    const r = parseReportDocument(stripped);
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(r.doc.applications.handledTotal).toEqual({});
    expect(r.doc.applications.granted).toHaveProperty("total", null);
    const derived = withDerivedCells(r.doc);
    expect(derived).toEqual(doc);
    expect(validateDocument(derived, { mode: "submit" })).toEqual([]);
    expect(checkReportDocument(stripped)).toMatchObject({ ok: true, doc });
  });

  it("accepts the wholly derived （七）总计 row left out altogether, and computes it", () => {
    const doc = sampleDocument(id);
    const stripped = stripDerived(doc);
    delete stripped.applications.handledTotal;
    const r = parseReportDocument(stripped);
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(withDerivedCells(r.doc)).toEqual(doc);
    const missingRow = stripDerived(doc);
    delete missingRow.applications.granted;
    expect(parseReportDocument(missingRow)).toMatchObject({ ok: false });
  });

  it("keeps a stated derived cell as stated, for the rules to check", () => {
    const doc = sampleDocument(id) as Record<string, any>;
    doc.reviewLitigation.reconsideration.total += 1;
    const r = parseReportDocument(doc);
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(withDerivedCells(r.doc).reviewLitigation.reconsideration!.total).toBe(doc.reviewLitigation.reconsideration.total);
    const check = checkReportDocument(doc);
    expect(check.ok).toBe(false);
    expect(check.lines[0]).toMatch(/^groupTotal reviewLitigation\/reconsideration\/total ≠ /);
  });

  it("cellsToSections fills missing cells with null and ignores unknown ones", () => {
    const sections = cellsToSections(id, [
      { section: "applications", row: "received", column: "legal", value: 3 },
      { section: "applications", row: "nope", column: "legal", value: 3 },
      { section: "elsewhere", row: "received", column: "legal", value: 3 },
    ]);
    expect(sections.applications.received).toEqual({
      naturalPerson: null,
      commercial: null,
      research: null,
      publicInterest: null,
      legal: 3,
      otherOrg: null,
      total: null,
    });
    expect(Object.keys(sections.applications)).toEqual(getTemplate(id).sections.applications.rows.map((r) => r.key));
    expect(sections.applications).not.toHaveProperty("nope");
  });
});

describe("structural rejections: one clear Chinese line each, never a throw", () => {
  const parse = (mutate: (d: Record<string, any>) => void) => {
    const d = rawFixture();
    mutate(d);
    return errorsOf(parseReportDocument(d));
  };

  it("an unknown row", () => {
    const errs = parse((d) => (d.applications.appealed = { naturalPerson: 0 }));
    expect(errs).toEqual(["applications: 2019 模板没有「appealed」行"]);
  });

  it("an unknown column, naming the template it belongs to", () => {
    const errs = parse((d) => (d.proactive.fees.amount = 1));
    expect(errs).toEqual(["proactive.fees: 2019 模板「行政事业性收费」行没有「amount」列（是 2021 模板的「本年收费金额（单位：万元）」列）"]);
  });

  it("a missing column and a missing row", () => {
    const errs = parse((d) => {
      delete d.applications.granted.legal;
      delete d.reviewLitigation.litigationDirect;
    });
    expect(errs).toEqual([
      "applications.granted.legal: 缺少此项（三、本年度办理结果 · （一）予以公开 · 法人或其他组织 · 法律服务机构）；没有发生的请填 0",
      "reviewLitigation.litigationDirect: 缺少「litigationDirect」行（行政诉讼 · 未经复议直接起诉）",
    ]);
  });

  it("a 2021 report with a procurement row", () => {
    const doc = sampleDocument("2021") as Record<string, any>;
    doc.proactive.procurement = { projects: 0, amount: 0 };
    expect(errorsOf(parseReportDocument(doc))).toEqual(["proactive: 2021 模板没有「procurement」行（政府集中采购）"]);
  });

  it("a letter in a number", () => {
    const errs = parse((d) => (d.applications.received.naturalPerson = "5a"));
    expect(errs).toEqual([
      'applications.received.naturalPerson: 应为不小于 0 的整数，实际为 文字 "5a"（一、本年新收政府信息公开申请数量 · 自然人）',
    ]);
  });

  it("tags a wrong-kind cell value with nonNegativeInteger and structural problems with schema", () => {
    const d = rawFixture();
    d.applications.received.naturalPerson = "5a";
    d.proactive.regulations.made = -1;
    delete d.applications.granted.legal;
    d.applications.appealed = { naturalPerson: 0 };
    const r = parseReportDocument(d);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = (prefix: string) => r.problems.find((p) => p.line.startsWith(prefix))?.id;
    expect(byPath("applications.received.naturalPerson:")).toBe("nonNegativeInteger");
    expect(byPath("proactive.regulations.made:")).toBe("nonNegativeInteger");
    expect(byPath("applications.granted.legal:")).toBe("schema");
    expect(byPath("applications: 2019 模板没有「appealed」行")).toBe("schema");
    expect(r.problems.map((p) => p.line)).toEqual(r.errors);
  });

  it("a number written as text", () => {
    const errs = parse((d) => (d.applications.received.naturalPerson = "5"));
    expect(errs[0]).toContain("不要加引号");
  });

  it("a negative count", () => {
    const errs = parse((d) => (d.applications.received.naturalPerson = -1));
    expect(errs).toEqual([
      "applications.received.naturalPerson: 应为不小于 0 的整数，实际为 -1（不能为负数）（一、本年新收政府信息公开申请数量 · 自然人）",
    ]);
  });

  it("a fraction in a count, and a row key with dots in the path", () => {
    const errs = parse((d) => (d.applications["denied.stateSecret"].commercial = 0.5));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^applications\["denied\.stateSecret"\]\.commercial: 应为不小于 0 的整数，实际为 0\.5（不是整数）/);
  });

  it("money with 7 decimals", () => {
    const errs = parse((d) => (d.proactive.procurement.amount = 1.2345678));
    expect(errs).toEqual([
      "proactive.procurement.amount: 应为不小于 0 的金额（万元），最多 6 位小数，实际为 1.2345678（有 7 位小数）（第二十条第（九）项 · 政府集中采购 · 采购总金额）",
    ]);
  });

  it("accepts a negative 本年增/减 but not a null count", () => {
    expect(parseReportDocument({ ...rawFixture(), proactive: { ...rawFixture().proactive, fees: { previous: 3, change: -2 } } }).ok).toBe(true);
    const errs = parse((d) => (d.proactive.fees.previous = null));
    expect(errs[0]).toMatch(/^proactive\.fees\.previous: 未填写（值为 null）（第二十条第（八）项 · 行政事业性收费 · 上一年项目数量）；没有发生的请填 0$/);
  });

  it("a wrong format string", () => {
    const errs = parse((d) => (d.format = "gov-info-disclosure-annual-report/v2"));
    expect(errs).toEqual([
      'format: 不是本系统的年度报告交换格式：应为 "gov-info-disclosure-annual-report/v1"，实际为 文字 "gov-info-disclosure-annual-report/v2"',
    ]);
  });

  it("non-object input", () => {
    for (const input of [null, undefined, 42, "report", [], true]) {
      const errs = errorsOf(parseReportDocument(input));
      expect(errs).toHaveLength(1);
      expect(errs[0]).toMatch(/^\(根\): 报告应为 JSON 对象/);
    }
  });

  it("broken JSON text", () => {
    const errs = errorsOf(parseReportJson('{"format": '));
    expect(errs[0]).toMatch(/^\(根\): 文件不是有效的 JSON/);
  });

  it("a 2021 report in template 2019, and a 2020 report in template 2021", () => {
    expect(parse((d) => (d.year = 2021))).toEqual([
      "template: 2021 年度的报告应使用 2021 模板（国办公开办函〔2021〕30号），文件写的是 2019 模板（国办公开办函〔2019〕60号）；请核对 year 和 template",
    ]);
    const doc = sampleDocument("2021") as Record<string, any>;
    doc.year = 2020;
    expect(errorsOf(parseReportDocument(doc))[0]).toContain("2020 年度的报告应使用 2019 模板");
  });

  it("an unknown template falls back to the year's template for the tables", () => {
    expect(parse((d) => (d.template = "2020"))).toEqual([
      'template: 模板应为 "2019"（2020 年度及以前）或 "2021"（2021 年度起），实际为 文字 "2020"',
    ]);
    expect(parse((d) => ((d.template = 2019), (d.year = "2020")))).toHaveLength(2);
  });

  it("agency, region, year, date and contact fields", () => {
    const errs = parse((d) => {
      d.agency.code = "6401 22";
      d.agency.region.code = "64012";
      d.year = 2007;
      d.issuedOn = "2021-02-30";
      d.contact.email = "not-an-email";
      d.contact.phone = "";
      d.narrative.problems = " ";
    });
    expect(errs).toEqual([
      'agency.code: 机构代码应为 2–40 位数字、字母或“-”，实际为 文字 "6401 22"',
      'agency.region.code: 地区代码应为 6 位数字的行政区划代码，实际为 文字 "64012"',
      "year: 报告年度应为 2008–2100 之间的整数年份，实际为 2007",
      'issuedOn: 成文日期应为 YYYY-MM-DD 格式的有效日期，实际为 文字 "2021-02-30"',
      "contact.phone: 电话不能为空",
      'contact.email: 电子邮箱格式不正确：文字 "not-an-email"',
      "narrative.problems: “五、存在的主要问题及改进情况”不能为空",
    ]);
  });

  it("accepts a department code with letters and dashes, and a null issuedOn", () => {
    const d = rawFixture();
    d.agency.code = "640122-zrzy";
    d.issuedOn = null;
    expect(parseReportDocument(d).ok).toBe(true);
  });

  it("an unknown top-level field", () => {
    expect(parse((d) => (d.extra = 1))).toEqual(["(根): 报告中没有「extra」这一项"]);
  });

  it("never throws, whatever it is given", () => {
    const keys = ["format", "template", "agency", "year", "issuedOn", "contact", "narrative", "proactive", "applications", "reviewLitigation"];
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom(...keys), fc.anything(), (junk, key, value) => {
        const a = parseReportDocument(junk);
        const d = rawFixture();
        d[key] = value;
        const b = parseReportDocument(d);
        const c = checkReportDocument(d);
        for (const r of [a, b]) if (!r.ok) expectChineseLines(r.errors);
        expect(typeof c.ok).toBe("boolean");
      }),
      { numRuns: 200 },
    );
  });

  it("never throws on random values in random cells", () => {
    const cells = cellsOf(getTemplate("2019"));
    fc.assert(
      fc.property(fc.nat(cells.length - 1), fc.anything(), (i, value) => {
        const c = cells[i]!;
        const d = rawFixture();
        d[c.section][c.row][c.column] = value;
        const r = parseReportDocument(d);
        if (!r.ok) {
          expect(r.errors).toHaveLength(1);
          expect(r.errors[0]!.startsWith(`${c.section}.`) || r.errors[0]!.startsWith(`${c.section}[`)).toBe(true);
        }
        validateDocument(d as ReportDocument, { mode: "submit" });
      }),
      { numRuns: 200 },
    );
  });
});

describe("draft schema (web form)", () => {
  it.each(TEMPLATE_IDS)("accepts null cells, empty texts and an empty e-mail (template %s)", (id: TemplateId) => {
    const doc = sampleDocument(id) as Record<string, any>;
    for (const c of cellsOf(getTemplate(id))) doc[c.section][c.row][c.column] = null;
    doc.contact = { address: "", phone: "", email: "" };
    doc.narrative = { overview: "", problems: "", other: "" };
    doc.issuedOn = null;
    expect(reportDraftSchema(id).safeParse(doc).success).toBe(true);
    expect(reportDocumentSchema(id).safeParse(doc).success).toBe(false);
  });

  it("keeps text and any storable number in a cell (the rules judge them), and still rejects what cannot be stored", () => {
    const base = () => sampleDocument("2021") as Record<string, any>;
    const issues = (d: Record<string, any>) => {
      const r = reportDraftSchema("2021").safeParse(d);
      return r.success ? [] : r.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    };
    let d = base();
    // "/", "—", "无" as in Word files, a negative count: saved with the draft, flagged by the rules
    d.applications.granted.legal = "/";
    d.applications.granted.commercial = "无";
    d.applications.granted.research = -2;
    expect(issues(d)).toEqual([]);
    d.applications.granted.legal = "字".repeat(201);
    d.applications.granted.otherOrg = { x: 1 };
    d.applications.granted.research = 1e13;
    d.proactive.fees.amount = 1.23456789;
    d.applications.granted.naturalPerson = "a\u0000b";
    d.contact.email = "a@b";
    d.proactive.procurement = {};
    expect(issues(d)).toEqual([
      'contact.email: 电子邮箱格式不正确：文字 "a@b"',
      "proactive.fees.amount: 最多 6 位小数，实际为 1.23456789（第二十条第（八）项 · 行政事业性收费 · 本年收费金额（单位：万元））",
      "proactive: 2021 模板没有「procurement」行（政府集中采购）",
      "applications.granted.naturalPerson: 含有无法保存的字符（空字符 NUL 或残缺的 Unicode 字符），请删除后重试。（三、本年度办理结果 · （一）予以公开 · 自然人）",
      "applications.granted.research: 数值过大（10000000000000），任何数值的绝对值都不能超过 1000000000000（三、本年度办理结果 · （一）予以公开 · 法人或其他组织 · 科研机构）",
      "applications.granted.legal: 文字过长（最多 200 字）（三、本年度办理结果 · （一）予以公开 · 法人或其他组织 · 法律服务机构）",
      "applications.granted.otherOrg: 应为不小于 0 的整数，实际为 对象，请填写数字（三、本年度办理结果 · （一）予以公开 · 法人或其他组织 · 其他）",
    ]);
    d = base();
    expect(issues(d)).toEqual([]);
  });

  it("the entries a save sends are read by the same pieces: parts may be left out, text in a cell passes, a bad date does not", () => {
    const schema = draftEntriesSchema("2021");
    expect(schema.safeParse({}).success).toBe(true);
    expect(schema.safeParse({ applications: { granted: { commercial: "—" } }, contact: { address: "某路1号" } }).success).toBe(true);
    const r = schema.safeParse({ issuedOn: "2025-02-30", applications: { granted: { commercial: true } }, proactive: { nope: {} } });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => formatPath(i.path))).toEqual(["issuedOn", "proactive", "applications.granted.commercial"]);
    expect(r.error.issues[0]!.message).toBe('成文日期应为 YYYY-MM-DD 格式的有效日期，实际为 文字 "2025-02-30"');
    // the form (form-safe row keys) checks a cell with the very same rule
    const form = reportDraftSchema("2021", { formKeys: true });
    const doc = sampleDocument("2021") as Record<string, any>;
    const values = { ...doc, ...sectionsToFormValues({ proactive: doc.proactive, applications: doc.applications, reviewLitigation: doc.reviewLitigation }) } as Record<string, any>;
    values.applications.denied__stateSecret.naturalPerson = "无";
    expect(form.safeParse(values).success).toBe(true);
    values.applications.denied__stateSecret.naturalPerson = "无".repeat(201);
    expect(form.safeParse(values).success).toBe(false);
  });

  it("offers form-safe row keys for react-hook-form (no dots in field names)", () => {
    const doc = sampleDocument("2021");
    expect(encodeFormRowKey("denied.stateSecret")).toBe("denied__stateSecret");
    expect(decodeFormRowKey("denied__stateSecret")).toBe("denied.stateSecret");
    const formValues = { ...doc, ...sectionsToFormValues({ proactive: doc.proactive, applications: doc.applications, reviewLitigation: doc.reviewLitigation }) };
    expect(Object.keys(formValues.applications).some((k) => k.includes("."))).toBe(false);
    const schema = reportDraftSchema("2021", { formKeys: true });
    const r = schema.safeParse(formValues);
    expect(r.success).toBe(true);
    expect(reportDraftSchema("2021").safeParse(formValues).success).toBe(false);
    const back = sectionsFromFormValues({ applications: formValues.applications });
    expect(back.applications).toEqual(doc.applications);
  });
});

describe("canonicalDocument", () => {
  it("orders keys as the template declares and drops what it does not know", () => {
    const doc = { ...fixture(), extra: true } as ReportDocument;
    const c = canonicalDocument(doc);
    expect(Object.keys(c)).toEqual([
      "format",
      "template",
      "agency",
      "year",
      "issuedOn",
      "contact",
      "narrative",
      "proactive",
      "applications",
      "reviewLitigation",
    ]);
    expect(c.format).toBe(EXCHANGE_FORMAT);
    expect(Object.keys(c.applications.received!)).toEqual(["naturalPerson", "commercial", "research", "publicInterest", "legal", "otherOrg", "total"]);
  });
});
