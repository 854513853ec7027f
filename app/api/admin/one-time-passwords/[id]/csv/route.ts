import { csvBytes } from "@/lib/csv";
import { AccessDeniedError, authorize } from "@/lib/auth/guard";
import { db } from "@/lib/server/db";
import { requestOrigin } from "@/lib/server/security/request-origin";
import { takeOneTimePasswords } from "@/lib/server/users/take-one-time-passwords";
import { FIRST_SIGN_IN_NOTE } from "@/lib/admin/one-time-password-sheet";

export const dynamic = "force-dynamic";

// Secrets: never kept by a browser, a proxy or the back button.
const NO_STORE = { "Cache-Control": "no-store, private, max-age=0", Pragma: "no-cache", "X-Content-Type-Options": "nosniff" };

function refusal(status: number, message: string) {
  return new Response(`${message}\n`, { status, headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" } });
}

/** The one-time passwords of accounts just created, as CSV, once (lib/server/users/take-one-time-passwords.ts). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await authorize(["ADMIN"]);
    const taken = await takeOneTimePasswords(db, actor, (await params).id, "csv");
    if (!taken.ok) return refusal(taken.status, taken.message);
    const login = `${(await requestOrigin()) ?? process.env.NEXTAUTH_URL ?? ""}/login`;
    const rows = [
      ["用户名", "姓名", "单位", "一次性密码", "登录地址", "说明"],
      ...taken.accounts.map((a) => [a.username, a.displayName, a.scopeName, a.oneTimePassword, login, FIRST_SIGN_IN_NOTE]),
    ];
    const stamp = taken.createdAt.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
    return new Response(new Uint8Array(csvBytes(rows)), {
      headers: {
        ...NO_STORE,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="one-time-passwords-${stamp}.csv"; filename*=UTF-8''${encodeURIComponent(`一次性密码-${stamp}.csv`)}`,
      },
    });
  } catch (e) {
    if (e instanceof AccessDeniedError) return refusal(e.status, e.message);
    console.error(`one-time password download failed: ${(e as { name?: string }).name ?? "Error"}`);
    return refusal(500, "服务器处理失败，请稍后重试。");
  }
}
