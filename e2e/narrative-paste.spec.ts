// A clerk pastes a narrative from Word (the clipboard's text/html: MsoNormal paragraphs) into
// 一、总体情况: its paragraphs, bold and numbering titles survive the save and the publication.
// The submission, approval and publication are made by the real operations (workflow fixture).
import { expect, test } from "@playwright/test";
import { signIn, workflowFixture as fixture } from "./helpers";

test.describe.configure({ timeout: 360_000 });

const YEAR = 2022;

/** What Word puts on the clipboard: MsoNormal paragraphs, spans, source line breaks, a bold run. */
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"><style><!-- p.MsoNormal {margin:0cm;} --></style></head>
<body lang=ZH-CN style='tab-interval:21.0pt'><!--StartFragment-->
<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>2022年，本镇认真贯彻落实《中华人民共和国政府信息公开条例》，<b>主动公开</b>政府信息
236条。<o:p></o:p></span></p>
<p class=MsoNormal><span style='font-family:黑体'>（三）政府信息管理<o:p></o:p></span></p>
<p class=MsoNormal style='text-indent:32.0pt'><span>严格落实政府信息公开属性源头认定机制。<o:p></o:p></span></p>
<p class=MsoNormal><span style='font-family:黑体'>（四）平台建设<o:p></o:p></span></p>
<p class=MsoNormal style='text-indent:32.0pt'><span>&nbsp;&nbsp;持续优化政府网站栏目。<o:p></o:p></span></p>
<!--EndFragment--></body></html>`;
const PLAIN = "2022年，本镇认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息236条。\r\n（三）政府信息管理\r\n严格落实政府信息公开属性源头认定机制。\r\n（四）平台建设\r\n持续优化政府网站栏目。\r\n";

test("a narrative pasted from Word keeps its paragraphs, bold and subheadings, through save and publication", async ({ page }) => {
  const code = `640122-p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const { reportId, clerk } = await fixture("report", code, `贺兰县粘贴镇${code.slice(-6)}`, String(YEAR), "DRAFT");
  await signIn(page, clerk);
  await page.goto(`/workspace/reports/${reportId}`);
  const overview = page.getByRole("textbox", { name: "一、总体情况", exact: true });
  // the fixture's text may be put back by the editor's hydration after a first clear: clear until it stays empty
  await expect(async () => {
    await overview.fill("");
    await expect(overview).toHaveValue("", { timeout: 1_000 });
  }).toPass();
  await expect(overview).toHaveValue("");
  await overview.focus();
  await overview.evaluate(
    (el, { html, text }) => {
      const data = new DataTransfer();
      data.setData("text/html", html);
      data.setData("text/plain", text);
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { html: WORD_HTML, text: PLAIN },
  );
  await expect(overview).toHaveValue(
    [
      "2022年，本镇认真贯彻落实《中华人民共和国政府信息公开条例》，**主动公开**政府信息236条。",
      "### （三）政府信息管理",
      "严格落实政府信息公开属性源头认定机制。",
      "### （四）平台建设",
      "持续优化政府网站栏目。",
    ].join("\n\n"),
  );

  // the format bar: 加粗 on a selection, 小标题 on a line
  await overview.evaluate((el: HTMLTextAreaElement) => {
    const at = el.value.indexOf("严格落实");
    el.setSelectionRange(at, at + 4);
  });
  await page.getByRole("toolbar", { name: "一、总体情况 的格式" }).getByRole("button", { name: "加粗" }).click();
  await expect(overview).toHaveValue(/\*\*严格落实\*\*政府信息公开/);

  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("status", { name: "保存状态" })).toContainText("已保存");

  await fixture("advance", code, String(YEAR));
  await page.goto(`/reports/${code}/${YEAR}`);
  const section = page.locator(`section[aria-labelledby="part-overview"] .narrative`);
  const paragraphs = section.locator("p");
  await expect(paragraphs).toHaveText(["2022年，本镇认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息236条。", "严格落实政府信息公开属性源头认定机制。", "持续优化政府网站栏目。"]);
  await expect(section.getByRole("heading", { name: "（三）政府信息管理" })).toBeVisible();
  await expect(section.getByRole("heading", { name: "（四）平台建设" })).toBeVisible();
  await expect(section.locator("strong")).toHaveText(["主动公开", "严格落实"]);
});
