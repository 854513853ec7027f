// The public pages on a 390×844 phone (the reader who arrives from a link in WeChat): no
// page-level horizontal scroll, a 菜单 button that opens the menu with each item on one line,
// and row labels that read as words (a few lines at most), not a column of single characters;
// in 三 the labels stay in view while the figures scroll inside the table.
import { expect, test, type Page } from "@playwright/test";
import { PUBLIC_PAGES, settled } from "./helpers";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const PAGES = [...PUBLIC_PAGES, "/reports?year=2020"];

/**
 * The text and the number of lines on screen (distinct tops of its text's line boxes) of each
 * visible element matching `selector`, read in the page at once (a page has a hundred row labels).
 */
function lineCounts(page: Page, selector: string): Promise<{ text: string; lines: number }[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements
      .filter((el) => el.getClientRects().length > 0) // shown (not display: none, nor in a closed part)
      .map((el) => {
        const tops = new Set<number>();
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          if (!t.textContent?.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(t);
          for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
        }
        return { text: (el.textContent ?? "").trim(), lines: tops.size };
      }),
  );
}

async function pageOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

for (const path of PAGES) {
  test(`手机 390 px：${path} 不横向溢出，菜单可展开且每项一行，行标题可读`, async ({ page }) => {
    const res = await page.goto(path);
    expect(res?.status()).toBe(200);
    await settled(page);
    expect(await pageOverflow(page), "document scrollWidth beyond the 390 px viewport").toBeLessThanOrEqual(0);

    // the menu: collapsed behind a real disclosure button
    const toggle = page.getByRole("button", { name: "菜单" });
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(nav.getByRole("link", { name: "查询报告" })).toBeHidden();
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    const links = nav.getByRole("link");
    await expect(links).toHaveCount(4);
    for (const link of await links.all()) await expect(link).toBeVisible();
    for (const item of await lineCounts(page, "#site-nav a")) expect(item.lines, `menu item ${item.text}`).toBe(1);
    expect(await pageOverflow(page), "overflow with the menu open").toBeLessThanOrEqual(0);
    await toggle.click();
    await expect(nav.getByRole("link", { name: "查询报告" })).toBeHidden();

    // row labels: at least four characters a line on average, at most six lines (the longest
    // official label, 36 characters, takes six)
    for (const { text, lines } of await lineCounts(page, "th.row-label, table th[scope=row]")) {
      if (!text) continue;
      const allowed = Math.max(1, Math.min(6, Math.ceil(text.length / 4)));
      expect(lines, `row label "${text}" takes ${lines} lines`).toBeLessThanOrEqual(allowed);
    }
  });
}

test("手机 390 px：三 的行标题固定在左侧，数字在表格内横向滚动", async ({ page }) => {
  await page.goto("/reports/640122-zrzy/2022");
  const table = page.getByRole("table", { name: "三、收到和处理政府信息公开申请情况" });
  const frame = table.locator("xpath=..");
  const label = table.getByRole("rowheader", { name: "1.属于国家秘密" });
  const total = table.locator('[data-cell="applications/received/total"]');
  await label.scrollIntoViewIfNeeded();
  // the figures scroll inside the table's frame, not the page
  const widths = await frame.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(widths.scroll).toBeGreaterThan(widths.client);
  const frameBox = (await frame.boundingBox())!;
  await expect(total).not.toBeInViewport();
  await frame.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await expect(total).toBeInViewport();
  // scrolled to the last column, the label is still where it was, at the frame's left
  await expect.poll(async () => Math.round((await label.boundingBox())!.x)).toBeGreaterThanOrEqual(Math.floor(frameBox.x));
  const labelBox = (await label.boundingBox())!;
  const totalBox = (await total.boundingBox())!;
  expect(labelBox.x + labelBox.width).toBeLessThanOrEqual(totalBox.x + 1);
  expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
});
