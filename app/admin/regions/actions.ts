"use server";

import { defineAction } from "@/lib/actions/define-action";
import { recordIdSchema, regionCreateSchema, regionUpdateSchema } from "@/lib/admin/schemas";
import { db } from "@/lib/server/db";
import { createRegion } from "@/lib/server/regions/create-region";
import { deleteRegion } from "@/lib/server/regions/delete-region";
import { updateRegion } from "@/lib/server/regions/update-region";

const admin = { roles: ["ADMIN"], revalidate: ["/admin", "/admin/regions"], publicPages: true } as const;

export const createRegionAction = defineAction({ ...admin, schema: regionCreateSchema, message: "已新建地区。" }, (actor, input) => createRegion(db, actor, input));

export const updateRegionAction = defineAction({ ...admin, schema: regionUpdateSchema }, (actor, input) => updateRegion(db, actor, input));

export const deleteRegionAction = defineAction({ ...admin, schema: recordIdSchema, message: "已删除。" }, (actor, code) => deleteRegion(db, actor, code));
