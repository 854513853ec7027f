import { AccessDeniedError, authorize, type CurrentUser } from "@/lib/auth/guard";
import { MAX_REPORT_FILE_BYTES } from "@/lib/exchange";
import { db } from "@/lib/server/db";
import { convertReportFile } from "@/lib/server/reports/convert-report-file";
import { rateLimitResponse } from "@/lib/server/security/rate-limit";

// POST /api/convert (multipart, field `file`): a Word / Excel / web-page report turned into
// an exchange document for the editor to fill its form with — { document, problems }.
// Nothing is saved. Signed-in clerks, reviewers and administrators only.
export async function POST(req: Request) {
  let user: CurrentUser;
  try {
    user = await authorize(["CLERK", "REVIEWER", "ADMIN"]);
  } catch (e) {
    if (e instanceof AccessDeniedError) return Response.json({ error: e.message }, { status: e.status });
    throw e;
  }
  const limited = await rateLimitResponse("write", { user });
  if (limited) return limited;
  // refuse an oversized upload before reading it (the multipart envelope adds a little)
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_REPORT_FILE_BYTES + 64 * 1024)
    return Response.json({ error: `文件过大，上限 ${MAX_REPORT_FILE_BYTES / 1024 / 1024} MB。` }, { status: 413 });
  let file: FormDataEntryValue | null;
  try {
    file = (await req.formData()).get("file");
  } catch {
    return Response.json({ error: "请求格式不正确：请以 multipart/form-data 上传字段 file。" }, { status: 400 });
  }
  if (!file || typeof file === "string") return Response.json({ error: "请选择要导入的文件。" }, { status: 400 });
  if (file.size > MAX_REPORT_FILE_BYTES)
    return Response.json({ error: `文件过大（${(file.size / 1024 / 1024).toFixed(1)} MB），上限 ${MAX_REPORT_FILE_BYTES / 1024 / 1024} MB。` }, { status: 413 });
  let result: Awaited<ReturnType<typeof convertReportFile>>;
  try {
    result = await convertReportFile(db, user, new Uint8Array(await file.arrayBuffer()));
  } catch (e) {
    console.error("POST /api/convert", e);
    return Response.json({ error: "文件转换失败：服务器内部错误，请稍后再试。" }, { status: 500 });
  }
  if (!result.ok)
    return Response.json({ error: result.error }, { status: result.status, headers: result.status === 429 || result.status === 503 ? { "Retry-After": "2" } : undefined });
  return Response.json({ document: result.document, problems: result.problems }, { headers: { "Cache-Control": "no-store" } });
}
