import { reportDownloadResponse } from "@/lib/server/public/report-download";

// The published report as a PDF (official layout on A4, CJK fonts embedded as subsets) (?version=N for an earlier published version); 404 for anything unpublished, 503 while the server lacks the fonts.
export async function GET(req: Request, { params }: { params: Promise<{ code: string; year: string }> }) {
  return reportDownloadResponse(req, params, "pdf");
}
