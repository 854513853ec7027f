// Narrative text pasted from Word/WPS keeps its paragraphs, bold and numbering titles, and the
// Word/Excel writers see the same paragraphs (lib/documents/markdown.ts).
import { describe, expect, it } from "vitest";
import { insertBlocks, paragraphsToMarkdown, plainTextToMarkdown } from "@/components/report-editor/word-paste";
import { markdownBlocks } from "@/lib/documents/markdown";

const WORD_TEXT = [
  "一、总体情况",
  "　　2023年，本单位认真贯彻落实《中华人民共和国政府信息公开条例》。",
  "（三）政府信息管理",
  "　　严格落实政府信息公开属性源头认定机制。",
  "（四）平台建设",
  "　　持续优化政府网站。",
].join("\r\n");

describe("plain text from Word or WPS", () => {
  it("makes each line a paragraph and the numbering lines subheadings", () => {
    expect(plainTextToMarkdown(WORD_TEXT)).toBe(
      [
        "### 一、总体情况",
        "2023年，本单位认真贯彻落实《中华人民共和国政府信息公开条例》。",
        "#### （三）政府信息管理",
        "严格落实政府信息公开属性源头认定机制。",
        "#### （四）平台建设",
        "持续优化政府网站。",
      ].join("\n\n"),
    );
  });

  it("is read by the document writers as the same separate paragraphs and headings", () => {
    const blocks = markdownBlocks(plainTextToMarkdown(WORD_TEXT));
    expect(blocks.map((b) => [b.heading, b.runs.map((r) => r.text).join("")])).toEqual([
      [3, "一、总体情况"],
      [0, "2023年，本单位认真贯彻落实《中华人民共和国政府信息公开条例》。"],
      [4, "（三）政府信息管理"],
      [0, "严格落实政府信息公开属性源头认定机制。"],
      [4, "（四）平台建设"],
      [0, "持续优化政府网站。"],
    ]);
  });

  it("keeps a run-in title with its text as one paragraph, and escapes markdown characters", () => {
    expect(plainTextToMarkdown("（一）主动公开情况。本年度公开文件 12 件，*含* 规章。\n# 号")).toBe(
      "（一）主动公开情况。本年度公开文件 12 件，\\*含\\* 规章。\n\n\\# 号",
    );
  });
});

describe("paragraphs with bold runs (the HTML clipboard)", () => {
  it("keeps bold as **…** and lists as list items", () => {
    const md = paragraphsToMarkdown([
      { runs: [{ text: "（一）", bold: false }, { text: "主动公开", bold: true }] },
      { runs: [{ text: "全年", bold: false }, { text: "主动公开", bold: true }, { text: "信息 1,234 条。", bold: false }] },
      { runs: [{ text: "网站", bold: false }], listItem: true },
      { runs: [{ text: "政务新媒体", bold: false }], listItem: true },
    ]);
    expect(md).toBe("### （一）主动公开\n\n全年**主动公开**信息 1,234 条。\n\n- 网站\n- 政务新媒体");
    expect(markdownBlocks(md)[1]!.runs).toContainEqual({ text: "主动公开", bold: true });
  });
});

describe("insertBlocks", () => {
  it("puts blank lines around a paste in the middle of a text", () => {
    expect(insertBlocks("前文\n后文", 2, 2, "甲\n\n乙")).toEqual({ text: "\n\n甲\n\n乙\n", caret: 2 + 2 + 4 });
    expect(insertBlocks("", 0, 0, "甲")).toEqual({ text: "甲", caret: 1 });
  });
});
