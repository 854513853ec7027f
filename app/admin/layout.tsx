import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/AdminNav";
import { requireUser } from "@/lib/auth/guard";

// Each admin page checks the user itself too; this only keeps the navigation from showing to others.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireUser(["ADMIN"], "/admin");
  return (
    <>
      <AdminNav />
      {children}
    </>
  );
}
