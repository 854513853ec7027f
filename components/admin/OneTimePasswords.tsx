// One-time passwords, shown once: after this page is left they cannot be seen again (only hashes are stored).
export function OneTimePasswords({ accounts, caption = "一次性密码" }: { accounts: { username: string; displayName?: string; oneTimePassword: string }[]; caption?: string }) {
  return (
    <div className="card">
      <p className="alert info">
        以下一次性密码只显示这一次，离开本页后无法再次查看。请立即抄送给本人；首次登录后须设置新密码。
      </p>
      <table className="data" aria-label={caption}>
        <thead>
          <tr>
            <th>用户名</th>
            {accounts.some((a) => a.displayName) && <th>姓名</th>}
            <th>一次性密码</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.username}>
              <td>{a.username}</td>
              {accounts.some((x) => x.displayName) && <td>{a.displayName}</td>}
              <td className="secret">{a.oneTimePassword}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
