import type { ReportDocument } from "@/lib/exchange";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { QualityNote } from "@/lib/validation";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { enqueuePageRender } from "../public/prerender-page";
import { updateRegionRollup } from "../statistics/update-region-rollup";
import { reportToDocument, reportWithContent } from "./report-document";

type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface Actor {
  id?: string | null;
  label?: string | null;
}

/**
 * Freezes the report's current content as its next public version and marks it published.
 * The snapshot is what the public page and API serve, so later edits never leak out.
 * `qualityNotes` only for a report imported as published elsewhere (import-report.ts);
 * a report filed and reviewed in the system has none.
 */
export async function createPublishedVersion(
  tx: Tx,
  reportId: string,
  actor: Actor,
  changeNote: string | null = null,
  qualityNotes: readonly QualityNote[] = [],
) {
  const report = await tx.report.findUniqueOrThrow({ where: { id: reportId }, include: reportWithContent });
  const last = await tx.publishedVersion.findFirst({
    where: { reportId },
    orderBy: { versionNo: "desc" },
    select: { versionNo: true, document: true },
  });
  const versionNo = (last?.versionNo ?? 0) + 1;
  const now = new Date();
  const snapshot = reportToDocument(report);
  const document = snapshot as unknown as Prisma.InputJsonValue;
  await tx.publishedVersion.create({
    data: {
      reportId,
      versionNo,
      document,
      changeNote,
      qualityNotes: qualityNotes as unknown as Prisma.InputJsonValue,
      publishedAt: now,
      publishedById: actor.id ?? null,
    },
  });
  // region statistics: the replaced version's cells out, this version's in (same transaction)
  await updateRegionRollup(tx, last ? (last.document as unknown as ReportDocument) : null, snapshot);
  await tx.report.update({
    where: { id: reportId },
    data: { status: "PUBLISHED", publishedAt: now, correctionReason: null, returnReason: null, version: { increment: 1 } },
  });
  // a published version is final: comments still open are closed with it, not left 未解决 forever
  const closed = await tx.reviewComment.updateMany({ where: { reportId, resolvedAt: null }, data: { resolvedAt: now, closedOnPublish: true } });
  await recordAudit(tx, {
    actorId: actor.id,
    actorLabel: actor.label,
    action: "report.published",
    entityType: "Report",
    entityId: reportId,
    reportId,
    details: {
      versionNo,
      fromStatus: report.status,
      changeNote,
      ...(qualityNotes.length ? { qualityNotes: qualityNotes.length } : {}),
      ...(closed.count ? { closedComments: closed.count } : {}),
    },
  });
  // its public page rendered now, for its first reader (the job commits with the publication)
  await enqueuePageRender(tx, { code: report.agency.code, year: report.year, versionNo });
  return versionNo;
}
