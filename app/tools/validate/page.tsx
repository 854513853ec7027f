import { ReportFileValidator } from "@/components/tools/ReportFileValidator";
import { connection } from "next/server";
import { EXCHANGE_FORMAT } from "@/lib/exchange";

export const metadata = { title: "校验报告文件" };

// rendered per request: its scripts carry the request's CSP nonce (lib/server/security/csp.ts)
export default async function ValidateReportFilePage() {
  await connection();
  return (
    <>
      <h1 className="page-title">校验报告文件</h1>
      <p className="lead">
        选择一个年度报告交换格式（{EXCHANGE_FORMAT}）的 JSON 文件，系统按国家报告格式和勾稽关系逐项检查。文件只在您的浏览器中读取，不会上传。
      </p>
      <div className="card">
        <ReportFileValidator />
      </div>
    </>
  );
}
