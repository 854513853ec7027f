import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../prisma";
import { assertAdmin, type Actor } from "../admin/admin-result";

export interface ScopeOption {
  code: string;
  /** the region chain down to the option itself: ["宁夏回族自治区", "银川市", "贺兰县", "金贵镇"] */
  path: string[];
}

export interface ScopeSearch {
  options: ScopeOption[];
  /** how many match in all (more than `options` when the list is cut) */
  total: number;
}

/** At most this many options go to the browser: a province has tens of thousands of agencies. */
export const SCOPE_OPTION_LIMIT = 20;

const parentChain = { select: { name: true, parent: { select: { name: true, parent: { select: { name: true } } } } } } as const;
type Chain = { name: string; parent: Chain | null } | null;

function names(region: Chain): string[] {
  const out: string[] = [];
  for (let r = region; r; r = r.parent) out.unshift(r.name);
  return out;
}

/** 贺兰县金贵镇 under 贺兰县 reads 金贵镇 in the path (贺兰县 › 金贵镇); other names stay whole. */
function shortName(name: string, regionName: string): string {
  return name.startsWith(regionName) && name.length > regionName.length ? name.slice(regionName.length) : name;
}

/**
 * The scopes an administrator may give a user of a role, matching what was typed: active
 * agencies for a 填报人, active regions for a 审核人. Every word typed must match the code, the
 * name or the name of a region above (so `贺兰 金贵` finds 贺兰县金贵镇). Searched in the
 * database, at most SCOPE_OPTION_LIMIT returned, exact codes first.
 */
export async function searchScopes(db: Db, actor: Actor, input: { role: unknown; q: unknown }): Promise<ScopeSearch> {
  assertAdmin(actor);
  const role = input.role === "REVIEWER" ? "REVIEWER" : input.role === "CLERK" ? "CLERK" : null;
  if (!role) return { options: [], total: 0 };
  const q = typeof input.q === "string" ? input.q.slice(0, 100) : "";
  const words = q
    .split(/[\s›>/，,]+/)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 5);
  const has = (w: string) => ({ contains: w, mode: "insensitive" as const });

  if (role === "CLERK") {
    const where: Prisma.AgencyWhereInput = {
      active: true,
      AND: words.map((w) => ({
        OR: [{ code: has(w) }, { name: has(w) }, { region: { name: has(w) } }, { region: { parent: { name: has(w) } } }, { region: { parent: { parent: { name: has(w) } } } }],
      })),
    };
    const [rows, total] = await Promise.all([
      db.agency.findMany({ where, orderBy: { code: "asc" }, take: SCOPE_OPTION_LIMIT, select: { code: true, name: true, region: parentChain } }),
      db.agency.count({ where }),
    ]);
    const options = rows.map((a) => ({ code: a.code, path: [...names(a.region), shortName(a.name, a.region.name)] }));
    return { options: exactFirst(options, q), total };
  }

  const where: Prisma.RegionWhereInput = {
    active: true,
    AND: words.map((w) => ({ OR: [{ code: has(w) }, { name: has(w) }, { parent: { name: has(w) } }, { parent: { parent: { name: has(w) } } }] })),
  };
  const [rows, total] = await Promise.all([
    db.region.findMany({ where, orderBy: { code: "asc" }, take: SCOPE_OPTION_LIMIT, select: { code: true, ...parentChain.select } }),
    db.region.count({ where }),
  ]);
  const options = rows.map((r) => ({ code: r.code, path: names(r) }));
  return { options: exactFirst(options, q), total };
}

function exactFirst(options: ScopeOption[], q: string): ScopeOption[] {
  const i = options.findIndex((o) => o.code === q.trim());
  return i <= 0 ? options : [options[i], ...options.slice(0, i), ...options.slice(i + 1)];
}
