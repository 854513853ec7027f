import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/guard";
import { ROLE_HOME } from "@/lib/auth/roles";

// Landing after sign-in: each role goes to its own home.
export default async function MyHome() {
  const user = await requireUser(["ADMIN", "REVIEWER", "CLERK"], "/me");
  redirect(ROLE_HOME[user.role]);
}
