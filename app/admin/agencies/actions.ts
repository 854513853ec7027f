"use server";

import { runAdminAction } from "@/lib/server/admin/run-admin-action";
import { createAgency } from "@/lib/server/agencies/create-agency";
import { deleteAgency } from "@/lib/server/agencies/delete-agency";
import { updateAgency } from "@/lib/server/agencies/update-agency";

const revalidate = ["/admin", "/admin/agencies"];

export async function createAgencyAction(input: unknown) {
  return runAdminAction((db, actor) => createAgency(db, actor, input), { revalidate });
}

export async function updateAgencyAction(input: unknown) {
  return runAdminAction((db, actor) => updateAgency(db, actor, input), { revalidate });
}

export async function deleteAgencyAction(id: unknown) {
  return runAdminAction((db, actor) => deleteAgency(db, actor, id), { revalidate });
}
