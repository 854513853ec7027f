import { describe, expect, it } from "vitest";
import { chinaDay, chineseDay, deadlineDay, lateness, yearDueNow } from "@/lib/reports/lateness";

// A deadline as PostgreSQL DATE reads it: UTC midnight of the calendar day.
const deadline2023 = new Date(Date.UTC(2024, 0, 31));
/** an instant given in China Standard Time (UTC+8) */
const cst = (local: string) => new Date(`${local}+08:00`);

describe("lateness", () => {
  it("is on time when first published on the deadline day, to its last minute in China", () => {
    const r = lateness({ year: 2023, deadline: deadline2023, firstPublishedAt: cst("2024-01-31T23:59:00") });
    expect(r).toMatchObject({ kind: "ON_TIME", text: "按期发布", daysLate: 0 });
    // 23:59 in Beijing is still 1月31日 although it is 15:59 UTC; 00:30 on 2月1日 is 1月31日 16:30 UTC
    expect(lateness({ year: 2023, deadline: deadline2023, firstPublishedAt: cst("2024-02-01T00:30:00") })).toMatchObject({ kind: "LATE", daysLate: 1, text: "逾期发布 1 天" });
  });

  it("counts the days late of the first publication", () => {
    expect(lateness({ year: 2023, deadline: deadline2023, firstPublishedAt: cst("2024-12-03T10:00:00") })).toMatchObject({ kind: "LATE", daysLate: 307, text: "逾期发布 307 天" });
    expect(lateness({ year: 2023, deadline: deadline2023, firstPublishedAt: cst("2023-12-20T10:00:00") }).kind).toBe("ON_TIME");
  });

  it("uses the reporting year's own deadline, 1月31日 of the next year by default", () => {
    expect(deadlineDay(2023, null)).toBe("2024-01-31");
    expect(deadlineDay(2023, new Date(Date.UTC(2024, 2, 15)))).toBe("2024-03-15");
    const march = new Date(Date.UTC(2024, 2, 15));
    expect(lateness({ year: 2023, deadline: march, firstPublishedAt: cst("2024-03-01T09:00:00") }).kind).toBe("ON_TIME");
    expect(lateness({ year: 2023, deadline: null, firstPublishedAt: cst("2024-03-01T09:00:00") })).toMatchObject({ kind: "LATE", daysLate: 30 });
  });

  it("marks nothing published after the deadline 逾期未报, before it 未到期 with the days left", () => {
    const onDeadline = cst("2024-01-31T23:00:00");
    expect(lateness({ year: 2023, deadline: deadline2023, firstPublishedAt: null, now: onDeadline })).toMatchObject({ kind: "NOT_DUE", daysLeft: 0, text: "未到期（今天截止）" });
    expect(lateness({ year: 2023, deadline: deadline2023, firstPublishedAt: null, now: cst("2024-01-26T08:00:00") })).toMatchObject({ kind: "NOT_DUE", daysLeft: 5, text: "未到期（还有 5 天）" });
    const dayAfter = cst("2024-02-01T00:01:00");
    expect(lateness({ year: 2023, deadline: deadline2023, firstPublishedAt: null, now: dayAfter })).toMatchObject({ kind: "OVERDUE", daysLate: 1, text: "逾期未报" });
  });

  it("keeps a report published on time on time whatever today is", () => {
    expect(lateness({ year: 2023, deadline: deadline2023, firstPublishedAt: cst("2024-01-10T10:00:00"), now: cst("2030-01-01T00:00:00") }).kind).toBe("ON_TIME");
  });
});

describe("yearDueNow", () => {
  const years = [2022, 2023, 2024, 2025].map((year) => ({ year, deadline: new Date(Date.UTC(year + 1, 0, 31)) }));
  it("is the year whose deadline is the nearest not yet passed, in China", () => {
    expect(yearDueNow(years, cst("2025-01-31T23:00:00"))).toMatchObject({ year: 2024, daysLeft: 0, deadlineDay: "2025-01-31" });
    expect(yearDueNow(years, cst("2025-02-01T00:00:00"))).toMatchObject({ year: 2025, daysLeft: 364 });
    expect(yearDueNow(years, cst("2026-02-01T00:00:00"))).toBeNull();
  });
  it("formats days the Chinese way", () => {
    expect(chineseDay("2026-01-31")).toBe("2026年1月31日");
    expect(chinaDay(new Date("2024-01-31T16:00:00Z"))).toBe("2024-02-01");
  });
});
