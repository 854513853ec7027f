"use server";
import { defineAction } from "@/lib/actions/define-action";
import { done } from "@/lib/actions/result";
import { z } from "@/lib/zod";
import { db } from "@/lib/server/db";
import { urgeAgency } from "@/lib/server/notifications/urge-agency";

const input = z.object({ agencyCode: z.string().min(1).max(40), year: z.coerce.number().int().min(2000).max(2100) });

/** 催报 from the dashboard: the row's button names the agency, the form carries the year shown. */
export const urgeAgencyAction = defineAction(
  { roles: ["REVIEWER"], schema: input },
  async (user, { agencyCode, year }) => {
    const r = await urgeAgency(db, user, { agencyCode, year });
    return r.ok ? done({ notified: r.notified }, `已催报${r.agencyName}（通知 ${r.notified} 名填报人）。`) : r;
  },
);
