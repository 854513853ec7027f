// A draft save audits what changed; a long narrative is recorded as its length and hash, not
// in full (a save of two 100,000-character texts wrote about 1 MB of audit), and the audit page
// still says what happened: "一、总体情况已修改（5,000 → 5,100 字）".
import { createHash } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditTrail, type AuditEventView } from "@/components/review/AuditTrail";
import type { CurrentUser } from "@/lib/auth/guard";
import { saveDraft } from "@/lib/server/reports/save-draft";
import { clerkWithDraft, freshDatabase } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let clerk: CurrentUser;
let reportId: string;

beforeAll(async () => {
  ctx = await freshDatabase("govreports_auditlong");
  ({ clerk, reportId } = await clerkWithDraft(ctx.db));
});
afterAll(async () => ctx?.drop());

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

async function lastSave() {
  const e = await ctx.db.auditEvent.findFirstOrThrow({ where: { reportId, action: "report.saved" }, orderBy: { id: "desc" }, include: { actor: true } });
  return e;
}

describe("audit of long texts", () => {
  it("records a long narrative as length and hash, a short text whole, and the audit page says how long each was", async () => {
    const start = (await ctx.db.report.findUniqueOrThrow({ where: { id: reportId } })).version;
    const first = "全年主动公开信息 687 条。".repeat(400).slice(0, 5000);
    const s1 = await saveDraft(ctx.db, clerk, { reportId, expectedVersion: start, entries: { narrative: { overview: first }, contact: { address: "贺兰县水源街10号" } } });
    expect(s1).toMatchObject({ ok: true });
    const second = first + "😀".repeat(100); // characters, not UTF-16 units, are counted
    const s2 = await saveDraft(ctx.db, clerk, { reportId, expectedVersion: start + 1, entries: { narrative: { overview: second }, contact: { address: "贺兰县水源街12号" } } });
    expect(s2).toMatchObject({ ok: true });

    const event = await lastSave();
    const texts = (event.details as { texts: Record<string, unknown> }).texts;
    expect(texts["contact.address"]).toEqual(["贺兰县水源街10号", "贺兰县水源街12号"]);
    expect(texts["narrative.overview"]).toEqual([
      { chars: 5000, sha256: sha256(first), start: first.slice(0, 20) },
      { chars: 5100, sha256: sha256(second), start: second.slice(0, 20) },
    ]);
    // a few hundred bytes, whatever the narrative's length
    expect(JSON.stringify(event.details).length).toBeLessThan(1000);

    const view: AuditEventView = { id: event.id, at: event.at, action: event.action, actorLabel: event.actorLabel, actor: event.actor, details: event.details };
    const html = renderToStaticMarkup(createElement(AuditTrail, { events: [view], templateId: "2021" }));
    expect(html).toContain("一、总体情况已修改（5,000 → 5,100 字）");
    expect(html).toContain("贺兰县水源街12号");
    expect(html).not.toContain("[object Object]");
  });

  it("a long text emptied, or a short one made long, is said in the same words", async () => {
    const { version } = await ctx.db.report.findUniqueOrThrow({ where: { id: reportId } });
    expect(await saveDraft(ctx.db, clerk, { reportId, expectedVersion: version, entries: { narrative: { overview: "", problems: "改进".repeat(150) } } })).toMatchObject({ ok: true });
    const event = await lastSave();
    const html = renderToStaticMarkup(
      createElement(AuditTrail, { events: [{ id: event.id, at: event.at, action: event.action, actorLabel: null, actor: null, details: event.details }], templateId: "2021" }),
    );
    expect(html).toContain("一、总体情况已修改（5,100 → 0 字）");
    expect(html).toContain("五、存在的主要问题及改进情况已修改（0 → 300 字）");
  });
});
