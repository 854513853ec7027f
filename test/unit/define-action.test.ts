import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// the wrapper's collaborators: the session (authorize), the rate limit, the caches
vi.mock("server-only", () => ({}));
const auth = vi.hoisted(() => ({ user: null as null | { id: string; role: "ADMIN" | "REVIEWER" | "CLERK"; mustChangePassword: boolean }, limited: false }));
vi.mock("@/lib/auth/guard", async () => {
  const { AccessDeniedError } = await import("@/lib/auth/access-denied");
  return {
    AccessDeniedError,
    authorize: vi.fn(async (roles: string[], { passwordChange = false }: { passwordChange?: boolean } = {}) => {
      if (!auth.user) throw new AccessDeniedError(401);
      if (auth.user.mustChangePassword && !passwordChange) throw new AccessDeniedError(403, "请先修改密码。");
      if (!roles.includes(auth.user.role)) throw new AccessDeniedError(403);
      return { ...auth.user, username: "u", displayName: "U", regionCode: null, agencyId: null };
    }),
  };
});
vi.mock("@/lib/server/security/rate-limit", () => {
  class RateLimitError extends Error {
    readonly status = 429;
    constructor(readonly retryAfterSeconds: number) {
      super("操作过于频繁，请稍后再试。");
    }
  }
  return {
    RateLimitError,
    enforceRateLimit: vi.fn(async () => {
      if (auth.limited) throw new RateLimitError(30);
    }),
  };
});
const caches = vi.hoisted(() => ({ revalidated: [] as string[], forgotten: 0 }));
vi.mock("next/cache", () => ({ revalidatePath: (p: string) => caches.revalidated.push(p) }));
vi.mock("@/lib/server/cache/published-ref", () => ({ forgetPublicRefs: () => caches.forgotten++ }));

const { defineAction } = await import("@/lib/actions/define-action");
const { defineRoute } = await import("@/lib/actions/define-route");
const { ActionError } = await import("@/lib/actions/result");
const { AccessDeniedError } = await import("@/lib/auth/access-denied");
const { z, safeString } = await import("@/lib/zod");
const { redirect, notFound } = await import("next/navigation");

const schema = z.object({ name: safeString().min(1, "请填写名称。"), count: z.coerce.number().int().min(0, "数量不能为负数。") });

beforeEach(() => {
  auth.user = { id: "u1", role: "ADMIN", mustChangePassword: false };
  auth.limited = false;
  caches.revalidated = [];
  caches.forgotten = 0;
});
afterEach(() => vi.restoreAllMocks());

describe("defineAction", () => {
  it("runs the operation with the acting user and the parsed input, then revalidates", async () => {
    const op = vi.fn(async (actor: { id: string }, input: { name: string; count: number }) => ({ ok: true as const, id: `${actor.id}:${input.name}:${input.count}` }));
    const action = defineAction({ roles: ["ADMIN"], schema, revalidate: ["/admin"], publicPages: true, message: (d) => `已新建 ${d.id}。` }, op);
    const r = await action({ name: "甲", count: "3" as unknown as number });
    expect(r).toEqual({ ok: true, status: 200, message: "已新建 u1:甲:3。", data: { id: "u1:甲:3" } });
    expect(caches.revalidated).toEqual(["/admin"]);
    expect(caches.forgotten).toBe(1);
  });

  it("reads a form's FormData (previous result first, as useActionState calls it), repeated fields as an array", async () => {
    const seen: unknown[] = [];
    const action = defineAction({ roles: ["ADMIN"] }, async (_actor, input) => (seen.push(input), { ok: true as const }));
    const form = new FormData();
    form.append("name", "乙");
    form.append("pick", "a");
    form.append("pick", "b");
    const r = await action(null, form);
    expect(r.ok).toBe(true);
    expect(seen).toEqual([{ name: "乙", pick: ["a", "b"] }]);
  });

  it("refuses a role not listed, without looking at the input or running the operation", async () => {
    auth.user = { id: "c1", role: "CLERK", mustChangePassword: false };
    const op = vi.fn(async () => ({ ok: true as const }));
    const r = await defineAction({ roles: ["ADMIN"], schema }, op)({ name: "", count: -1 });
    expect(r).toEqual({ ok: false, status: 403, message: "无权执行此操作。" });
    expect(op).not.toHaveBeenCalled();
  });

  it("refuses a visitor without a session with 401 (and the action's own wording when given)", async () => {
    auth.user = null;
    const op = vi.fn(async () => ({ ok: true as const }));
    expect(await defineAction({ roles: ["CLERK"] }, op)({})).toMatchObject({ ok: false, status: 401, message: "请先登录。" });
    expect(await defineAction({ roles: ["CLERK"], sessionExpiredMessage: "登录已过期，未保存。" }, op)({})).toMatchObject({ status: 401, message: "登录已过期，未保存。" });
    expect(op).not.toHaveBeenCalled();
  });

  it("allows only the password change while a new password is due", async () => {
    auth.user = { id: "u1", role: "CLERK", mustChangePassword: true };
    const op = vi.fn(async () => ({ ok: true as const }));
    expect(await defineAction({ roles: ["CLERK"] }, op)({})).toMatchObject({ ok: false, status: 403, message: "请先修改密码。" });
    expect(await defineAction({ roles: ["CLERK"], passwordChange: true }, op)({})).toMatchObject({ ok: true, status: 200 });
    expect(op).toHaveBeenCalledTimes(1);
  });

  it("answers a schema's problems as fieldErrors keyed by field, in Chinese, and runs nothing", async () => {
    const op = vi.fn(async () => ({ ok: true as const }));
    const action = defineAction({ roles: ["ADMIN"], schema }, op);
    const one = await action({ name: "", count: 1 });
    expect(one).toEqual({ ok: false, status: 400, message: "请填写名称。", fieldErrors: { name: "请填写名称。" } });
    const two = await action({ name: "", count: -1 });
    expect(two).toEqual({ ok: false, status: 400, message: "请检查标出的字段。", fieldErrors: { name: "请填写名称。", count: "数量不能为负数。" } });
    const nul = await action({ name: "a\u0000b", count: 1 });
    expect(nul.ok || nul.fieldErrors?.name).toMatch(/空字符/);
    const wrongType = await action({ name: 5 as unknown as string, count: 1 });
    expect(wrongType.ok || wrongType.fieldErrors?.name).toMatch(/[\u4e00-\u9fff]/); // zod's own message, made Chinese by lib/zod.ts
    expect(op).not.toHaveBeenCalled();
  });

  it("counts the write against the rate limit: 429 with its message, nothing run", async () => {
    auth.limited = true;
    const op = vi.fn(async () => ({ ok: true as const }));
    expect(await defineAction({ roles: ["ADMIN"] }, op)({})).toEqual({ ok: false, status: 429, message: "操作过于频繁，请稍后再试。" });
    expect(op).not.toHaveBeenCalled();
  });

  it("maps the operations' refusals (status or code, message or error, violations) to the one shape, and revalidates nothing", async () => {
    const run = (outcome: object) => defineAction({ roles: ["ADMIN"], revalidate: ["/x"] }, async () => outcome as { ok: false; message: string })({});
    expect(await run({ ok: false, status: 409, message: "单位代码已存在。", fieldErrors: { code: "该代码已存在。" } })).toEqual({ ok: false, status: 409, message: "单位代码已存在。", fieldErrors: { code: "该代码已存在。" } });
    expect(await run({ ok: false, code: 422, message: "不能提交。", violations: [{ message: "第一行" }, { message: "第二行" }] })).toEqual({ ok: false, status: 422, message: "不能提交。", details: ["第一行", "第二行"] });
    expect(await run({ ok: false, status: 503, error: "服务器繁忙。" })).toEqual({ ok: false, status: 503, message: "服务器繁忙。" });
    expect(await run({ ok: false, message: "没有需要导入的内容。" })).toEqual({ ok: false, status: 422, message: "没有需要导入的内容。" });
    expect(caches.revalidated).toEqual([]);
  });

  it("maps thrown refusals: AccessDeniedError, ActionError, Prisma's unique violation", async () => {
    const run = (e: unknown) => defineAction({ roles: ["ADMIN"] }, async () => { throw e; })({});
    expect(await run(new AccessDeniedError(404))).toEqual({ ok: false, status: 404, message: "未找到该记录。" });
    expect(await run(new ActionError(413, "文件过大。"))).toEqual({ ok: false, status: 413, message: "文件过大。" });
    expect(await run(Object.assign(new Error("Unique constraint failed on the fields: (`code`)"), { name: "PrismaClientKnownRequestError", code: "P2002" }))).toMatchObject({ ok: false, status: 409 });
  });

  it("answers an unexpected error with a generic 500: no message, stack, path or details of it, logged by name only", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const secret = new TypeError("cannot read passwordHash $argon2id$v=19$abc at /srv/app/lib/server/users/x.ts:12");
    const r = await defineAction({ roles: ["ADMIN"], revalidate: ["/x"] }, async () => { throw secret; })({});
    expect(r).toEqual({ ok: false, status: 500, message: "服务器处理失败，请稍后重试。" });
    expect(JSON.stringify(r)).not.toMatch(/argon2|\/srv\/app|\.ts|TypeError/);
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0])).toContain("TypeError");
    expect(String(log.mock.calls[0])).not.toMatch(/argon2|passwordHash|\/srv\/app/);
    expect(caches.revalidated).toEqual([]);
  });

  it("lets redirect() and notFound() through to Next, thrown from the operation or asked for by redirectTo", async () => {
    const digestOf = async (p: Promise<unknown>) => ((await p.then(() => null, (e: { digest?: string }) => e)) as { digest?: string } | null)?.digest;
    expect(await digestOf(defineAction({ roles: ["ADMIN"] }, async () => redirect("/elsewhere"))({}))).toMatch(/^NEXT_REDIRECT;.*\/elsewhere/);
    expect(await digestOf(defineAction({ roles: ["ADMIN"] }, async () => notFound())({}))).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
    const opened = defineAction({ roles: ["ADMIN"], revalidate: ["/workspace"], redirectTo: (d: { reportId: string }) => `/workspace/reports/${d.reportId}` }, async () => ({ ok: true as const, reportId: "r1" }));
    expect(await digestOf(opened({}))).toMatch(/^NEXT_REDIRECT;.*\/workspace\/reports\/r1/);
    expect(caches.revalidated).toEqual(["/workspace"]); // revalidated before leaving
  });
});

describe("defineRoute", () => {
  it("answers the same result as JSON with its status as the HTTP status", async () => {
    const POST = defineRoute({ roles: ["ADMIN"], schema }, async (_actor, input) => ({ ok: true as const, echoed: input.name }));
    const ok = await POST(new Request("http://x/api", { method: "POST", body: JSON.stringify({ name: "丙", count: 1 }) }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, status: 200, message: "已保存。", data: { echoed: "丙" } });
    const bad = await POST(new Request("http://x/api", { method: "POST", body: "not json" }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).ok).toBe(false);
    auth.user = null;
    const anon = await POST(new Request("http://x/api", { method: "POST", body: "{}" }));
    expect(anon.status).toBe(401);
    expect(await anon.json()).toEqual({ ok: false, status: 401, message: "请先登录。" });
  });

  it("answers a write over the rate limit in the one shape, with the limit's own Retry-After", async () => {
    auth.limited = true;
    const POST = defineRoute({ roles: ["ADMIN"] }, async () => ({ ok: true as const }));
    const r = await POST(new Request("http://x/api", { method: "POST", body: "{}" }));
    expect(r.status).toBe(429);
    expect(r.headers.get("Retry-After")).toBe("30");
    expect(await r.json()).toEqual({ ok: false, status: 429, message: "操作过于频繁，请稍后再试。" });
  });

  it("sends Retry-After with 429 and 503", async () => {
    const POST = defineRoute({ roles: ["ADMIN"] }, async () => ({ ok: false as const, status: 503, error: "转换服务繁忙。" }));
    const r = await POST(new Request("http://x/api", { method: "POST", body: "{}" }));
    expect(r.status).toBe(503);
    expect(r.headers.get("Retry-After")).toBe("2");
  });
});
