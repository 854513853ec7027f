"use server";

import { runAdminAction } from "@/lib/server/admin/run-admin-action";
import { createRegion } from "@/lib/server/regions/create-region";
import { deleteRegion } from "@/lib/server/regions/delete-region";
import { updateRegion } from "@/lib/server/regions/update-region";

const revalidate = ["/admin", "/admin/regions"];

export async function createRegionAction(input: unknown) {
  return runAdminAction((db, actor) => createRegion(db, actor, input), { revalidate });
}

export async function updateRegionAction(input: unknown) {
  return runAdminAction((db, actor) => updateRegion(db, actor, input), { revalidate });
}

export async function deleteRegionAction(code: unknown) {
  return runAdminAction((db, actor) => deleteRegion(db, actor, code), { revalidate });
}
