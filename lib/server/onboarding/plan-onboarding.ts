import { createHash } from "node:crypto";
import { AGENCY_KIND_LABELS, agencyCodeProblem, regionCodeProblem, type AgencyKindName } from "@/lib/codes";
import { USERNAME_PATTERN, scopeProblem } from "@/lib/admin/schemas";
import { normalizeUsername } from "@/lib/auth/username";
import { isSafeText, nameProblem, UNSAFE_TEXT_MESSAGE } from "@/lib/zod";
import type { Db } from "../prisma";
import { MAX_CSV_BYTES, decodeCsv, readCsvTable, type CsvLine } from "./read-csv";

type Tx = Pick<Db, "agency" | "region" | "user">;

export const AGENCY_HEADER = ["代码", "名称", "类型", "所属地区代码"] as const;
export const USER_HEADER = ["用户名", "姓名", "角色", "范围"] as const;

const KIND_BY_LABEL: Record<string, AgencyKindName> = { 乡镇: "TOWNSHIP", 部门: "DEPARTMENT" };
const ROLE_BY_LABEL = { 填报人: "CLERK", 审核人: "REVIEWER", 管理员: "ADMIN" } as const;
type RoleName = (typeof ROLE_BY_LABEL)[keyof typeof ROLE_BY_LABEL];

export type OnboardingFileKey = "agencies" | "users";
export const FILE_LABELS: Record<OnboardingFileKey, string> = { agencies: "单位名单", users: "用户名单" };

export interface LineProblem {
  file: OnboardingFileKey;
  /** null when the problem is the file as a whole (encoding, header, empty) */
  line: number | null;
  message: string;
}

export interface AgencyRow {
  line: number;
  code: string;
  name: string;
  kind: AgencyKindName;
  regionCode: string;
  regionName: string;
}
export interface AgencyChange extends AgencyRow {
  id: string;
  changes: Record<string, [string, string]>;
}
export interface UserRow {
  line: number;
  username: string;
  displayName: string;
  role: RoleName;
  scopeCode: string | null;
  scopeName: string | null;
}

export interface OnboardingFile {
  name: string;
  bytes: Uint8Array;
}

export interface OnboardingPlan {
  /** fingerprint of the files previewed: confirming other files is refused */
  digest: string;
  encodings: Partial<Record<OnboardingFileKey, "UTF-8" | "GBK">>;
  agencies: { create: AgencyRow[]; update: AgencyChange[]; unchanged: number };
  users: { create: UserRow[] };
  problems: LineProblem[];
}

export function onboardingDigest(files: Partial<Record<OnboardingFileKey, OnboardingFile>>): string {
  const h = createHash("sha256");
  for (const key of ["agencies", "users"] as const) {
    h.update(`${key}:${files[key]?.bytes.byteLength ?? -1}:`);
    if (files[key]) h.update(files[key].bytes);
  }
  return h.digest("hex");
}

function readFile(key: OnboardingFileKey, file: OnboardingFile, header: readonly string[], problems: LineProblem[]) {
  if (file.bytes.byteLength > MAX_CSV_BYTES) {
    problems.push({ file: key, line: null, message: `文件超过 ${MAX_CSV_BYTES / 1024} KB，请分批导入。` });
    return null;
  }
  const decoded = decodeCsv(file.bytes);
  if (!decoded.ok) {
    problems.push({ file: key, line: null, message: decoded.message });
    return null;
  }
  const table = readCsvTable(decoded.text, header);
  if (!table.ok) {
    problems.push({ file: key, line: table.line, message: table.message });
    return null;
  }
  // a NUL or broken character would fail in the database: refuse the line, and keep it out of the lookups
  const rows = table.rows.filter((row) => {
    if (row.cells.every(isSafeText)) return true;
    problems.push({ file: key, line: row.line, message: `本行${UNSAFE_TEXT_MESSAGE}` });
    return false;
  });
  return { rows, encoding: decoded.encoding };
}

function columnCountProblem(row: CsvLine, header: readonly string[]): string | null {
  return row.cells.length === header.length ? null : `应有 ${header.length} 列（${header.join(",")}），实际 ${row.cells.length} 列。`;
}

/**
 * Checks the onboarding files against each other and the database and says what
 * confirming would do, line by line. Writes nothing. Users may name agencies that the
 * agencies file (uploaded with them) creates.
 */
export async function planOnboarding(tx: Tx, files: Partial<Record<OnboardingFileKey, OnboardingFile>>): Promise<OnboardingPlan> {
  const problems: LineProblem[] = [];
  const plan: OnboardingPlan = {
    digest: onboardingDigest(files),
    encodings: {},
    agencies: { create: [], update: [], unchanged: 0 },
    users: { create: [] },
    problems,
  };
  if (!files.agencies && !files.users) {
    problems.push({ file: "agencies", line: null, message: "请选择要导入的单位名单或用户名单（CSV 文件）。" });
    return plan;
  }

  const agencyFile = files.agencies ? readFile("agencies", files.agencies, AGENCY_HEADER, problems) : null;
  const userFile = files.users ? readFile("users", files.users, USER_HEADER, problems) : null;
  if (agencyFile) plan.encodings.agencies = agencyFile.encoding;
  if (userFile) plan.encodings.users = userFile.encoding;

  // ---- agencies ----
  const fileAgencies = new Map<string, { line: number; active: true }>();
  if (agencyFile) {
    const codes = agencyFile.rows.map((r) => r.cells[0] ?? "").filter(Boolean);
    const regionCodes = [...new Set(agencyFile.rows.map((r) => r.cells[3] ?? "").filter(Boolean))];
    const [existing, regions] = await Promise.all([
      tx.agency.findMany({ where: { code: { in: codes } }, include: { _count: { select: { reports: true } } } }),
      tx.region.findMany({ where: { code: { in: regionCodes } } }),
    ]);
    const existingByCode = new Map(existing.map((a) => [a.code, a]));
    const regionByCode = new Map(regions.map((r) => [r.code, r]));
    const seen = new Map<string, number>();

    for (const row of agencyFile.rows) {
      const fail = (message: string) => problems.push({ file: "agencies", line: row.line, message });
      const columns = columnCountProblem(row, AGENCY_HEADER);
      if (columns) {
        fail(columns);
        continue;
      }
      const [code, name, kindLabel, regionCode] = row.cells;
      const reasons: string[] = [];
      const kind = KIND_BY_LABEL[kindLabel];
      if (!code) reasons.push("代码为空。");
      if (!name) reasons.push("名称为空。");
      else if (name.length > 80) reasons.push("名称超过 80 个字符。");
      else reasons.push(...[nameProblem(name, "名称")].filter((p) => p !== null));
      if (!kind) reasons.push(`类型应为“乡镇”或“部门”，而不是“${kindLabel}”。`);
      const region = regionByCode.get(regionCode);
      const regionProblem = regionCodeProblem(regionCode);
      if (regionProblem) reasons.push(`所属地区代码“${regionCode}”有误：${regionProblem}`);
      else if (!region) reasons.push(`未知地区：所属地区代码 ${regionCode} 不存在，请先在“行政区划”中建立。`);
      else if (!region.active) reasons.push(`所属地区 ${region.name}（${regionCode}）已停用。`);
      if (code && kind) {
        const codeProblem = agencyCodeProblem(code, kind, regionCode);
        if (codeProblem) reasons.push(`代码“${code}”格式有误：${codeProblem}`);
      }
      if (code && seen.has(code)) reasons.push(`代码 ${code} 与第 ${seen.get(code)} 行重复。`);
      if (code && !seen.has(code)) seen.set(code, row.line);
      const before = existingByCode.get(code);
      if (before && before.regionCode !== regionCode && before._count.reports > 0)
        reasons.push(`代码 ${code} 已是 ${before.name}（已有报告）的代码，所属地区不能改为 ${regionCode}。`);
      if (reasons.length > 0 || !kind || !region) {
        for (const message of reasons) fail(message);
        continue;
      }
      fileAgencies.set(code, { line: row.line, active: true });
      const item: AgencyRow = { line: row.line, code, name, kind, regionCode, regionName: region.name };
      if (!before) {
        plan.agencies.create.push(item);
        continue;
      }
      const changes: Record<string, [string, string]> = {};
      if (before.name !== name) changes.name = [before.name, name];
      if (before.kind !== kind) changes.kind = [AGENCY_KIND_LABELS[before.kind], AGENCY_KIND_LABELS[kind]];
      if (before.regionCode !== regionCode) changes.regionCode = [before.regionCode, regionCode];
      if (!before.active) problems.push({ file: "agencies", line: row.line, message: `单位 ${code}（${before.name}）已停用，请先在“填报单位”中启用。` });
      else if (Object.keys(changes).length > 0) plan.agencies.update.push({ ...item, id: before.id, changes });
      else plan.agencies.unchanged++;
    }
  }

  // ---- users ----
  if (userFile) {
    // usernames are compared without regard to case and stored in lower case (lib/auth/username.ts)
    const usernames = userFile.rows.map((r) => normalizeUsername(r.cells[0] ?? "")).filter(Boolean);
    const scopes = [...new Set(userFile.rows.map((r) => r.cells[3] ?? "").filter(Boolean))];
    const [existingUsers, agencies, regions] = await Promise.all([
      tx.user.findMany({ where: { username: { in: usernames } }, select: { username: true } }),
      tx.agency.findMany({ where: { code: { in: scopes } }, select: { code: true, name: true, active: true } }),
      tx.region.findMany({ where: { code: { in: scopes } }, select: { code: true, name: true, active: true } }),
    ]);
    const taken = new Set(existingUsers.map((u) => u.username));
    const agencyByCode = new Map(agencies.map((a) => [a.code, a]));
    const regionByCode = new Map(regions.map((r) => [r.code, r]));
    const plannedAgencies = new Map(
      [...plan.agencies.create, ...plan.agencies.update].map((a) => [a.code, a.name]),
    );
    const seen = new Map<string, number>();

    for (const row of userFile.rows) {
      const fail = (message: string) => problems.push({ file: "users", line: row.line, message });
      const columns = columnCountProblem(row, USER_HEADER);
      if (columns) {
        fail(columns);
        continue;
      }
      const [rawUsername, displayName, roleLabel, scopeCode] = row.cells;
      const username = normalizeUsername(rawUsername);
      const reasons: string[] = [];
      const role = (ROLE_BY_LABEL as Record<string, RoleName>)[roleLabel];
      const caseNote = rawUsername === username ? "" : `（即 ${username}，用户名不区分大小写）`;
      if (!USERNAME_PATTERN.test(username)) reasons.push(`用户名“${rawUsername}”无效：应为 3–40 位字母、数字或 . _ -，以字母或数字开头。`);
      else if (seen.has(username)) reasons.push(`用户名 ${rawUsername} 与第 ${seen.get(username)} 行重复${caseNote}。`);
      else if (taken.has(username)) reasons.push(`用户名 ${rawUsername} 已存在${caseNote}：批量导入只新建账号，已有账号请在“用户”中修改。`);
      if (username && !seen.has(username)) seen.set(username, row.line);
      if (!displayName) reasons.push("姓名为空。");
      else if (displayName.length > 40) reasons.push("姓名超过 40 个字符。");
      else reasons.push(...[nameProblem(displayName, "姓名")].filter((p) => p !== null));
      let scopeName: string | null = null;
      if (!role) reasons.push(`未知角色“${roleLabel}”：应为“填报人”“审核人”或“管理员”。`);
      else {
        const problem = scopeProblem(role, scopeCode);
        if (problem) reasons.push(`范围与角色不符：${problem}`);
        else if (role === "CLERK") {
          const agency = agencyByCode.get(scopeCode);
          if (plannedAgencies.has(scopeCode)) scopeName = plannedAgencies.get(scopeCode)!;
          else if (!agency) reasons.push(`范围中的单位 ${scopeCode} 不存在（也不在本次导入的单位名单中）。`);
          else if (!agency.active) reasons.push(`范围中的单位 ${agency.name}（${scopeCode}）已停用。`);
          else scopeName = agency.name;
        } else if (role === "REVIEWER") {
          const region = regionByCode.get(scopeCode);
          if (!region) reasons.push(`范围中的地区 ${scopeCode} 不存在。`);
          else if (!region.active) reasons.push(`范围中的地区 ${region.name}（${scopeCode}）已停用。`);
          else scopeName = region.name;
        }
      }
      if (reasons.length > 0 || !role) {
        for (const message of reasons) fail(message);
        continue;
      }
      plan.users.create.push({ line: row.line, username, displayName, role, scopeCode: role === "ADMIN" ? null : scopeCode, scopeName });
    }
  }

  problems.sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file === "agencies" ? -1 : 1));
  return plan;
}

export function planHasWork(plan: OnboardingPlan) {
  return plan.agencies.create.length + plan.agencies.update.length + plan.users.create.length > 0;
}
