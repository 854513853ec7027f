import { describe, expect, it } from "vitest";
import { anchorName, cellName } from "@/lib/reports/cell-name";
import { daysUntil, deadlineText } from "@/lib/reports/deadline";
import { snapshotChanges, type SubmissionSnapshot } from "@/lib/server/reports/submission-snapshot";
import { isValidAnchor } from "@/lib/server/comments/comment-anchor";

describe("cellName", () => {
  it("names cells by the template's row and column labels", () => {
    expect(cellName("2021", "applications/granted/commercial")).toBe("（一）予以公开 商业企业");
    expect(cellName("2019", "proactive/regulations/made")).toBe("规章 本年新制作数量");
    expect(cellName("2021", "reviewLitigation/reconsideration/upheld")).toBe("行政复议 结果维持");
    expect(cellName("2021", "narrative.problems")).toBe("五、存在的主要问题及改进情况");
    expect(anchorName("2021", null)).toBe("整份报告");
  });
});

describe("comment anchors", () => {
  it("accept the contract's forms only", () => {
    expect(isValidAnchor("2021", "applications/received/total")).toBe(true);
    expect(isValidAnchor("2021", "narrative.overview")).toBe(true);
    expect(isValidAnchor("2021", "contact")).toBe(true);
    expect(isValidAnchor("2021", null)).toBe(true);
    expect(isValidAnchor("2021", "proactive/procurement/amount")).toBe(false); // a 2019-only row
    expect(isValidAnchor("2021", "narrative.secret")).toBe(false);
  });
});

describe("deadline", () => {
  const deadline = new Date(Date.UTC(2023, 0, 31));
  it("counts days in China Standard Time and says overdue in words", () => {
    expect(daysUntil(deadline, new Date("2023-01-30T15:59:00Z"))).toBe(1); // 23:59 on the 30th in Beijing
    expect(daysUntil(deadline, new Date("2023-01-30T16:01:00Z"))).toBe(0); // 00:01 on the 31st
    expect(daysUntil(deadline, new Date("2023-02-03T04:00:00Z"))).toBe(-3);
    expect([deadlineText(5), deadlineText(0), deadlineText(-3)]).toEqual(["剩 5 天", "今天截止", "已逾期 3 天"]);
  });
});

describe("snapshotChanges", () => {
  const base: SubmissionSnapshot = {
    template: "2021",
    cells: { "applications/received/naturalPerson": 5, "applications/received/legal": null },
    narrative: { overview: "甲", problems: "乙", other: "" },
    contact: { address: "地址", phone: "1", email: "a@b.cn" },
    issuedOn: "2023-01-01",
  };
  it("lists cells old → new and changed texts", () => {
    const after = { ...base, cells: { ...base.cells, "applications/received/naturalPerson": 6 }, narrative: { ...base.narrative, overview: "甲改" } };
    expect(snapshotChanges(base, after)).toEqual({
      cells: [{ id: "applications/received/naturalPerson", before: 5, after: 6 }],
      fields: [{ id: "narrative.overview", before: "甲", after: "甲改" }],
    });
    expect(snapshotChanges(base, base)).toEqual({ cells: [], fields: [] });
  });
});
