import { expect as baseExpect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { signInAs } from "./helpers";
import { withDb } from "./security-helpers";

// The administrator's user forms in the browser: 范围 chosen from a searchable list with the
// keyboard, 电子邮箱, messages that say only what the last action did, and the one-time
// passwords downloaded once as CSV and printed once as slips.

test.describe.configure({ timeout: 180_000 }); // a few forms, a download and a print preview on a machine shared by a team
const expect = baseExpect.configure({ timeout: 30_000 });

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

const contexts: BrowserContext[] = [];
async function adminPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await signInAs(page, "admin");
  return page;
}
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

async function openNewUserForm(page: Page) {
  await page.goto("/admin/users");
  await page.locator("summary", { hasText: "新建用户" }).click();
  return page.getByRole("form", { name: "新建用户" });
}

test("范围用键盘从可搜索的列表中选择；填写电子邮箱；一次性密码可下载一次 CSV、打印一次密码条", async ({ browser }) => {
  const page = await adminPage(browser);
  const form = await openNewUserForm(page);
  const username = `kb-${run}`;
  await form.getByLabel("用户名").fill(username);
  await form.getByLabel("姓名").fill("金贵镇新经办人");
  await form.getByLabel("电子邮箱").fill("not-an-address");
  await form.getByLabel("角色").selectOption({ label: "填报人" });

  // typed part of a name: the matches with their path, the first one active
  const scope = form.getByRole("combobox", { name: "范围" });
  await scope.focus();
  await page.keyboard.type("金贵");
  const list = form.getByRole("listbox", { name: "候选单位" });
  const option = list.getByRole("option", { name: /贺兰县 › 金贵镇/ });
  await expect(option).toBeVisible();
  await expect(option).toContainText("宁夏回族自治区 › 银川市 › 贺兰县 › 金贵镇");
  await expect(scope).toHaveAttribute("aria-expanded", "true");
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expect(scope).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id"))!);
  // Esc closes the list without choosing; ↓ opens it again; Enter chooses (and does not submit)
  await page.keyboard.press("Escape");
  await expect(list).toBeHidden();
  await expect(scope).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("ArrowDown");
  await expect(option).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(scope).toHaveValue("宁夏回族自治区 › 银川市 › 贺兰县 › 金贵镇（640122101000）");
  await expect(list).toBeHidden();
  await expect(form.getByRole("status")).toBeEmpty();

  // a wrong e-mail address is named, nothing is created
  await form.getByRole("button", { name: "新建用户" }).click();
  await expect(form.getByText("请填写有效的电子邮箱地址")).toBeVisible();
  await expect(form.getByRole("status")).toHaveText("未保存：请检查标出的字段。");
  await form.getByLabel("电子邮箱").fill(`${username}@example.gov.cn`);
  await form.getByRole("button", { name: "新建用户" }).click();
  await expect(form.getByRole("status")).toHaveText(`已新建用户 ${username}。`);
  const oneTime = (await form.getByRole("table", { name: "一次性密码" }).getByRole("row").nth(1).getByRole("cell").last().textContent())!.trim();
  const stored = await withDb(async (c) =>
    (await c.query(`SELECT u.email, a.code FROM "User" u JOIN "Agency" a ON a.id = u."agencyId" WHERE u.username = $1`, [username])).rows[0],
  );
  expect(stored).toEqual({ email: `${username}@example.gov.cn`, code: "640122101000" });

  // the CSV, once: through the formula-safe writer (BOM), never cached
  const csvLink = form.getByRole("link", { name: "下载一次性密码（CSV）" });
  const href = (await csvLink.getAttribute("href"))!;
  const [download, response] = await Promise.all([page.waitForEvent("download"), page.waitForResponse((r) => r.url().endsWith(href)), csvLink.click()]);
  expect(response.headers()["cache-control"]).toContain("no-store");
  const bytes = await new Promise<Buffer>(async (resolve, reject) => {
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
  const text = bytes.toString("utf8");
  expect(text.startsWith("\uFEFF用户名,姓名,单位,一次性密码,登录地址,说明\r\n")).toBe(true);
  const origin = new URL(page.url()).origin;
  expect(text).toContain(`${username},金贵镇新经办人,贺兰县金贵镇,${oneTime},${origin}/login,首次登录后须修改密码\r\n`);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  // a second time: gone
  const again = await page.request.get(href);
  expect(again.status()).toBe(410);
  expect(await again.text()).toContain("不能再次获取");
  expect(again.headers()["cache-control"]).toContain("no-store");

  // the printable slips, once, in a tab of their own
  const [slips] = await Promise.all([page.context().waitForEvent("page"), form.getByRole("link", { name: "打印密码条" }).click()]);
  const slip = slips.getByRole("article", { name: `${username} 的密码条` });
  await expect(slip).toBeVisible();
  for (const part of ["用户名", username, "金贵镇新经办人", "贺兰县金贵镇", oneTime, `${origin}/login`, "首次登录后须修改密码"]) await expect(slip).toContainText(part);
  await expect(slips.getByRole("button", { name: "打印密码条" })).toBeVisible();
  // on paper: the slip alone (no navigation, no button), with a dashed line to cut along, never split
  await slips.emulateMedia({ media: "print" });
  await expect(slips.getByRole("navigation", { name: "系统管理" })).toBeHidden();
  await expect(slips.getByRole("button", { name: "打印密码条" })).toBeHidden();
  const style = await slip.evaluate((el) => ({ border: getComputedStyle(el).borderTopStyle, inside: getComputedStyle(el).breakInside }));
  expect(style).toEqual({ border: "dashed", inside: "avoid" });
  await slips.emulateMedia({ media: "screen" });
  await slips.reload();
  await expect(slips.getByText(/不能再次获取/)).toBeVisible();
  await expect(slips.getByText(oneTime)).toHaveCount(0);

  // both downloads are in the audit trail, without the password
  await page.goto("/admin/audit");
  const audit = page.getByRole("table", { name: "操作记录" });
  await expect(audit.getByRole("row").filter({ hasText: "获取一次性密码" }).filter({ hasText: username })).toHaveCount(2);
  await expect(audit).not.toContainText(oneTime);
});

test("编辑用户：范围和电子邮箱显示现值，用键盘改选后保存", async ({ browser }) => {
  const page = await adminPage(browser);
  const username = `edit-${run}`;
  const form = await openNewUserForm(page);
  await form.getByLabel("用户名").fill(username);
  await form.getByLabel("姓名").fill("待调整的审核人");
  await form.getByLabel("角色").selectOption({ label: "审核人" });
  const scope = form.getByRole("combobox", { name: "范围" });
  await scope.fill("银川");
  await expect(form.getByRole("listbox", { name: "候选地区" }).getByRole("option").first()).toContainText("宁夏回族自治区 › 银川市");
  await scope.press("Enter");
  await expect(scope).toHaveValue("宁夏回族自治区 › 银川市（640100）");
  await form.getByRole("button", { name: "新建用户" }).click();
  await expect(form.getByRole("status")).toHaveText(`已新建用户 ${username}。`);

  await page.goto(`/admin/users?q=${username}`);
  await page.getByRole("table", { name: "用户列表" }).getByRole("link", { name: username }).click();
  const edit = page.getByRole("form", { name: "编辑用户" });
  const editScope = edit.getByRole("combobox", { name: "范围" });
  await expect(editScope).toHaveValue("宁夏回族自治区 › 银川市（640100）");
  await expect(edit.getByLabel("电子邮箱")).toHaveValue("");
  // typing clears the choice: saving now says to choose from the list
  await editScope.fill("贺兰");
  await edit.getByLabel("姓名").click(); // the list closes, nothing chosen
  await edit.getByRole("button", { name: "保存" }).click();
  await expect(edit.getByText("请从列表中选择审核人负责的地区。")).toBeVisible();
  await editScope.focus();
  await page.keyboard.press("ArrowDown");
  await expect(edit.getByRole("option", { name: /贺兰县/ })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await edit.getByLabel("电子邮箱").fill(`${username}@example.gov.cn`);
  await edit.getByRole("button", { name: "保存" }).click();
  await expect(edit.getByRole("status")).toHaveText("已保存。");
  const stored = await withDb(async (c) => (await c.query(`SELECT email, "regionCode" FROM "User" WHERE username = $1`, [username])).rows[0]);
  expect(stored).toEqual({ email: `${username}@example.gov.cn`, regionCode: "640122" });
  await page.reload();
  await expect(edit.getByRole("combobox", { name: "范围" })).toHaveValue("宁夏回族自治区 › 银川市 › 贺兰县（640122）");
  await expect(edit.getByLabel("电子邮箱")).toHaveValue(`${username}@example.gov.cn`);
});

test("管理表单的提示只反映最后一次操作：新建成功后再提交错误内容，不再显示“已新建单位”", async ({ browser }) => {
  const page = await adminPage(browser);
  await page.goto("/admin/agencies");
  await page.locator("summary", { hasText: "新建单位" }).click();
  const form = page.getByRole("form", { name: "新建单位" });
  const status = form.getByRole("status");
  const code = `640122-msg${run}`;
  await form.getByLabel("单位代码").fill(code);
  await form.getByLabel("单位名称").fill(`提示测试局${run}`);
  await form.getByLabel("类型").selectOption({ label: "部门" });
  await form.getByRole("button", { name: "新建单位" }).click();
  await expect(status).toHaveText(`已新建单位 提示测试局${run}。`);

  // refused by the form itself (no name): the success message goes
  await form.getByLabel("单位代码").fill(`640122-msg2${run}`);
  await form.getByLabel("类型").selectOption({ label: "部门" });
  await form.getByRole("button", { name: "新建单位" }).click();
  await expect(form.getByText("请填写单位名称。")).toBeVisible();
  await expect(status).toHaveText("未保存：请检查标出的字段。");
  await expect(form).not.toContainText("已新建单位");

  // refused by the server (the code exists): its reason alone
  await form.getByLabel("单位代码").fill(code);
  await form.getByLabel("单位名称").fill(`重复的局${run}`);
  await form.getByRole("button", { name: "新建单位" }).click();
  await expect(status).toContainText(code);
  await expect(status).not.toContainText("未保存：请检查标出的字段。");
  await expect(form).not.toContainText("已新建单位");

  // and a success after errors says only that
  await form.getByLabel("单位代码").fill(`640122-msg3${run}`);
  await form.getByRole("button", { name: "新建单位" }).click();
  await expect(status).toHaveText(`已新建单位 重复的局${run}。`);

  // the user form too
  const users = await openNewUserForm(page);
  await users.getByLabel("用户名").fill(`msg-${run}`);
  await users.getByLabel("姓名").fill("提示测试");
  await users.getByLabel("角色").selectOption({ label: "管理员" });
  await users.getByRole("button", { name: "新建用户" }).click();
  await expect(users.getByRole("status")).toHaveText(`已新建用户 msg-${run}。`);
  await users.getByLabel("用户名").fill(`msg-${run}`);
  await users.getByLabel("姓名").fill("同名");
  await users.getByLabel("角色").selectOption({ label: "管理员" });
  await users.getByRole("button", { name: "新建用户" }).click();
  await expect(users.getByRole("status")).toHaveText(`用户名 msg-${run} 已存在。`);
});

test("批量导入后，一次性密码可下载一次 CSV，密码条按 A4 分页打印（每页 8 条）", async ({ browser }) => {
  const page = await adminPage(browser);
  const agencies = ["代码,名称,类型,所属地区代码"];
  const users = ["用户名,姓名,角色,范围"];
  for (let i = 1; i <= 10; i++) {
    agencies.push(`640122-ob${run}${i},贺兰县导入测试第${i}局,部门,640122`);
    users.push(`ob${run}-${i},第${i}局经办人,填报人,640122-ob${run}${i}`);
  }
  users.push(`ob${run}-r,导入测试审核人,审核人,640122`);
  await page.goto("/admin/import");
  await page.getByLabel("单位名单（CSV）").setInputFiles({ name: "单位名单.csv", mimeType: "text/csv", buffer: Buffer.from(agencies.join("\r\n")) });
  await page.getByLabel("用户名单（CSV）").setInputFiles({ name: "用户名单.csv", mimeType: "text/csv", buffer: Buffer.from(users.join("\r\n")) });
  await page.getByRole("button", { name: "预览导入" }).click();
  await expect(page.getByRole("status").filter({ hasText: "检查通过" })).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByRole("status").filter({ hasText: "导入完成" })).toHaveText("导入完成：新建单位 10 个，修改单位 0 个，新建用户 11 个。", { timeout: 60_000 });
  const table = page.getByRole("table", { name: "新建用户的一次性密码" });
  const first = (await table.getByRole("row").filter({ hasText: `ob${run}-1` }).first().getByRole("cell").last().textContent())!.trim();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载一次性密码（CSV）" }).click()]);
  const text = await new Promise<string>(async (resolve, reject) => {
    const chunks: Buffer[] = [];
    const stream = await download.createReadStream();
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    stream.on("error", reject);
  });
  expect(text.split("\r\n").filter(Boolean)).toHaveLength(12);
  expect(text).toContain(`ob${run}-1,第1局经办人,贺兰县导入测试第1局,${first},`);
  expect(text).toContain(`ob${run}-r,导入测试审核人,贺兰县,`);

  const [slips] = await Promise.all([page.context().waitForEvent("page"), page.getByRole("link", { name: "打印密码条" }).click()]);
  await expect(slips.getByRole("heading", { name: "一次性密码条（11 个账号）" })).toBeVisible();
  await expect(slips.getByRole("article")).toHaveCount(11);
  await expect(slips.getByRole("region", { name: /^第 \d 页$/ })).toHaveCount(2);
  await expect(slips.getByRole("region", { name: "第 1 页" }).getByRole("article")).toHaveCount(8);
  // printed: two A4 pages, the first ending after its eighth slip
  const pdf = await slips.pdf({ format: "A4", preferCSSPageSize: true });
  expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)).toHaveLength(2);
});
