import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../prisma";

type Tx = Pick<Db, "auditEvent">;

export interface AuditInput {
  actorId?: string | null;
  /** who acted when no signed-in user did (e.g. "cli", "seed") */
  actorLabel?: string | null;
  action: string;
  entityType: string;
  entityId: string;
  reportId?: string | null;
  details?: Prisma.InputJsonValue;
}

/** Appends one audit record; call it inside the same transaction as the change it records. */
export async function recordAudit(tx: Tx, input: AuditInput) {
  await tx.auditEvent.create({
    data: {
      actorId: input.actorId ?? null,
      actorLabel: input.actorLabel ?? null,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      reportId: input.reportId ?? null,
      details: input.details,
    },
  });
}
