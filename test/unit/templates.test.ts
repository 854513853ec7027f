import { describe, expect, it } from "vitest";
import { exactSum } from "@/lib/templates/decimal";
import {
  TEMPLATE_IDS,
  cellId,
  cellsOf,
  deriveSections,
  findCell,
  getTemplate,
  layoutGridWidths,
  parseCellId,
  partName,
  reportTitle,
  tableLayout,
  templateIdForYear,
  type TemplateId,
} from "@/lib/templates";

// Labels copied verbatim from docs/product.md.
const APPLICATION_ROWS_COMMON: [string, string][] = [
  ["received", "一、本年新收政府信息公开申请数量"],
  ["carriedOver", "二、上年结转政府信息公开申请数量"],
  ["granted", "（一）予以公开"],
  ["partiallyGranted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"],
  ["denied.stateSecret", "1.属于国家秘密"],
  ["denied.prohibitedByLaw", "2.其他法律行政法规禁止公开"],
  ["denied.securityStability", "3.危及“三安全一稳定”"],
  ["denied.thirdPartyRights", "4.保护第三方合法权益"],
  ["denied.internalAffairs", "5.属于三类内部事务信息"],
  ["denied.processInformation", "6.属于四类过程性信息"],
  ["denied.enforcementFiles", "7.属于行政执法案卷"],
  ["denied.administrativeQuery", "8.属于行政查询事项"],
  ["unavailable.notHeld", "1.本机关不掌握相关政府信息"],
  ["unavailable.needsCreation", "2.没有现成信息需要另行制作"],
  ["unavailable.unclearAfterAmendment", "3.补正后申请内容仍不明确"],
  ["notProcessed.complaint", "1.信访举报投诉类申请"],
  ["notProcessed.duplicate", "2.重复申请"],
  ["notProcessed.publication", "3.要求提供公开出版物"],
  ["notProcessed.excessive", "4.无正当理由大量反复申请"],
  ["notProcessed.confirmation", "5.要求行政机关确认或重新出具已获取信息"],
];
const OTHER_HANDLING: Record<TemplateId, [string, string][]> = {
  "2019": [["otherHandling", "（六）其他处理"]],
  "2021": [
    ["otherHandling.overdueAmendment", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
    ["otherHandling.unpaidFee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
    ["otherHandling.other", "3.其他"],
  ],
};
const APPLICATION_ROWS_TAIL: [string, string][] = [
  ["handledTotal", "（七）总计"],
  ["carriedForward", "四、结转下年度继续办理"],
];
const APPLICATION_COLUMNS: [string, string][] = [
  ["naturalPerson", "自然人"],
  ["commercial", "商业企业"],
  ["research", "科研机构"],
  ["publicInterest", "社会公益组织"],
  ["legal", "法律服务机构"],
  ["otherOrg", "其他"],
  ["total", "总计"],
];
const PROACTIVE: Record<TemplateId, { item: string; rows: [string, string][]; columns: [string, string, string][] }[]> = {
  "2019": [
    {
      item: "第（一）项",
      rows: [["regulations", "规章"], ["normativeDocuments", "规范性文件"]],
      columns: [["made", "本年新制作数量", "count"], ["published", "本年新公开数量", "count"], ["total", "对外公开总数量", "count"]],
    },
    {
      item: "第（五）项",
      rows: [["licensing", "行政许可"], ["otherServices", "其他对外管理服务事项"]],
      columns: [["previous", "上一年项目数量", "count"], ["change", "本年增/减", "signedCount"], ["decisions", "处理决定数量", "count"]],
    },
    {
      item: "第（六）项",
      rows: [["penalties", "行政处罚"], ["coercion", "行政强制"]],
      columns: [["previous", "上一年项目数量", "count"], ["change", "本年增/减", "signedCount"], ["decisions", "处理决定数量", "count"]],
    },
    {
      item: "第（八）项",
      rows: [["fees", "行政事业性收费"]],
      columns: [["previous", "上一年项目数量", "count"], ["change", "本年增/减", "signedCount"]],
    },
    {
      item: "第（九）项",
      rows: [["procurement", "政府集中采购"]],
      columns: [["projects", "采购项目数量", "count"], ["amount", "采购总金额", "money"]],
    },
  ],
  "2021": [
    {
      item: "第（一）项",
      rows: [["regulations", "规章"], ["normativeDocuments", "行政规范性文件"]],
      columns: [["issued", "本年制发件数", "count"], ["repealed", "本年废止件数", "count"], ["inForce", "现行有效件数", "count"]],
    },
    { item: "第（五）项", rows: [["licensing", "行政许可"]], columns: [["decisions", "本年处理决定数量", "count"]] },
    {
      item: "第（六）项",
      rows: [["penalties", "行政处罚"], ["coercion", "行政强制"]],
      columns: [["decisions", "本年处理决定数量", "count"]],
    },
    { item: "第（八）项", rows: [["fees", "行政事业性收费"]], columns: [["amount", "本年收费金额（单位：万元）", "money"]] },
  ],
};

describe("template selection", () => {
  it("maps years to templates: ≤2020 → 2019, ≥2021 → 2021", () => {
    expect(TEMPLATE_IDS).toEqual(["2019", "2021"]);
    expect(templateIdForYear(2008)).toBe("2019");
    expect(templateIdForYear(2019)).toBe("2019");
    expect(templateIdForYear(2020)).toBe("2019");
    expect(templateIdForYear(2021)).toBe("2021");
    expect(templateIdForYear(2035)).toBe("2021");
  });

  it("names the official documents", () => {
    expect(getTemplate("2019").documentName).toBe("国办公开办函〔2019〕60号");
    expect(getTemplate("2021").documentName).toBe("国办公开办函〔2021〕30号");
    expect(reportTitle("贺兰县习岗镇", 2020)).toBe("贺兰县习岗镇2020年政府信息公开工作年度报告");
  });

  it("rejects an unknown template id", () => {
    expect(() => getTemplate("2020" as TemplateId)).toThrow();
  });
});

describe.each(TEMPLATE_IDS)("template %s", (id) => {
  const t = getTemplate(id);

  it("has the six parts with their official titles, in printed order", () => {
    expect(t.outline).toEqual(["overview", "proactive", "applications", "reviewLitigation", "problems", "other"]);
    expect(t.narrative.overview.title).toBe("一、总体情况");
    expect(t.sections.proactive.title).toBe("二、主动公开政府信息情况");
    expect(t.sections.applications.title).toBe("三、收到和处理政府信息公开申请情况");
    expect(t.sections.reviewLitigation.title).toBe("四、政府信息公开行政复议、行政诉讼情况");
    expect(t.narrative.problems.title).toBe("五、存在的主要问题及改进情况");
    expect(t.narrative.other.title).toBe("六、其他需要报告的事项");
    expect(t.narrative.overview.required && t.narrative.problems.required).toBe(true);
    expect(t.narrative.other.required).toBe(false);
    expect(t.narrative.overview.guidance).toContain("政府信息公开平台建设");
  });

  it("has the 二、主动公开 groups, rows, columns and kinds of docs/product.md verbatim", () => {
    const groups = t.sections.proactive.groups.map((g) => ({
      item: g.item,
      rows: g.rows.map((r) => [r.key, r.label]),
      columns: g.columns.map((c) => [c.key, c.label, c.kind]),
    }));
    expect(groups).toEqual(PROACTIVE[id]);
    for (const g of t.sections.proactive.groups) {
      expect(g.heading).toBe(`第二十条${g.item}`);
      expect(g.contentHeader).toBe("信息内容");
    }
    const money = t.sections.proactive.rows.flatMap((r) => r.columns.filter((c) => c.kind === "money"));
    expect(money.map((c) => c.unit)).toEqual(["万元"]);
  });

  it("has the 三、申请 rows and columns of docs/product.md verbatim", () => {
    const rows = t.sections.applications.rows.map((r) => [r.key, r.label]);
    expect(rows).toEqual([...APPLICATION_ROWS_COMMON, ...OTHER_HANDLING[id], ...APPLICATION_ROWS_TAIL]);
    expect(t.sections.applications.columns.map((c) => [c.key, c.label])).toEqual(APPLICATION_COLUMNS);
    expect(t.sections.applications.note).toBe("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
  });

  it("has the row hierarchy of 三 with label-only group headers", () => {
    const tree = t.sections.applications.rowTree;
    expect(tree.map((n) => n.label)).toEqual([
      "一、本年新收政府信息公开申请数量",
      "二、上年结转政府信息公开申请数量",
      "三、本年度办理结果",
      "四、结转下年度继续办理",
    ]);
    const results = tree[2]!;
    expect(results.key).toBeUndefined();
    expect(results.children!.map((n) => n.label)).toEqual([
      "（一）予以公开",
      "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
      "（三）不予公开",
      "（四）无法提供",
      "（五）不予处理",
      "（六）其他处理",
      "（七）总计",
    ]);
    const groupOnly = results.children!.filter((n) => n.children).map((n) => [n.label, n.children!.length, n.key]);
    expect(groupOnly).toEqual([
      ["（三）不予公开", 8, undefined],
      ["（四）无法提供", 3, undefined],
      ["（五）不予处理", 5, undefined],
      ...(id === "2021" ? [["（六）其他处理", 3, undefined]] : []),
    ]);
    const denied = t.sections.applications.rows.find((r) => r.key === "denied.securityStability")!;
    expect(denied.path).toEqual(["三、本年度办理结果", "（三）不予公开"]);
  });

  it("has the column hierarchy of 三: 申请人情况 › 自然人 | 法人或其他组织 › … | 总计", () => {
    const tree = t.sections.applications.columnTree;
    expect(tree.map((n) => n.label)).toEqual(["申请人情况", "总计"]);
    expect(tree[0]!.children!.map((n) => n.label)).toEqual(["自然人", "法人或其他组织"]);
    expect(tree[0]!.children![1]!.children!.map((n) => n.key)).toEqual(["commercial", "research", "publicInterest", "legal", "otherOrg"]);
  });

  it("has the 四、复议诉讼 groups with five columns each", () => {
    const s = t.sections.reviewLitigation;
    expect(s.rows.map((r) => [r.key, r.fullLabel])).toEqual([
      ["reconsideration", "行政复议"],
      ["litigationDirect", "行政诉讼 · 未经复议直接起诉"],
      ["litigationAfterReconsideration", "行政诉讼 · 复议后起诉"],
    ]);
    expect(s.columns.map((c) => [c.key, c.label])).toEqual([
      ["upheld", "结果维持"],
      ["corrected", "结果纠正"],
      ["other", "其他结果"],
      ["pending", "尚未审结"],
      ["total", "总计"],
    ]);
    expect(s.groupTree.map((n) => n.label)).toEqual(["行政复议", "行政诉讼"]);
  });

  it("lists every cell once, in a stable order, with the derived ones marked", () => {
    const cells = cellsOf(t);
    const expectedCount = id === "2019" ? 22 + 23 * 7 + 15 : 10 + 25 * 7 + 15;
    expect(cells).toHaveLength(expectedCount);
    expect(new Set(cells.map((c) => c.id)).size).toBe(cells.length);
    expect(cellsOf(t)).toBe(cells); // cached, stable
    expect(cells[0]!.section).toBe("proactive");
    expect(cells.at(-1)!.id).toBe("reviewLitigation/litigationAfterReconsideration/total");
    const derived = cells.filter((c) => c.derived).map((c) => c.id);
    const rows = t.sections.applications.rows.length;
    expect(derived).toHaveLength(rows + 6 + 3);
    expect(derived).toContain("applications/granted/total");
    expect(derived).toContain("applications/handledTotal/naturalPerson");
    expect(derived).toContain("reviewLitigation/reconsideration/total");
    expect(derived.filter((d) => d.startsWith("proactive"))).toEqual([]);
    const signed = cells.filter((c) => c.kind === "signedCount").map((c) => c.id);
    expect(signed.every((s) => s.endsWith("/change"))).toBe(true);
    expect(signed.length).toBe(id === "2019" ? 5 : 0);
  });

  it("labels cells by their official labels", () => {
    const c = findCell(t, "applications/denied.securityStability/commercial")!;
    expect(c.rowLabel).toBe("三、本年度办理结果 · （三）不予公开 · 3.危及“三安全一稳定”");
    expect(c.columnLabel).toBe("法人或其他组织 · 商业企业");
    expect(c.label).toBe(
      "三、收到和处理政府信息公开申请情况 · 三、本年度办理结果 · （三）不予公开 · 3.危及“三安全一稳定” · 法人或其他组织 · 商业企业",
    );
    expect(findCell(t, "reviewLitigation/litigationDirect/upheld")!.label).toBe(
      "四、政府信息公开行政复议、行政诉讼情况 · 行政诉讼 · 未经复议直接起诉 · 结果维持",
    );
  });

  it("round-trips cell ids", () => {
    for (const c of cellsOf(t)) {
      expect(cellId(c.section, c.row, c.column)).toBe(c.id);
      expect(parseCellId(c.id)).toEqual({ section: c.section, row: c.row, column: c.column });
    }
  });

  it("derives totals from the template's declarations", () => {
    const h = t.sections.applications.rows.find((r) => r.key === "handledTotal")!;
    expect(h.derivation!.sumOf).toHaveLength(t.sections.applications.rows.length - 4);
    const filled = deriveSections(t, {
      applications: { granted: { naturalPerson: 2, commercial: 1, research: 0, publicInterest: 0, legal: 0, otherOrg: 0 } },
      reviewLitigation: { reconsideration: { upheld: 1, corrected: 2, other: 3, pending: 4 } },
    });
    expect(filled.applications.granted!.total).toBe(3);
    expect(filled.applications.handledTotal!.naturalPerson).toBeNull(); // other result rows are blank
    expect(filled.reviewLitigation.reconsideration!.total).toBe(10);
    expect(filled.proactive.regulations).toBeDefined();
  });

  it("adds whole numbers as exactly as the decimal sum does, up to the largest figure", () => {
    const cols = t.sections.applications.rows.find((r) => r.key === "received")!.columns.filter((c) => !c.derived);
    for (const figures of [[1e12, 1e12, 1e12, 1e12, 1e12, 1e12], [999999999999, 1, 0, 7, 123456789012, 3], [0, -0, 0, 0, 0, 0]]) {
      const row = Object.fromEntries(cols.map((c, i) => [c.key, figures[i]!]));
      const filled = deriveSections(t, { applications: { received: row } });
      expect(filled.applications.received!.total).toBe(exactSum(figures));
    }
  });

  it("is immutable data", () => {
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.isFrozen(t.sections.applications.rows[0]!.columns)).toBe(true);
  });
});

// The names a form control, a message and a comment use, copied from docs/product.md
// "Accessible names" (not derived from the template, so a changed label fails here).
describe("the one short name of every part", () => {
  const common = ["一、本年新收政府信息公开申请数量 自然人", "（一）予以公开 商业企业", "1.属于国家秘密 法律服务机构", "行政复议 结果维持", "未经复议直接起诉 尚未审结", "复议后起诉 结果纠正"];
  it.each([
    ["2019", [...common, "规章 本年新制作数量", "行政许可 上一年项目数量", "政府集中采购 采购总金额", "（六）其他处理 其他"]],
    ["2021", [...common, "规章 本年制发件数", "行政许可 本年处理决定数量", "3.其他 科研机构"]],
  ] as const)("template %s names its cells as the form does, each name once", (id, expected) => {
    const names = cellsOf(getTemplate(id)).map((c) => c.name);
    for (const name of expected) expect(names).toContain(name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of cellsOf(getTemplate(id))) expect(partName(getTemplate(id), c.id)).toBe(c.name);
  });

  it("names the header fields and the narrative parts by their labels on the form", () => {
    const t = getTemplate("2021");
    expect(["contact.address", "contact.phone", "contact.email", "issuedOn"].map((k) => partName(t, k))).toEqual(["地址", "电话", "电子邮箱", "成文日期"]);
    expect(["narrative.overview", "narrative.problems", "narrative.other"].map((k) => partName(t, k))).toEqual(["一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]);
    expect(partName(t, "contact")).toBe("联系方式");
    expect(partName(t, "contact.fax")).toBeUndefined();
    expect(partName(t, "narrative.toString")).toBeUndefined();
    expect(partName(t, "applications/received/nope")).toBeUndefined();
  });
});

describe("parseCellId", () => {
  it("rejects malformed ids", () => {
    expect(parseCellId("applications.received.total")).toBeNull();
    expect(parseCellId("nope/received/total")).toBeNull();
    expect(parseCellId("applications//total")).toBeNull();
    expect(parseCellId("applications/received/total/x")).toBeNull();
  });
});

describe.each(TEMPLATE_IDS)("printed layout, template %s", (id) => {
  const t = getTemplate(id);

  it("covers a full rectangle in every table", () => {
    for (const s of ["proactive", "applications", "reviewLitigation"] as const) {
      const layout = tableLayout(t, s);
      expect(layoutGridWidths(layout).every((w) => w === layout.columnCount)).toBe(true);
      const values = layout.rows.flat().filter((c) => c.type === "value");
      expect(values.map((c) => c.cell!.id).sort()).toEqual(cellsOf(t).filter((c) => c.section === s).map((c) => c.id).sort());
    }
  });

  it("prints 三 with the note in the corner and the merged row groups", () => {
    const layout = tableLayout(t, "applications");
    expect(layout.headRowCount).toBe(3);
    expect(layout.columnCount).toBe(3 + 7);
    const [corner, applicants, total] = layout.rows[0]!;
    expect(corner).toMatchObject({ type: "note", rowSpan: 3, colSpan: 3 });
    expect(applicants).toMatchObject({ text: "申请人情况", colSpan: 6 });
    expect(total).toMatchObject({ text: "总计", rowSpan: 3 });
    expect(layout.rows[1]!.map((c) => c.text)).toEqual(["自然人", "法人或其他组织"]);
    const body = layout.rows.slice(3);
    expect(body[0]![0]).toMatchObject({ type: "label", text: "一、本年新收政府信息公开申请数量", colSpan: 3 });
    expect(body[2]![0]).toMatchObject({ text: "三、本年度办理结果", rowSpan: id === "2019" ? 20 : 22 });
    expect(body[2]![1]).toMatchObject({ text: "（一）予以公开", colSpan: 2 });
    expect(body[4]![0]).toMatchObject({ text: "（三）不予公开", rowSpan: 8 });
    expect(body.at(-1)![0]).toMatchObject({ text: "四、结转下年度继续办理", colSpan: 3 });
  });

  it("prints 四 with 行政复议 | 行政诉讼 › 未经复议直接起诉 | 复议后起诉", () => {
    const layout = tableLayout(t, "reviewLitigation");
    expect(layout.headRowCount).toBe(3);
    expect(layout.rows[0]!.map((c) => [c.text, c.colSpan])).toEqual([["行政复议", 5], ["行政诉讼", 10]]);
    expect(layout.rows[1]!.slice(0, 5).every((c) => c.rowSpan === 2)).toBe(true);
    expect(layout.rows[1]!.slice(5).map((c) => c.text)).toEqual(["未经复议直接起诉", "复议后起诉"]);
    expect(layout.rows[3]).toHaveLength(15);
  });

  it("prints 二 as one small table per 第二十条 item", () => {
    const layout = tableLayout(t, "proactive");
    const headings = layout.rows.flat().filter((c) => c.type === "heading").map((c) => c.text);
    expect(headings).toEqual(t.sections.proactive.groups.map((g) => g.heading));
    expect(layout.columnCount).toBe(4);
  });
});

describe("2021 六、其他需要报告的事项 guidance", () => {
  it("lists the four items of the 2021 format, and none in 2019", () => {
    expect(getTemplate("2021").narrative.other.guidance).toEqual([
      "依据《政府信息公开信息处理费管理办法》收取信息处理费的情况",
      "落实上级年度政务公开工作要点情况",
      "人大代表建议和政协提案办理结果公开情况",
      "年度政务公开工作创新情况",
    ]);
    expect(getTemplate("2019").narrative.other.guidance).toEqual([]);
  });
});
