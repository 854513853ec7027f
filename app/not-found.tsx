import Link from "@/components/layout/IntentLink";

export default function NotFound() {
  return (
    <div className="card">
      <h1 className="page-title">页面不存在</h1>
      <p>您访问的页面不存在，或报告尚未公开发布。</p>
      <p>
        <Link href="/">返回公开报告列表</Link>
      </p>
    </div>
  );
}
