import type { CurrentUser } from "@/lib/auth/guard";
import type { ConvertResult } from "@/lib/documents/convert";
import { ConvertBusyError, convertInWorker } from "@/lib/documents/convert-pool";
// the error class alone: the converters themselves (exceljs, cheerio…) load in the worker only
import { UnreadableFileError } from "@/lib/documents/read/errors";
import { MAX_REPORT_FILE_BYTES } from "@/lib/exchange";
import { agenciesInScope } from "../access/scope";
import type { Db } from "../prisma";

export const USER_BUSY_MESSAGE = "您已有一个文件正在转换，请等它完成后再导入下一个。";

/** Longer than any conversion may take (the pool's wait and the worker's time budget), so a lease left by a dead process runs out soon. */
const LEASE_SECONDS = 30;

/**
 * Takes the user's conversion lease unless another app process holds a live one; returns its
 * expiry (which names this holder when it is given back), or null when the user is busy.
 */
async function takeConversionLease(db: Db, userId: string): Promise<Date | null> {
  // the clock is the app's, as for the other timestamps it writes (the column has no time zone)
  const now = new Date();
  const expiresAt = new Date(now.getTime() + LEASE_SECONDS * 1000);
  const rows = await db.$queryRaw<{ userId: string }[]>`
    INSERT INTO "ConversionLease" ("userId", "expiresAt") VALUES (${userId}, ${expiresAt})
    ON CONFLICT ("userId") DO UPDATE SET "expiresAt" = EXCLUDED."expiresAt"
    WHERE "ConversionLease"."expiresAt" < ${now}
    RETURNING "userId"`;
  return rows.length ? expiresAt : null;
}

async function releaseConversionLease(db: Db, userId: string, expiresAt: Date) {
  await db.$executeRaw`DELETE FROM "ConversionLease" WHERE "userId" = ${userId} AND "expiresAt" = ${expiresAt}`;
}

export type ConvertFileResult =
  | { ok: true; document: ConvertResult["document"]; problems: ConvertResult["problems"] }
  | { ok: false; status: 400 | 413 | 422 | 429 | 503; error: string };

/**
 * Reads an uploaded report document (Word, Excel, web page) for the clerk's editor. Saves
 * nothing: the result only fills the form for the user to check. The agency is the
 * user's own (a clerk), or the one the file names when it is within the user's scope;
 * an agency outside the scope is never filled in. The file is read in a worker thread under
 * the converters' limits (lib/documents/limits.ts, convert-pool.ts): one at a time per user, in
 * this process (the pool) and across every app process (a lease row in PostgreSQL).
 */
export async function convertReportFile(db: Db, user: CurrentUser, bytes: Uint8Array): Promise<ConvertFileResult> {
  if (bytes.length === 0) return { ok: false, status: 400, error: "文件是空的。" };
  if (bytes.length > MAX_REPORT_FILE_BYTES)
    return { ok: false, status: 413, error: `文件过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB），上限 ${MAX_REPORT_FILE_BYTES / 1024 / 1024} MB。` };
  const lease = await takeConversionLease(db, user.id);
  if (!lease) return { ok: false, status: 429, error: USER_BUSY_MESSAGE };
  let result: Awaited<ReturnType<typeof convertInWorker>>;
  try {
    result = await convertInWorker(bytes, {}, { user: user.id });
  } catch (e) {
    if (e instanceof ConvertBusyError) return { ok: false, status: e.status, error: e.message };
    if (e instanceof UnreadableFileError) return { ok: false, status: 422, error: e.message };
    throw e;
  } finally {
    await releaseConversionLease(db, user.id, lease);
  }
  const { document } = result;
  let problems = result.problems;
  const named = document.agency.code ? { code: document.agency.code } : document.agency.name ? { name: document.agency.name } : null;
  const agency =
    user.role === "CLERK" && user.agencyId
      ? await db.agency.findUnique({ where: { id: user.agencyId }, select: { code: true, name: true, region: { select: { code: true, name: true } } } })
      : named
        ? await db.agency.findFirst({ where: { AND: [agenciesInScope(user), named] }, select: { code: true, name: true, region: { select: { code: true, name: true } } } })
        : null;
  if (agency) {
    document.agency = { code: agency.code, name: document.agency.name || agency.name, region: { code: agency.region.code, name: agency.region.name } };
    // the codes come from the system, not from the file: no longer a problem
    problems = problems.filter((p) => !["单位代码", "所属地区代码", "所属地区名称"].includes(p.where));
    if (document.agency.name !== agency.name)
      problems.push({ where: "单位名称", reason: `文件标题中的单位名称“${document.agency.name}”与本系统登记的“${agency.name}”不同` });
  } else {
    document.agency = { code: "", name: document.agency.name, region: { code: "", name: "" } };
    problems = problems.filter((p) => !["单位代码", "所属地区代码", "所属地区名称"].includes(p.where));
    problems.push({ where: "单位", reason: "没有在您的权限范围内找到文件所写的单位" });
  }
  return { ok: true, document, problems };
}
