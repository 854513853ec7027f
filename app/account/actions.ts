"use server";
import { revalidatePath } from "next/cache";
import { AccessDeniedError, authorize } from "@/lib/auth/guard";
import { db } from "@/lib/server/db";
import { updateNoticeSettings } from "@/lib/server/users/update-notice-settings";

export type NoticeSettingsState = { ok: boolean; message: string } | null;

/** 通知设置 on /account: only the acting user's own address and e-mail choice. */
export async function updateNoticeSettingsAction(_prev: NoticeSettingsState, formData: FormData): Promise<NoticeSettingsState> {
  try {
    const user = await authorize(["ADMIN", "REVIEWER", "CLERK"]);
    const result = await updateNoticeSettings(db, user, { email: String(formData.get("email") ?? ""), emailNotices: formData.get("emailNotices") === "on" });
    if (!result.ok) return { ok: false, message: result.message };
    revalidatePath("/account");
    return { ok: true, message: "通知设置已保存。" };
  } catch (e) {
    if (e instanceof AccessDeniedError) return { ok: false, message: e.message };
    throw e;
  }
}
