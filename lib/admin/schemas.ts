// The administration forms' schemas: the browser validates with them (react-hook-form + zod)
// and every server action parses its input with the very same schema before the operation runs.
import { nameProblem, safeString, z } from "@/lib/zod";
import { passwordProblem } from "@/lib/auth/password-policy";
import { AGENCY_CODE, agencyCodeProblem, expectedParentCode, REGION_CODE, REGION_LEVEL_LABELS, levelOfRegionCode, regionCodeProblem } from "@/lib/codes";

// names reach CSV downloads and spreadsheets: no formula-like start, no control characters
const name = (label: string, max = 80) =>
  safeString(label)
    .trim()
    .min(1, `请填写${label}。`)
    .max(max, `${label}不能超过 ${max} 个字符。`)
    .superRefine((v, ctx) => {
      const problem = nameProblem(v, label);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
/** a record id or code from a form (never shown; kept storable) */
const idText = (max: number) => safeString().min(1).max(max);

export const regionCreateSchema = z
  .object({
    code: safeString("地区代码").trim(),
    name: name("地区名称", 40),
    parentCode: safeString("上级地区代码").trim(),
  })
  .superRefine((v, ctx) => {
    const problem = regionCodeProblem(v.code);
    if (problem) return ctx.addIssue({ code: "custom", path: ["code"], message: problem });
    const parent = expectedParentCode(v.code);
    if ((parent ?? "") !== v.parentCode) {
      const message = parent
        ? `${REGION_LEVEL_LABELS[levelOfRegionCode(v.code)]}地区 ${v.code} 的上级应为${REGION_LEVEL_LABELS[levelOfRegionCode(parent)]}地区 ${parent}。`
        : `省级地区 ${v.code} 没有上级地区。`;
      ctx.addIssue({ code: "custom", path: ["parentCode"], message });
    }
  });
export type RegionCreateInput = z.infer<typeof regionCreateSchema>;

export const regionUpdateSchema = z.object({
  code: safeString("地区代码").trim().regex(REGION_CODE, "地区代码应为 6 位数字。"),
  name: name("地区名称", 40),
  active: z.boolean(),
});
export type RegionUpdateInput = z.infer<typeof regionUpdateSchema>;

export const agencyKindSchema = z.enum(["TOWNSHIP", "DEPARTMENT"], { message: "请选择单位类型（乡镇或部门）。" });

const agencyFields = {
  code: safeString("单位代码").trim().min(1, "请填写单位代码。"),
  name: name("单位名称"),
  kind: agencyKindSchema,
  regionCode: safeString("所属地区").trim().regex(REGION_CODE, "请选择所属地区（6 位行政区划代码）。"),
};

function checkAgencyCode(v: { code: string; kind: "TOWNSHIP" | "DEPARTMENT"; regionCode: string }, ctx: z.RefinementCtx) {
  const problem = agencyCodeProblem(v.code, v.kind, v.regionCode);
  if (problem) ctx.addIssue({ code: "custom", path: ["code"], message: problem });
}

export const agencyCreateSchema = z.object(agencyFields).superRefine(checkAgencyCode);
export type AgencyCreateInput = z.infer<typeof agencyCreateSchema>;

export const agencyUpdateSchema = z
  .object({ id: idText(40), ...agencyFields, active: z.boolean() })
  .superRefine(checkAgencyCode);
export type AgencyUpdateInput = z.infer<typeof agencyUpdateSchema>;

export const roleSchema = z.enum(["CLERK", "REVIEWER", "ADMIN"], { message: "请选择角色。" });

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$/;

/** An optional e-mail address for notices: empty (none), or a valid address of at most 200 characters (as on /account). */
export const optionalEmailSchema = z
  .string()
  .trim()
  .max(200, "电子邮箱不能超过 200 个字符。")
  .refine((s) => s === "" || z.email().safeParse(s).success, "请填写有效的电子邮箱地址。");

const userFields = {
  displayName: name("姓名", 40),
  /** where notices are e-mailed; left out of an update = unchanged, "" = none (whether to e-mail stays the user's choice) */
  email: optionalEmailSchema.optional(),
  role: roleSchema,
  /** agency code for a clerk, region code for a reviewer, empty for an administrator */
  scopeCode: safeString("范围").trim().max(40),
};

/** A user's scope must fit the role: an agency for 填报人, a region for 审核人, none for 管理员. */
export function scopeProblem(role: "CLERK" | "REVIEWER" | "ADMIN", scopeCode: string): string | null {
  if (role === "ADMIN") return scopeCode ? "管理员不设范围，请留空。" : null;
  if (role === "REVIEWER") return REGION_CODE.test(scopeCode) ? null : "审核人的范围应为 6 位地区代码。";
  return AGENCY_CODE.test(scopeCode) ? null : "填报人的范围应为所属单位代码。";
}

function checkScope(v: { role: "CLERK" | "REVIEWER" | "ADMIN"; scopeCode: string }, ctx: z.RefinementCtx) {
  // in the form the scope is picked from a list (components/admin/ScopePicker.tsx)
  const unpicked = v.scopeCode === "" && v.role !== "ADMIN" ? (v.role === "CLERK" ? "请从列表中选择填报人所属的单位。" : "请从列表中选择审核人负责的地区。") : null;
  const problem = unpicked ?? scopeProblem(v.role, v.scopeCode);
  if (problem) ctx.addIssue({ code: "custom", path: ["scopeCode"], message: problem });
}

export const userCreateSchema = z
  .object({
    username: z.string().trim().regex(USERNAME_PATTERN, "用户名为 3–40 位字母、数字或 . _ -，以字母或数字开头。"),
    ...userFields,
  })
  .superRefine(checkScope);
export type UserCreateInput = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z.object({ id: idText(40), ...userFields }).superRefine(checkScope);
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;

export const userIdSchema = z.object({ id: idText(40) });

/** The id (or code) of the record a 删除 / 停用 / 启用 / 重置密码 acts on. */
export const recordIdSchema = idText(64);

export const templateSchema = z.enum(["2019", "2021"], { message: "请选择报告格式。" });

/** The year decides the default template: up to 2020 the 2019 format, from 2021 the 2021 format. */
export function defaultTemplateForYear(year: number): "2019" | "2021" {
  return year <= 2020 ? "2019" : "2021";
}

export const reportingYearSchema = z.object({
  year: z.coerce.number({ message: "请填写年度。" }).int("年度应为整数。").min(2008, "年度不能早于 2008。").max(2100, "年度不能晚于 2100。"),
  template: templateSchema,
  deadline: z
    .string()
    .trim()
    .refine((s) => s === "" || (/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`))), "截止日期格式应为 年-月-日。"),
  open: z.boolean(),
});
export type ReportingYearInput = z.infer<typeof reportingYearSchema>;

/**
 * Changing one's own password. `currentPassword` may be empty only right after a reset (the
 * server knows whether that is so; the form hides the field then). `strength` is the server's
 * guessability check (lib/server/auth/password-strength.ts): passed in rather than imported, so
 * that its dictionaries stay out of the form's bundle; the form checks the rest as you type.
 */
export function passwordChangeSchema(username?: string, { strength }: { strength?: (password: string, context: { username?: string }) => string | null } = {}) {
  return z
    .object({
      currentPassword: z.string().max(200),
      newPassword: z.string().max(200),
      confirmPassword: z.string().max(200),
    })
    .superRefine((v, ctx) => {
      const problem = passwordProblem(v.newPassword, { username }) ?? strength?.(v.newPassword, { username }) ?? null;
      if (problem) ctx.addIssue({ code: "custom", path: ["newPassword"], message: problem });
      if (v.newPassword !== v.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "两次输入的新密码不一致。" });
      if (v.currentPassword && v.currentPassword === v.newPassword)
        ctx.addIssue({ code: "custom", path: ["newPassword"], message: "新密码不能与当前密码相同。" });
    });
}
export type PasswordChangeInput = z.infer<ReturnType<typeof passwordChangeSchema>>;

/** Field messages from a failed parse, for the form (first message per field). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}
