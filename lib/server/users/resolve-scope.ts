import type { Db } from "../prisma";

type Tx = Pick<Db, "agency" | "region">;

export type ResolvedScope = { agencyId: string | null; regionCode: string | null; scopeCode: string | null; scopeName: string };

/**
 * Turns the scope code chosen for a role into the user's columns: a 填报人 gets an active
 * agency, a 审核人 an active region (and everything under it), a 管理员 nothing.
 */
export async function resolveScope(
  tx: Tx,
  role: "CLERK" | "REVIEWER" | "ADMIN",
  scopeCode: string,
): Promise<{ ok: true; scope: ResolvedScope } | { ok: false; message: string }> {
  if (role === "ADMIN") return { ok: true, scope: { agencyId: null, regionCode: null, scopeCode: null, scopeName: "全部" } };
  if (role === "REVIEWER") {
    const region = await tx.region.findUnique({ where: { code: scopeCode } });
    if (!region) return { ok: false, message: `地区 ${scopeCode} 不存在。` };
    if (!region.active) return { ok: false, message: `地区 ${region.name}（${scopeCode}）已停用。` };
    return { ok: true, scope: { agencyId: null, regionCode: region.code, scopeCode, scopeName: region.name } };
  }
  const agency = await tx.agency.findUnique({ where: { code: scopeCode } });
  if (!agency) return { ok: false, message: `单位 ${scopeCode} 不存在。` };
  if (!agency.active) return { ok: false, message: `单位 ${agency.name}（${scopeCode}）已停用。` };
  return { ok: true, scope: { agencyId: agency.id, regionCode: null, scopeCode, scopeName: agency.name } };
}

/** The scope code a user has now (agency code for a clerk, region code for a reviewer). */
export function scopeCodeOf(user: { role: string; regionCode: string | null; agency?: { code: string } | null }): string | null {
  if (user.role === "CLERK") return user.agency?.code ?? null;
  if (user.role === "REVIEWER") return user.regionCode;
  return null;
}
