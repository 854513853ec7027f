import { DataTable } from "@/components/layout/DataTable";

// One-time passwords, shown once: after this page is left they cannot be seen again (only hashes
// are stored). `downloadId` names the sealed copy kept for one CSV download and one printing of
// the slips by this administrator (lib/server/users/take-one-time-passwords.ts).
export function OneTimePasswords({
  accounts,
  caption = "一次性密码",
  downloadId,
}: {
  accounts: { username: string; displayName?: string; oneTimePassword: string }[];
  caption?: string;
  downloadId?: string | null;
}) {
  return (
    <div className="card">
      <p className="alert info">
        以下一次性密码只显示这一次，离开本页后无法再次查看。请立即抄送给本人；首次登录后须设置新密码。
      </p>
      {downloadId && (
        <div className="row-actions no-print">
          {/* plain links, never a prefetching <Link>: each can be taken once (30 分钟内) */}
          <a className="btn small" href={`/api/admin/one-time-passwords/${downloadId}/csv`}>
            下载一次性密码（CSV）
          </a>
          <a className="btn small secondary" href={`/admin/one-time-passwords/${downloadId}`} target="_blank" rel="noopener noreferrer">
            打印密码条
          </a>
          <span className="hint">CSV 和密码条各只能获取一次，30 分钟内有效。</span>
        </div>
      )}
      <DataTable
        label={caption}
        rows={accounts}
        rowKey={(a) => a.username}
        columns={[
          { header: "用户名", cell: (a) => a.username },
          accounts.some((a) => a.displayName) && { header: "姓名", cell: (a) => a.displayName },
          { header: "一次性密码", className: "secret", cell: (a) => a.oneTimePassword },
        ]}
      />
    </div>
  );
}
