// The narrative renderer: CJK-friendly emphasis, GFM, and nothing unsafe gets through.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { isSameSiteUrl, Markdown } from "@/components/reports/Markdown";

const render = (md: string, minHeadingLevel?: 2 | 3) => renderToStaticMarkup(createElement(Markdown, { minHeadingLevel, children: md }));

describe("Markdown", () => {
  it("closes emphasis next to CJK punctuation (the seed report's eight bold run-in headings)", () => {
    const html = render("**4. 加大公共资源配置领域信息公开。**习岗镇按照要求公开。");
    expect(html).toContain("<strong>4. 加大公共资源配置领域信息公开。</strong>习岗镇");
    expect(html).not.toContain("**");
  });

  it("renders GFM tables, lists and strikethrough", () => {
    const html = render("| 项目 | 数量 |\n| --- | --- |\n| 微博 | 38 |\n\n- 一\n- 二\n\n~~删除~~");
    expect(html).toContain("<table");
    expect(html).toContain("<td>38</td>");
    expect(html).toContain("<li>一</li>");
    expect(html).toContain("<del>删除</del>");
  });

  it("drops raw HTML", () => {
    const html = render('正文<script>alert(1)</script><img src=x onerror="alert(1)"><b>粗</b>');
    expect(html).not.toMatch(/<script|onerror|<b>/);
    expect(html).toContain("正文");
  });

  it("keeps only safe link targets", () => {
    const html = render("[甲](javascript:alert(1)) [乙](data:text/html,hi) [丙](https://www.gov.cn/) [丁](/reports) [戊](mailto:a@b.cn)");
    expect(html).not.toMatch(/javascript:|data:/);
    expect(html).toContain('href="https://www.gov.cn/"');
    expect(html).toContain('rel="nofollow noopener noreferrer"');
    expect(html).toContain('href="/reports"');
    expect(html).toContain('href="mailto:a@b.cn"');
  });

  it("shows images of this site only; an external or data: image is never fetched", () => {
    const local = render("![公开栏](/uploads/board.png)");
    expect(local).toContain('<img src="/uploads/board.png" alt="公开栏"');
    const external = render("![跟踪](https://tracker.example/p.gif)");
    expect(external).not.toContain("<img");
    expect(external).toContain('href="https://tracker.example/p.gif"');
    expect(external).toContain("〔图片：跟踪〕");
    const protocolRelative = render("![x](//tracker.example/p.gif)");
    expect(protocolRelative).not.toContain("<img");
    const data = render("![内嵌](data:image/png;base64,AAAA)");
    expect(data).not.toContain("<img");
    expect(data).not.toContain("data:");
    expect(data).toContain("〔图片：内嵌〕");
  });

  it("keeps narrative headings under the section heading", () => {
    expect(render("# 甲\n\n## 乙\n\n### 丙\n\n#### 丁")).toBe("<h3>甲</h3>\n<h3>乙</h3>\n<h3>丙</h3>\n<h4>丁</h4>");
    expect(render("# 甲", 2)).toBe("<h2>甲</h2>");
  });

  it("tells same-site URLs from others", () => {
    expect(isSameSiteUrl("/a.png")).toBe(true);
    expect(isSameSiteUrl("img/a.png")).toBe(true);
    expect(isSameSiteUrl("https://x/a.png")).toBe(false);
    expect(isSameSiteUrl("//x/a.png")).toBe(false);
    expect(isSameSiteUrl("JAVASCRIPT:alert(1)")).toBe(false);
    expect(isSameSiteUrl("\\\\x\\a.png")).toBe(false);
    expect(isSameSiteUrl(undefined)).toBe(false);
  });
});
