"use server";

import { runAdminAction } from "@/lib/server/admin/run-admin-action";
import { changeOwnPassword } from "@/lib/server/users/change-own-password";

/** Every signed-in user may change their own password, also (and above all) while a change is due. */
export async function changeOwnPasswordAction(input: unknown) {
  return runAdminAction((db, actor) => changeOwnPassword(db, actor, input), {
    roles: ["ADMIN", "REVIEWER", "CLERK"],
    passwordChange: true,
  });
}
