/**
 * The two national report formats, as data.
 *
 * Labels are verbatim from the official formats (国办公开办函〔2019〕60号, 〔2021〕30号). The
 * declarations below are compact; build() turns them into the full ReportTemplate
 * (flat row lists, label paths, derivations), so each label is written exactly once.
 */
import type {
  ApplicationsSectionDef,
  CellKind,
  ColumnDef,
  Derivation,
  DerivationRuleId,
  LabelNode,
  NarrativeSectionDef,
  ProactiveGroup,
  ProactiveSectionDef,
  ReportTemplate,
  ReviewLitigationSectionDef,
  RowDef,
  TemplateId,
  ContactFieldDef,
} from "./types";

// ---------------------------------------------------------------------------
// Declarations
// ---------------------------------------------------------------------------

interface ColumnDecl {
  key: string;
  label: string;
  kind?: CellKind; // default "count"
  unit: string;
  /** derived column: sum of these columns of the same row */
  sum?: { rule: DerivationRuleId; of: readonly string[]; label?: string };
}

interface RowDecl {
  key?: string;
  label: string;
  shortLabel?: string;
  /** derived row: sum of every other data row of the enclosing group */
  sumOfSiblings?: { rule: DerivationRuleId; label: string };
  children?: readonly RowDecl[];
}

interface ProactiveGroupDecl {
  item: string;
  columns: readonly ColumnDecl[];
  /** key → label, in the format's order */
  rows: Readonly<Record<string, string>>;
}

const SEP = " · ";

/** Count columns of one unit: key → label, in order. */
function counted(unit: string, labels: Readonly<Record<string, string>>): ColumnDecl[] {
  return Object.entries(labels).map(([key, label]) => ({ key, label, unit }));
}

/** The numbered cases under one heading of 三 (`1.…`, `2.…`), keyed `group.case`. */
function numbered(group: string, labels: Readonly<Record<string, string>>): RowDecl[] {
  return Object.entries(labels).map(([key, label], i) => ({ key: `${group}.${key}`, label: `${i + 1}.${label}` }));
}

// --- 二、主动公开政府信息情况 ---------------------------------------------------

// 第（五）（六）（八）项 share one column set (第（八）项 without 处理决定数量)
const ITEM_CHANGE_COLUMNS_2019 = [
  { key: "previous", label: "上一年项目数量", unit: "项" },
  { key: "change", label: "本年增/减", kind: "signedCount", unit: "项" },
  { key: "decisions", label: "处理决定数量", unit: "件" },
] as const satisfies readonly ProactiveGroupDecl["columns"][number][];

const PROACTIVE_2019: readonly ProactiveGroupDecl[] = [
  {
    item: "第（一）项",
    columns: counted("件", { made: "本年新制作数量", published: "本年新公开数量", total: "对外公开总数量" }),
    rows: { regulations: "规章", normativeDocuments: "规范性文件" },
  },
  { item: "第（五）项", columns: ITEM_CHANGE_COLUMNS_2019, rows: { licensing: "行政许可", otherServices: "其他对外管理服务事项" } },
  { item: "第（六）项", columns: ITEM_CHANGE_COLUMNS_2019, rows: { penalties: "行政处罚", coercion: "行政强制" } },
  { item: "第（八）项", columns: ITEM_CHANGE_COLUMNS_2019.slice(0, 2), rows: { fees: "行政事业性收费" } },
  {
    item: "第（九）项",
    columns: [
      { key: "projects", label: "采购项目数量", unit: "个" },
      { key: "amount", label: "采购总金额", kind: "money", unit: "万元" },
    ],
    rows: { procurement: "政府集中采购" },
  },
];

const PROACTIVE_2021: readonly ProactiveGroupDecl[] = [
  {
    item: "第（一）项",
    columns: counted("件", { issued: "本年制发件数", repealed: "本年废止件数", inForce: "现行有效件数" }),
    rows: { regulations: "规章", normativeDocuments: "行政规范性文件" },
  },
  { item: "第（五）项", columns: counted("件", { decisions: "本年处理决定数量" }), rows: { licensing: "行政许可" } },
  { item: "第（六）项", columns: counted("件", { decisions: "本年处理决定数量" }), rows: { penalties: "行政处罚", coercion: "行政强制" } },
  {
    item: "第（八）项",
    columns: [{ key: "amount", label: "本年收费金额（单位：万元）", kind: "money", unit: "万元" }],
    rows: { fees: "行政事业性收费" },
  },
];

// --- 三、收到和处理政府信息公开申请情况 -----------------------------------------

/** 法人或其他组织: the applicant columns after 自然人 */
const ORGANISATIONS = { commercial: "商业企业", research: "科研机构", publicInterest: "社会公益组织", legal: "法律服务机构", otherOrg: "其他" } as const;
const APPLICANTS = { naturalPerson: "自然人", ...ORGANISATIONS } as const;

const APPLICATION_COLUMNS: readonly ColumnDecl[] = [
  ...counted("件", APPLICANTS),
  {
    key: "total",
    label: "总计",
    unit: "件",
    sum: { rule: "rowTotal", of: Object.keys(APPLICANTS), label: "自然人及法人或其他组织各列之和" },
  },
];

/** Header tree of the application table (merged header cells). */
const APPLICATION_COLUMN_TREE: readonly LabelNode[] = [
  {
    label: "申请人情况",
    silent: true,
    children: [
      { label: APPLICANTS.naturalPerson, key: "naturalPerson" },
      { label: "法人或其他组织", children: Object.entries(ORGANISATIONS).map(([key, label]) => ({ label, key })) },
    ],
  },
  { label: "总计", key: "total" },
];

const OTHER_HANDLING_2019: RowDecl = { key: "otherHandling", label: "（六）其他处理" };
const OTHER_HANDLING_2021: RowDecl = {
  label: "（六）其他处理",
  children: numbered("otherHandling", {
    overdueAmendment: "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    unpaidFee: "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    other: "其他",
  }),
};

function applicationRows(otherHandling: RowDecl): readonly RowDecl[] {
  return [
    { key: "received", label: "一、本年新收政府信息公开申请数量", shortLabel: "一、本年新收" },
    { key: "carriedOver", label: "二、上年结转政府信息公开申请数量", shortLabel: "二、上年结转" },
    {
      label: "三、本年度办理结果",
      children: [
        { key: "granted", label: "（一）予以公开" },
        { key: "partiallyGranted", label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" },
        {
          label: "（三）不予公开",
          children: numbered("denied", {
            stateSecret: "属于国家秘密",
            prohibitedByLaw: "其他法律行政法规禁止公开",
            securityStability: "危及“三安全一稳定”",
            thirdPartyRights: "保护第三方合法权益",
            internalAffairs: "属于三类内部事务信息",
            processInformation: "属于四类过程性信息",
            enforcementFiles: "属于行政执法案卷",
            administrativeQuery: "属于行政查询事项",
          }),
        },
        {
          label: "（四）无法提供",
          children: numbered("unavailable", { notHeld: "本机关不掌握相关政府信息", needsCreation: "没有现成信息需要另行制作", unclearAfterAmendment: "补正后申请内容仍不明确" }),
        },
        {
          label: "（五）不予处理",
          children: numbered("notProcessed", {
            complaint: "信访举报投诉类申请",
            duplicate: "重复申请",
            publication: "要求提供公开出版物",
            excessive: "无正当理由大量反复申请",
            confirmation: "要求行政机关确认或重新出具已获取信息",
          }),
        },
        otherHandling,
        {
          key: "handledTotal",
          label: "（七）总计",
          shortLabel: "三、办理结果（七）总计",
          sumOfSiblings: { rule: "handledTotal", label: "（一）至（六）各项办理结果之和" },
        },
      ],
    },
    { key: "carriedForward", label: "四、结转下年度继续办理", shortLabel: "四、结转下年度" },
  ];
}

const APPLICATIONS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

// --- 四、政府信息公开行政复议、行政诉讼情况 -------------------------------------

const REVIEW_OUTCOMES = { upheld: "结果维持", corrected: "结果纠正", other: "其他结果", pending: "尚未审结" } as const;
const REVIEW_COLUMNS: readonly ColumnDecl[] = [
  ...counted("件", REVIEW_OUTCOMES),
  { key: "total", label: "总计", unit: "件", sum: { rule: "groupTotal", of: Object.keys(REVIEW_OUTCOMES) } },
];

const REVIEW_GROUP_TREE: readonly LabelNode[] = [
  { label: "行政复议", key: "reconsideration" },
  {
    label: "行政诉讼",
    children: [
      { label: "未经复议直接起诉", key: "litigationDirect" },
      { label: "复议后起诉", key: "litigationAfterReconsideration" },
    ],
  },
];

// --- narrative ---------------------------------------------------------------

const OVERVIEW_GUIDANCE = [
  "主动公开",
  "依申请公开",
  "政府信息管理",
  "政府信息公开平台建设",
  "监督保障（包括工作考核、社会评议和责任追究结果）",
] as const;

const OTHER_GUIDANCE_2021 = [
  "依据《政府信息公开信息处理费管理办法》收取信息处理费的情况",
  "落实上级年度政务公开工作要点情况",
  "人大代表建议和政协提案办理结果公开情况",
  "年度政务公开工作创新情况",
] as const;

function narrative(otherGuidance: readonly string[]): ReportTemplate["narrative"] {
  const n = (key: NarrativeSectionDef["key"], number: string, title: string, guidance: readonly string[], required: boolean) =>
    ({ key, number, title: `${number}、${title}`, guidance, required }) satisfies NarrativeSectionDef;
  return {
    overview: n("overview", "一", "总体情况", OVERVIEW_GUIDANCE, true),
    problems: n("problems", "五", "存在的主要问题及改进情况", [], true),
    other: n("other", "六", "其他需要报告的事项", otherGuidance, false),
  };
}

/**
 * The report's header fields (template independent). One label each, the same on the form
 * (its accessible name), in every message and in the printed preamble (docs/product.md
 * "Accessible names"); the aliases are what agencies' own documents say instead.
 */
export const CONTACT_FIELDS: readonly ContactFieldDef[] = [
  { key: "address", label: "地址", aliases: ["通信地址", "通讯地址", "联系地址"] },
  { key: "phone", label: "电话", aliases: ["联系电话"] },
  { key: "email", label: "电子邮箱", aliases: ["电子信箱", "邮箱", "E-mail", "Email"] },
];

/** key → label of the contact fields */
export const CONTACT_LABELS = Object.fromEntries(CONTACT_FIELDS.map((f) => [f.key, f.label])) as Readonly<Record<ContactFieldDef["key"], string>>;

/** The other header field and the names of the report's parts a comment may point at. */
export const FIELD_LABELS = {
  issuedOn: "成文日期",
  contact: "联系方式",
  narrative: "正文（一、五、六）",
} as const;

// ---------------------------------------------------------------------------
// Builder
// ---------------------------------------------------------------------------

function column(decl: ColumnDecl, path: readonly string[]): ColumnDef {
  const derivation: Derivation | null = decl.sum
    ? { rule: decl.sum.rule, sumOf: decl.sum.of, sumLabel: decl.sum.label ?? "" }
    : null;
  return {
    key: decl.key,
    label: decl.label,
    path,
    fullLabel: [...path, decl.label].join(SEP),
    kind: decl.kind ?? "count",
    unit: decl.unit,
    derived: derivation !== null,
    derivation,
  };
}

function fillSumLabels(columns: ColumnDef[]): ColumnDef[] {
  return columns.map((c) =>
    c.derivation && !c.derivation.sumLabel
      ? {
          ...c,
          derivation: {
            ...c.derivation,
            sumLabel: `${c.derivation.sumOf.map((k) => columns.find((x) => x.key === k)?.label ?? k).join("、")}之和`,
          },
        }
      : c,
  );
}

function leafKeys(nodes: readonly { key?: string; children?: readonly unknown[] }[]): string[] {
  const out: string[] = [];
  const walk = (n: { key?: string; children?: readonly unknown[] }) => {
    if (n.children) (n.children as typeof nodes).forEach(walk);
    else if (n.key) out.push(n.key);
  };
  nodes.forEach(walk);
  return out;
}

/** path (header group labels) of every leaf of a label tree */
function leafPaths(nodes: readonly LabelNode[], prefix: readonly string[] = []): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const n of nodes) {
    if (n.children) for (const [k, p] of leafPaths(n.children, n.silent ? prefix : [...prefix, n.label])) out.set(k, p);
    else if (n.key) out.set(n.key, prefix);
  }
  return out;
}

function buildProactive(groups: readonly ProactiveGroupDecl[], narrowGroups: "pad" | "span"): ProactiveSectionDef {
  const built: ProactiveGroup[] = groups.map((g) => {
    const heading = `第二十条${g.item}`;
    const columns = fillSumLabels(g.columns.map((c) => column(c, [])));
    const rows: RowDef[] = Object.entries(g.rows).map(([key, label]) => ({
      key,
      label,
      path: [heading],
      fullLabel: `${heading}${SEP}${label}`,
      shortLabel: label,
      columns,
      derived: false,
      derivation: null,
    }));
    return { item: g.item, heading, contentHeader: "信息内容", columns, rows };
  });
  return {
    key: "proactive",
    number: "二",
    title: "二、主动公开政府信息情况",
    rows: built.flatMap((g) => g.rows),
    groups: built,
    valueColumnCount: Math.max(...built.map((g) => g.columns.length)),
    narrowGroups,
  };
}

function toLabelNodes(decls: readonly RowDecl[]): LabelNode[] {
  return decls.map((d) => (d.children ? { label: d.label, children: toLabelNodes(d.children) } : { label: d.label, key: d.key }));
}

function buildApplications(otherHandling: RowDecl): ApplicationsSectionDef {
  const decls = applicationRows(otherHandling);
  const paths = leafPaths(APPLICATION_COLUMN_TREE);
  const columns = fillSumLabels(APPLICATION_COLUMNS.map((c) => column(c, paths.get(c.key) ?? [])));
  const rows: RowDef[] = [];
  const walk = (list: readonly RowDecl[], path: readonly string[]) => {
    for (const d of list) {
      if (d.children) {
        walk(d.children, [...path, d.label]);
        continue;
      }
      const key = d.key!;
      const derivation: Derivation | null = d.sumOfSiblings
        ? {
            rule: d.sumOfSiblings.rule,
            sumOf: leafKeys(list).filter((k) => k !== key),
            sumLabel: d.sumOfSiblings.label,
          }
        : null;
      rows.push({
        key,
        label: d.label,
        path,
        fullLabel: [...path, d.label].join(SEP),
        shortLabel: d.shortLabel ?? d.label,
        columns,
        derived: derivation !== null,
        derivation,
      });
    }
  };
  walk(decls, []);
  return {
    key: "applications",
    number: "三",
    title: "三、收到和处理政府信息公开申请情况",
    rows,
    columns,
    columnTree: APPLICATION_COLUMN_TREE,
    rowTree: toLabelNodes(decls),
    note: APPLICATIONS_NOTE,
    balance: { left: ["received", "carriedOver"], right: ["handledTotal", "carriedForward"] },
    carryOver: { row: "carriedOver", lastYearRow: "carriedForward" },
  };
}

function buildReviewLitigation(): ReviewLitigationSectionDef {
  const columns = fillSumLabels(REVIEW_COLUMNS.map((c) => column(c, [])));
  const paths = leafPaths(REVIEW_GROUP_TREE);
  const labels = new Map<string, string>();
  const collect = (ns: readonly LabelNode[]) =>
    ns.forEach((n) => (n.children ? collect(n.children) : n.key && labels.set(n.key, n.label)));
  collect(REVIEW_GROUP_TREE);
  const rows: RowDef[] = leafKeys(REVIEW_GROUP_TREE).map((key) => {
    const path = paths.get(key) ?? [];
    const label = labels.get(key)!;
    const fullLabel = [...path, label].join(SEP);
    return { key, label, path, fullLabel, shortLabel: fullLabel, columns, derived: false, derivation: null };
  });
  return {
    key: "reviewLitigation",
    number: "四",
    title: "四、政府信息公开行政复议、行政诉讼情况",
    rows,
    columns,
    groupTree: REVIEW_GROUP_TREE,
  };
}

const OUTLINE = ["overview", "proactive", "applications", "reviewLitigation", "problems", "other"] as const;

const REGULATION = "《中华人民共和国政府信息公开条例》";

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

export const TEMPLATE_2019: ReportTemplate = deepFreeze({
  id: "2019",
  documentName: "国办公开办函〔2019〕60号",
  documentTitle: "国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知",
  citation: `${REGULATION}和《关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）`,
  years: { from: null, to: 2020 },
  narrative: narrative([]),
  sections: {
    proactive: buildProactive(PROACTIVE_2019, "pad"),
    applications: buildApplications(OTHER_HANDLING_2019),
    reviewLitigation: buildReviewLitigation(),
  },
  outline: OUTLINE,
});

export const TEMPLATE_2021: ReportTemplate = deepFreeze({
  id: "2021",
  documentName: "国办公开办函〔2021〕30号",
  documentTitle: "国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知",
  // the 2021 reports cite the format itself, never the 2019 notice's title beside 〔2021〕30号
  citation: `${REGULATION}和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）`,
  years: { from: 2021, to: null },
  narrative: narrative(OTHER_GUIDANCE_2021),
  sections: {
    proactive: buildProactive(PROACTIVE_2021, "span"),
    applications: buildApplications(OTHER_HANDLING_2021),
    reviewLitigation: buildReviewLitigation(),
  },
  outline: OUTLINE,
});

export const TEMPLATES: { readonly [K in TemplateId]: ReportTemplate } = { "2019": TEMPLATE_2019, "2021": TEMPLATE_2021 };
