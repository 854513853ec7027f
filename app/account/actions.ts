"use server";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/server/db";
import { noticeSettingsSchema, updateNoticeSettings } from "@/lib/server/users/update-notice-settings";

/** 通知设置 on /account: only the acting user's own address and e-mail choice. */
export const updateNoticeSettingsAction = defineAction(
  {
    roles: ["ADMIN", "REVIEWER", "CLERK"],
    schema: noticeSettingsSchema,
    fromForm: (form) => ({ email: String(form.get("email") ?? ""), emailNotices: form.get("emailNotices") === "on" }),
    message: "通知设置已保存。",
    revalidate: ["/account"],
  },
  (actor, input) => updateNoticeSettings(db, actor, input),
);
