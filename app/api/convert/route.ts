import { defineRoute } from "@/lib/actions/define-route";
import { ActionError } from "@/lib/actions/result";
import { MAX_REPORT_FILE_BYTES } from "@/lib/exchange";
import { db } from "@/lib/server/db";
import { z } from "@/lib/zod";
import { convertReportFile } from "@/lib/server/reports/convert-report-file";

const MB = 1024 * 1024;

/** The uploaded file's bytes, refused when too large before (and after) it is read. */
async function uploadedFile(req: Request): Promise<{ bytes: Uint8Array }> {
  // the multipart envelope adds a little
  if (Number(req.headers.get("content-length") ?? 0) > MAX_REPORT_FILE_BYTES + 64 * 1024) throw new ActionError(413, `文件过大，上限 ${MAX_REPORT_FILE_BYTES / MB} MB。`);
  let file: FormDataEntryValue | null;
  try {
    file = (await req.formData()).get("file");
  } catch {
    throw new ActionError(400, "请求格式不正确：请以 multipart/form-data 上传字段 file。");
  }
  if (!file || typeof file === "string") throw new ActionError(400, "请选择要导入的文件。");
  if (file.size > MAX_REPORT_FILE_BYTES) throw new ActionError(413, `文件过大（${(file.size / MB).toFixed(1)} MB），上限 ${MAX_REPORT_FILE_BYTES / MB} MB。`);
  return { bytes: new Uint8Array(await file.arrayBuffer()) };
}

// POST /api/convert (multipart, field `file`): a Word / Excel / web-page report turned into
// an exchange document for the editor to fill its form with — `data: { document, problems }`.
// Nothing is saved. Signed-in clerks, reviewers and administrators only.
export const POST = defineRoute(
  { roles: ["CLERK", "REVIEWER", "ADMIN"], readInput: uploadedFile, schema: z.object({ bytes: z.instanceof(Uint8Array) }), message: "已读取文件。" },
  (user, { bytes }) => convertReportFile(db, user, bytes),
);
