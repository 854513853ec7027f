"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deactivateUserAction, reactivateUserAction, resetUserPasswordAction } from "@/app/admin/users/actions";
import { OneTimePasswords } from "./OneTimePasswords";
import { ResultMessage, type ActionMessage } from "./ResultMessage";

/** A user row's 重置密码 and 停用 / 启用. A reset shows the one-time password once, here. */
export function UserRowActions({ id, username, active, self }: { id: string; username: string; active: boolean; self: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [confirmingReset, setConfirmingReset] = useState(false);
  const [confirmingDeactivate, setConfirmingDeactivate] = useState(false);
  const [message, setMessage] = useState<ActionMessage>(null);
  const [oneTime, setOneTime] = useState<string | null>(null);

  const reset = () =>
    startTransition(async () => {
      setConfirmingReset(false);
      setMessage(null);
      const r = await resetUserPasswordAction(id);
      if (r.ok) {
        setOneTime(r.data.oneTimePassword);
        setMessage({ ok: true, message: `已重置 ${username} 的密码。` });
      } else setMessage({ ok: false, message: r.message });
    });

  const toggle = () =>
    startTransition(async () => {
      setConfirmingDeactivate(false);
      setMessage(null);
      const r = await (active ? deactivateUserAction(id) : reactivateUserAction(id));
      setMessage(r.ok ? { ok: true, message: active ? `已停用 ${username}。` : `已启用 ${username}。` } : { ok: false, message: r.message });
      if (r.ok) router.refresh();
    });

  return (
    <div>
      <div className="row-actions">
        {confirmingReset ? (
          <>
            <span>重置后原密码立即失效。</span>
            <button type="button" className="btn small" onClick={reset} disabled={pending}>
              确认重置
            </button>
            <button type="button" className="btn small secondary" onClick={() => setConfirmingReset(false)}>
              取消
            </button>
          </>
        ) : (
          <button type="button" className="btn small secondary" onClick={() => setConfirmingReset(true)} disabled={pending} aria-label={`重置密码`}>
            重置密码
          </button>
        )}
        {/* 停用 signs the account out at once: it asks 确认停用 first (启用 acts directly) */}
        {!self &&
          (confirmingDeactivate ? (
            <>
              <span>停用后 {username} 立即退出登录，不能再登录。</span>
              <button type="button" className="btn small" onClick={toggle} disabled={pending} autoFocus>
                确认停用
              </button>
              <button type="button" className="btn small secondary" onClick={() => setConfirmingDeactivate(false)}>
                取消
              </button>
            </>
          ) : (
            <button type="button" className="btn small secondary" onClick={active ? () => setConfirmingDeactivate(true) : toggle} disabled={pending}>
              {active ? "停用" : "启用"}
            </button>
          ))}
      </div>
      <ResultMessage message={message} />
      {oneTime && <OneTimePasswords accounts={[{ username, oneTimePassword: oneTime }]} caption={`${username} 的一次性密码`} />}
    </div>
  );
}
