// The public report search: only the CURRENT published version of each report is read
// (never a draft, a submission, an approval or a correction in progress: those live on
// Report/ReportCell, which this query never looks at for content).
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../prisma";
import { likeContains, REPORTS_PAGE_SIZE, searchTerms, type ReportFilters } from "./report-filters";

export interface PublishedReportHit {
  code: string;
  agencyName: string;
  regionCode: string;
  regionName: string;
  year: number;
  template: "2019" | "2021";
  versionNo: number;
  /** 成文日期 of the current version (ISO date), null when the published report had none */
  issuedOn: string | null;
  /** 本站发布日期: when the report was first published here */
  firstPublishedAt: Date;
  /** when the current version was published (differs from firstPublishedAt after a correction) */
  publishedAt: Date;
  /** a piece of the narrative around the first search word (plain text), when searching */
  excerpt: string | null;
}

export interface PublishedReportPage {
  hits: PublishedReportHit[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

export type PublishedReportOrder = "year" | "latest";

type Row = Omit<PublishedReportHit, "excerpt"> & { excerpt: string | null; total: bigint };

export async function searchPublishedReports(
  db: Db,
  filters: ReportFilters,
  options: { order?: PublishedReportOrder; pageSize?: number } = {},
): Promise<PublishedReportPage> {
  const pageSize = options.pageSize ?? REPORTS_PAGE_SIZE;
  const terms = searchTerms(filters.q);
  const where: Prisma.Sql[] = [
    // the current version: no later publication of the same report
    Prisma.sql`NOT EXISTS (SELECT 1 FROM "PublishedVersion" newer WHERE newer."reportId" = pv."reportId" AND newer."versionNo" > pv."versionNo")`,
  ];
  for (const term of terms) where.push(Prisma.sql`pv."searchText" ILIKE ${likeContains(term)}`);
  if (filters.agency) {
    const pattern = likeContains(filters.agency);
    where.push(Prisma.sql`(a."name" ILIKE ${pattern} OR a."code" ILIKE ${pattern} OR pv."document" #>> '{agency,name}' ILIKE ${pattern})`);
  }
  if (filters.region) {
    where.push(
      Prisma.sql`reg."path" LIKE (SELECT sel."path" FROM "Region" sel WHERE sel."code" = ${filters.region}) || '%'`,
    );
  }
  if (filters.year) where.push(Prisma.sql`r."year" = ${filters.year}`);

  // searchText is "narratives ␞ agency name forms ␞ region names ␞ row labels of the non-zero
  // figures" (U+001E between the parts; migration public_search_reader_words)
  const part = (n: 1 | 2 | 3 | 4) => Prisma.sql`split_part(pv."searchText", chr(30), ${n}::int)`;
  // a piece of the narrative around the first word, when the narrative holds it
  const excerpt = terms[0]
    ? Prisma.sql`CASE WHEN strpos(lower(${part(1)}), lower(${terms[0]})) > 0
        THEN substr(${part(1)}, greatest(strpos(lower(${part(1)}), lower(${terms[0]})) - 40, 1), 120) END`
    : Prisma.sql`NULL`;
  // ranked by where each word was found: the agency's name first, then a figure's row label,
  // then the region, then the narrative only
  const rank = terms.length
    ? Prisma.sql`${Prisma.join(
        terms.map((term) => {
          const pattern = likeContains(term);
          return Prisma.sql`(CASE WHEN ${part(2)} ILIKE ${pattern} THEN 0 WHEN ${part(4)} ILIKE ${pattern} THEN 1 WHEN ${part(3)} ILIKE ${pattern} THEN 2 ELSE 3 END)`;
        }),
        " + ",
      )}, `
    : Prisma.empty;
  const order =
    options.order === "latest"
      ? Prisma.sql`${rank}pv."publishedAt" DESC, a."code"`
      : Prisma.sql`${rank}r."year" DESC, reg."path", a."code"`;

  const run = (page: number) => db.$queryRaw<Row[]>`
    SELECT a."code",
           coalesce(pv."document" #>> '{agency,name}', a."name") AS "agencyName",
           reg."code" AS "regionCode",
           reg."name" AS "regionName",
           r."year",
           pv."document" ->> 'template' AS "template",
           pv."versionNo",
           pv."document" ->> 'issuedOn' AS "issuedOn",
           (SELECT min(v."publishedAt") FROM "PublishedVersion" v WHERE v."reportId" = pv."reportId") AS "firstPublishedAt",
           pv."publishedAt",
           ${excerpt} AS "excerpt",
           count(*) OVER () AS "total"
      FROM "PublishedVersion" pv
      JOIN "Report" r ON r."id" = pv."reportId"
      JOIN "Agency" a ON a."id" = r."agencyId"
      JOIN "Region" reg ON reg."code" = a."regionCode"
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY ${order}
     LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;

  const page = filters.page;
  const rows = await run(page);
  let total = rows.length ? Number(rows[0]!.total) : 0;
  if (!rows.length && page > 1) {
    // a page past the end (an old link): count, then show nothing rather than guess
    const [count] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "PublishedVersion" pv
        JOIN "Report" r ON r."id" = pv."reportId"
        JOIN "Agency" a ON a."id" = r."agencyId"
        JOIN "Region" reg ON reg."code" = a."regionCode"
       WHERE ${Prisma.join(where, " AND ")}`;
    total = Number(count?.n ?? 0);
  }
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return {
    hits: rows.map(({ total: _total, ...hit }) => hit),
    total,
    page,
    pageCount,
    pageSize,
  };
}
