// zod's own messages reach users when a schema states none (a bad option, a wrong type): they
// must be Chinese wherever a schema is defined, and a schema's own message must still win.
import { z as plainZod } from "zod";
import { describe, expect, it } from "vitest";
import { regionUpdateSchema, userIdSchema } from "@/lib/admin/schemas";
import { isSafeText, nameProblem, safeString } from "@/lib/zod";

describe("zod messages", () => {
  it("are Chinese for any schema once a schema-defining module is loaded (a bad option, a wrong type, too long)", () => {
    // built with zod imported directly: the locale is global, set by lib/zod.ts, which lib/admin/schemas.ts imports
    const option = plainZod.enum(["return", "approve"]).safeParse("delete");
    expect(option.success).toBe(false);
    expect(option.error!.issues[0]!.message).toMatch(/^无效选项/);
    expect(option.error!.issues[0]!.message).not.toMatch(/Invalid/);
    expect(plainZod.number().safeParse("x").error!.issues[0]!.message).toMatch(/^无效输入：期望 数字/);
    expect(userIdSchema.safeParse({ id: "" }).error!.issues[0]!.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("leave a schema's own message in place", () => {
    const r = regionUpdateSchema.safeParse({ code: "64", name: "贺兰县", active: true });
    expect(r.error!.issues.map((i) => i.message)).toEqual(["地区代码应为 6 位数字。"]);
    expect(plainZod.enum(["a"], { message: "请选择。" }).safeParse("b").error!.issues[0]!.message).toBe("请选择。");
  });
});

describe("safe text", () => {
  it("refuses NUL and lone surrogates, keeps pairs (emoji, rare characters) and line breaks", () => {
    for (const s of ["a\u0000b", "\uD800", "x\uDC00", "\uDBFFa", "a\uDC00\uD800"]) expect(isSafeText(s), JSON.stringify(s)).toBe(false);
    for (const s of ["", "贺兰县", "😀", "𠀀镇", "一\n二\t三"]) expect(isSafeText(s), s).toBe(true);
    expect(safeString("正文").safeParse("a\u0000").error!.issues[0]!.message).toMatch(/^正文含有无法保存的字符/);
  });

  it("names: no formula-like start, no control characters", () => {
    for (const s of ["=1+1", "+86", "-x", "@SUM(A1)", "a\tb", "a\rb", "a\u0085b"]) expect(nameProblem(s, "单位名称"), s).toMatch(/^单位名称不能/);
    for (const s of ["贺兰县习岗镇", "A-B 局", "x@y 中心", "3-1 号"]) expect(nameProblem(s, "单位名称"), s).toBeNull();
  });
});
