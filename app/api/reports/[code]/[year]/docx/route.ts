import { reportDownloadResponse } from "@/lib/server/public/report-download";

// The published report as a Word download (official layout) (?version=N for an earlier published version); 404 for anything unpublished.
export async function GET(req: Request, { params }: { params: Promise<{ code: string; year: string }> }) {
  return reportDownloadResponse(req, params, "docx");
}
