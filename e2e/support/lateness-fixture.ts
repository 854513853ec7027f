// Sets when a report was first published, for the lateness browser test (a publication made
// now cannot be on time for a past year). Run in the fixture host (e2e/support/fixture-host.ts):
//   first-published AGENCY_CODE YEAR ISO_INSTANT   the report's version 1 (and its publishedAt) at that instant
import { createPrismaClient } from "@/lib/server/prisma";

const db = createPrismaClient(process.env.DATABASE_URL);

/** Closes the database connections (the fixture host, when its worker ends). */
export const disconnectLatenessFixture = () => db.$disconnect();

export async function latenessCommand([command, code, yearText, at]: string[]) {
  if (command !== "first-published" || !code || !yearText || !at) throw new Error("usage: first-published AGENCY_CODE YEAR ISO_INSTANT");
  const report = await db.report.findFirstOrThrow({ where: { year: Number(yearText), agency: { code } } });
  const when = new Date(at);
  const updated = await db.publishedVersion.updateMany({ where: { reportId: report.id, versionNo: 1 }, data: { publishedAt: when } });
  if (updated.count !== 1) throw new Error(`${code} ${yearText} has not been published`);
  await db.report.update({ where: { id: report.id }, data: { publishedAt: when } });
  return { ok: true };
}
