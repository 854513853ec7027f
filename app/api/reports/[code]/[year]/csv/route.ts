import { reportDownloadResponse } from "@/lib/server/public/report-download";

// The published report as a CSV download (one line per figure, UTF-8 with BOM: see lib/documents/csv-writer.ts) (?version=N for an earlier published version); 404 for anything unpublished.
export async function GET(req: Request, { params }: { params: Promise<{ code: string; year: string }> }) {
  return reportDownloadResponse(req, params, "csv");
}
