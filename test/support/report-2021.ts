// A consistent 2021-format report for the CLI and import tests: a 贺兰县 agency's 2022 report
// with 7539.443252 万元 of fees, the given 三 rows by applicant column, derived cells left out.

const APPLICANTS = ["naturalPerson", "commercial", "research", "publicInterest", "legal", "otherOrg"];

/** `applications`: row key → the six applicant columns' figures (every other row 0). */
export async function consistentReport2021(agency: { code: string; name: string }, applications: Record<string, number[]>) {
  // imported when called: the tests set the environment the modules read first
  const { getTemplate, emptySections, cellsOf } = await import("@/lib/templates");
  const t = getTemplate("2021");
  const sections = emptySections(t, 0);
  for (const [row, values] of Object.entries(applications)) APPLICANTS.forEach((c, i) => (sections.applications[row]![c] = values[i]!));
  sections.proactive.fees!.amount = 7539.443252;
  for (const cell of cellsOf(t)) if (cell.derived) delete sections[cell.section][cell.row]![cell.column];
  return {
    format: "gov-info-disclosure-annual-report/v1",
    template: "2021" as const,
    agency: { ...agency, region: { code: "640122", name: "贺兰县" } },
    year: 2022,
    issuedOn: "2023-01-18" as string | null,
    contact: { address: "贺兰县富兴街", phone: "0951-8888888", email: "office@example.cn" } as Record<string, string> | null,
    narrative: { overview: "总体情况正文", problems: "存在问题正文", other: "无" },
    ...sections,
  };
}
