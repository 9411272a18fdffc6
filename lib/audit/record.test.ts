import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { testDatabase } from "@/tests/test-db";
import { recordAuditEvent } from "./record";

const t = testDatabase();

describe("the audit log", () => {
  it("is append-only: events can be added but never changed or deleted", async () => {
    const targetId = crypto.randomUUID();
    await recordAuditEvent(t.db, { action: "account.updated", target: { type: "account", id: targetId } });
    const where = eq(auditEvents.targetId, targetId);
    await expect(t.db.update(auditEvents).set({ action: "account.created" }).where(where)).rejects.toThrow();
    await expect(t.db.delete(auditEvents).where(where)).rejects.toThrow();
    expect(await t.db.select({ action: auditEvents.action }).from(auditEvents).where(where)).toEqual([
      { action: "account.updated" },
    ]);
  });
});
