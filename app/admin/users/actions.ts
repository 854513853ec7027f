"use server";

import { defineAction } from "@/lib/actions/define-action";
import { recordIdSchema, userCreateSchema, userUpdateSchema } from "@/lib/admin/schemas";
import { db } from "@/lib/server/db";
import { createUser } from "@/lib/server/users/create-user";
import { deactivateUser } from "@/lib/server/users/deactivate-user";
import { reactivateUser } from "@/lib/server/users/reactivate-user";
import { resetUserPassword } from "@/lib/server/users/reset-user-password";
import { updateUser } from "@/lib/server/users/update-user";

const admin = { roles: ["ADMIN"], revalidate: ["/admin", "/admin/users"], publicPages: true } as const;

/** The one-time password goes back in this response only (`data.oneTimePassword`); the page shows it once. */
export const createUserAction = defineAction({ ...admin, schema: userCreateSchema, message: "已新建账号。" }, (actor, input) => createUser(db, actor, input));

export const updateUserAction = defineAction({ ...admin, schema: userUpdateSchema }, (actor, input) => updateUser(db, actor, input));

export const deactivateUserAction = defineAction({ ...admin, schema: recordIdSchema, message: "已停用。" }, (actor, id) => deactivateUser(db, actor, id));

export const reactivateUserAction = defineAction({ ...admin, schema: recordIdSchema, message: "已启用。" }, (actor, id) => reactivateUser(db, actor, id));

/** The one-time password goes back in this response only; the page shows it once. Nothing public changes. */
export const resetUserPasswordAction = defineAction({ roles: ["ADMIN"], schema: recordIdSchema, message: "已重置密码。" }, (actor, id) => resetUserPassword(db, actor, id));
