// Reports' non-zero cells (cell id → value), as the reviewer dashboard and its quality flags
// read them, kept in this process under the report's id, version and last update: every write
// to a report's cells (a draft save, an import) bumps its version and update time, or creates
// the report, in the same transaction, so what is kept under one key never changes, and a report changed
// through another instance is read afresh because the caller read its new version. A county's
// dashboard then reads only the figures of the reports changed since it was last shown: a few
// hundred kilobytes of JSON, built by PostgreSQL and parsed here on every request, were most of
// its time.
import "server-only";
import type { Figures } from "@/lib/quality/flags";
import { db } from "../db";
import { Lru } from "../cache/lru.cjs";

export interface ReportRef {
  id: string;
  version: number;
  updatedAt: Date;
}

/** about 1 KB each: a few counties' two years */
const MAX_ENTRIES = 20_000;
const kept = new Lru<Figures>({ maxSize: MAX_ENTRIES });

const keyOf = (r: ReportRef) => `${r.id}:${r.version}:${r.updatedAt.getTime()}`;

function keep(key: string, figures: Figures) {
  kept.set(key, Object.freeze(figures));
}

/**
 * The figures of each report, by id. Those not kept are read in one query, with the version and
 * update time they were read at (a save committed since the caller's read is kept under its own
 * key, and shown: it is the newer state).
 */
export async function reportFigures(reports: ReportRef[]): Promise<Map<string, Figures>> {
  const out = new Map<string, Figures>();
  const missing: string[] = [];
  for (const r of reports) {
    const key = keyOf(r);
    const figures = kept.get(key);
    if (figures) out.set(r.id, figures);
    else missing.push(r.id);
  }
  if (missing.length === 0) return out;
  const rows = await db.$queryRaw<{ id: string; version: number; updatedAt: Date; figures: Figures | null }[]>`
    SELECT r.id, r.version, r."updatedAt", f.figures
      FROM "Report" r
      LEFT JOIN LATERAL (
        SELECT json_object_agg(c.section::text || '/' || c.row || '/' || c.column, c.value::float8) AS figures
          FROM "ReportCell" c WHERE c."reportId" = r.id AND c.value IS NOT NULL AND c.value <> 0
      ) f ON true
     WHERE r.id = ANY(${missing}::text[])`;
  for (const row of rows) {
    const figures = row.figures ?? {};
    keep(keyOf(row), figures);
    out.set(row.id, figures);
  }
  return out;
}
