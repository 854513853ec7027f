"use server";

import { runAdminAction } from "@/lib/server/admin/run-admin-action";
import { createUser } from "@/lib/server/users/create-user";
import { deactivateUser } from "@/lib/server/users/deactivate-user";
import { reactivateUser } from "@/lib/server/users/reactivate-user";
import { resetUserPassword } from "@/lib/server/users/reset-user-password";
import { updateUser } from "@/lib/server/users/update-user";

const revalidate = ["/admin", "/admin/users"];

export async function createUserAction(input: unknown) {
  return runAdminAction((db, actor) => createUser(db, actor, input), { revalidate });
}

export async function updateUserAction(input: unknown) {
  return runAdminAction((db, actor) => updateUser(db, actor, input), { revalidate });
}

export async function deactivateUserAction(id: unknown) {
  return runAdminAction((db, actor) => deactivateUser(db, actor, id), { revalidate });
}

export async function reactivateUserAction(id: unknown) {
  return runAdminAction((db, actor) => reactivateUser(db, actor, id), { revalidate });
}

/** The one-time password goes back in this response only; the page shows it once. */
export async function resetUserPasswordAction(id: unknown) {
  return runAdminAction((db, actor) => resetUserPassword(db, actor, id));
}
