import type { Db } from "../prisma";

type Tx = Pick<Db, "region">;

/** Division level from the 6-digit code: 640000 province, 640100 city, 640122 county. */
export function regionLevel(code: string): "PROVINCE" | "CITY" | "COUNTY" {
  if (code.endsWith("0000")) return "PROVINCE";
  if (code.endsWith("00")) return "CITY";
  return "COUNTY";
}

/** The codes from the province down to `code` ("640122" → 640000, 640100, 640122). */
export function regionChain(code: string): string[] {
  const level = regionLevel(code);
  const province = `${code.slice(0, 2)}0000`;
  if (level === "PROVINCE") return [code];
  const city = `${code.slice(0, 4)}00`;
  return level === "CITY" ? [province, code] : [province, city, code];
}

/** "640000/640100/640122/": reviewers see every agency whose region path starts with theirs. */
export function regionPath(code: string): string {
  return regionChain(code).join("/") + "/";
}

/**
 * Creates the region when it is unknown (its parent is linked when that exists); a known
 * region is left as it is, name included — the administrator owns names once created.
 */
export async function ensureRegion(tx: Tx, { code, name }: { code: string; name: string }) {
  const existing = await tx.region.findUnique({ where: { code } });
  if (existing) return existing;
  const chain = regionChain(code);
  const parentCode = chain.length > 1 ? chain[chain.length - 2] : null;
  const parent = parentCode ? await tx.region.findUnique({ where: { code: parentCode } }) : null;
  return tx.region.create({
    data: { code, name, level: regionLevel(code), parentCode: parent?.code ?? null, path: regionPath(code) },
  });
}
