import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { assertAdmin, type Actor } from "../admin/admin-result";
import { generateOneTimePassword, hashOneTimePasswords } from "../users/one-time-password";
import { keepForDownload } from "../users/one-time-password-vault";
import { FILE_LABELS, planHasWork, planOnboarding, type LineProblem, type OnboardingFile, type OnboardingFileKey } from "./plan-onboarding";

export interface CreatedAccount {
  username: string;
  displayName: string;
  /** the agency of a 填报人, the region of a 审核人, 全部 for a 管理员 */
  scopeName: string;
  oneTimePassword: string;
}

export type ConfirmResult =
  | { ok: true; agenciesCreated: number; agenciesUpdated: number; accounts: CreatedAccount[]; downloadId: string | null }
  | { ok: false; message: string; problems: LineProblem[] };

const STALE = "数据在预览后已发生变化，请重新预览。";

/**
 * 确认导入: re-reads and re-checks the uploaded files on the server (the preview the browser
 * saw is never trusted), then writes everything in one transaction or nothing. The new
 * accounts' one-time passwords are returned once (and kept sealed for one download by this
 * administrator: `downloadId`, one-time-password-vault.ts); only their argon2id hashes are
 * stored, and neither the passwords nor the hashes go into the audit trail.
 */
export async function confirmOnboarding(
  db: Db,
  actor: Actor,
  files: Partial<Record<OnboardingFileKey, OnboardingFile>>,
  previewedDigest: string,
): Promise<ConfirmResult> {
  assertAdmin(actor);
  const checked = await planOnboarding(db, files);
  if (checked.digest !== previewedDigest) return { ok: false, message: "所选文件与预览时不同，请重新预览。", problems: [] };
  if (checked.problems.length > 0)
    return { ok: false, message: `有 ${checked.problems.length} 处错误，未导入任何数据。`, problems: checked.problems };
  if (!planHasWork(checked)) return { ok: false, message: "没有需要新建或修改的内容。", problems: [] };

  // the hash is slow on purpose (about 20 ms each, a few at a time off the event loop: 300
  // accounts take seconds): hash before the transaction so it stays short
  const oneTimePasswords = checked.users.create.map(() => generateOneTimePassword());
  const hashes = await hashOneTimePasswords(oneTimePasswords);
  const passwords = new Map(checked.users.create.map((u, i) => [u.username, { oneTimePassword: oneTimePasswords[i], passwordHash: hashes[i] }]));

  try {
    return await db.$transaction(
      async (tx) => {
        // checked again inside the transaction: another administrator may have acted meanwhile
        const plan = await planOnboarding(tx, files);
        const sameUsers = plan.users.create.map((u) => u.username).join("\n") === checked.users.create.map((u) => u.username).join("\n");
        if (plan.problems.length > 0 || !sameUsers) throw new StaleError(plan.problems);

        const created = await tx.agency.createManyAndReturn({
          data: plan.agencies.create.map(({ code, name, kind, regionCode }) => ({ code, name, kind, regionCode })),
          select: { id: true, code: true },
        });
        const agencyIds = new Map(created.map((a) => [a.code, a.id]));
        for (const a of plan.agencies.update) {
          await tx.agency.update({ where: { id: a.id }, data: { name: a.name, kind: a.kind, regionCode: a.regionCode } });
          agencyIds.set(a.code, a.id);
        }
        const scopeCodes = plan.users.create.filter((u) => u.role === "CLERK" && !agencyIds.has(u.scopeCode!)).map((u) => u.scopeCode!);
        for (const a of await tx.agency.findMany({ where: { code: { in: scopeCodes } }, select: { id: true, code: true } })) agencyIds.set(a.code, a.id);

        const users = await tx.user.createManyAndReturn({
          data: plan.users.create.map((u) => ({
            username: u.username,
            displayName: u.displayName,
            role: u.role,
            agencyId: u.role === "CLERK" ? agencyIds.get(u.scopeCode!)! : null,
            regionCode: u.role === "REVIEWER" ? u.scopeCode : null,
            passwordHash: passwords.get(u.username)!.passwordHash,
            mustChangePassword: true,
          })),
          select: { id: true, username: true },
        });
        const userIds = new Map(users.map((u) => [u.username, u.id]));

        // One audit record per entity, like a change made in the forms; written in bulk
        // because a county's import runs to hundreds of rows.
        const createdIds = new Map(created.map((a) => [a.code, a.id]));
        await tx.auditEvent.createMany({
          data: [
            ...plan.agencies.create.map((a) => ({
              actorId: actor.id,
              action: "agency.create",
              entityType: "Agency",
              entityId: createdIds.get(a.code)!,
              details: { via: "onboarding", line: a.line, new: { code: a.code, name: a.name, kind: a.kind, regionCode: a.regionCode, active: true } },
            })),
            ...plan.agencies.update.map((a) => ({
              actorId: actor.id,
              action: "agency.update",
              entityType: "Agency",
              entityId: a.id,
              details: { via: "onboarding", line: a.line, code: a.code, changes: a.changes },
            })),
            ...plan.users.create.map((u) => ({
              actorId: actor.id,
              action: "user.create",
              entityType: "User",
              entityId: userIds.get(u.username)!,
              details: {
                via: "onboarding",
                line: u.line,
                new: { username: u.username, displayName: u.displayName, role: u.role, scope: u.scopeCode, active: true, mustChangePassword: true },
              },
            })),
          ],
        });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "onboarding.import",
          entityType: "Onboarding",
          entityId: plan.digest.slice(0, 16),
          details: {
            files: Object.fromEntries(
              (Object.keys(files) as OnboardingFileKey[]).filter((k) => files[k]).map((k) => [FILE_LABELS[k], files[k]!.name]),
            ),
            encodings: plan.encodings,
            agenciesCreated: created.length,
            agenciesUpdated: plan.agencies.update.length,
            usersCreated: users.length,
          },
        });
        const accounts = plan.users.create.map((u) => ({
          username: u.username,
          displayName: u.displayName,
          scopeName: u.role === "ADMIN" ? "全部" : (u.scopeName ?? u.scopeCode ?? ""),
          oneTimePassword: passwords.get(u.username)!.oneTimePassword,
        }));
        const downloadId = await keepForDownload(tx, actor.id, accounts);
        return { ok: true as const, agenciesCreated: created.length, agenciesUpdated: plan.agencies.update.length, accounts, downloadId };
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  } catch (e) {
    if (e instanceof StaleError) return { ok: false, message: STALE, problems: e.problems };
    // a row created by someone else between the check and the write (unique code or username)
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") return { ok: false, message: STALE, problems: [] };
    throw e;
  }
}

class StaleError extends Error {
  constructor(readonly problems: LineProblem[]) {
    super(STALE);
  }
}
