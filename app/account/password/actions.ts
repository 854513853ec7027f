"use server";

import { defineAction } from "@/lib/actions/define-action";
import { passwordChangeSchema } from "@/lib/admin/schemas";
import { db } from "@/lib/server/db";
import { changeOwnPassword } from "@/lib/server/users/change-own-password";

/**
 * Every signed-in user may change their own password, also (and above all) while a change is
 * due. The schema here is the form's without the username; the operation checks again with it
 * and with the server's guessability check.
 */
export const changeOwnPasswordAction = defineAction(
  { roles: ["ADMIN", "REVIEWER", "CLERK"], schema: passwordChangeSchema(), passwordChange: true, message: "密码已修改。" },
  (actor, input) => changeOwnPassword(db, actor, input),
);
