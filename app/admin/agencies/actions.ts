"use server";

import { defineAction } from "@/lib/actions/define-action";
import { agencyCreateSchema, agencyUpdateSchema, recordIdSchema } from "@/lib/admin/schemas";
import { createAgency } from "@/lib/server/agencies/create-agency";
import { deleteAgency } from "@/lib/server/agencies/delete-agency";
import { updateAgency } from "@/lib/server/agencies/update-agency";
import { db } from "@/lib/server/db";

const admin = { roles: ["ADMIN"], revalidate: ["/admin", "/admin/agencies"], publicPages: true } as const;

export const createAgencyAction = defineAction({ ...admin, schema: agencyCreateSchema, message: "已新建单位。" }, (actor, input) => createAgency(db, actor, input));

export const updateAgencyAction = defineAction({ ...admin, schema: agencyUpdateSchema }, (actor, input) => updateAgency(db, actor, input));

export const deleteAgencyAction = defineAction({ ...admin, schema: recordIdSchema, message: "已删除。" }, (actor, id) => deleteAgency(db, actor, id));
