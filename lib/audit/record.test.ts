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

  it("keeps the person an event is about: named, or the target itself when it is a user", async () => {
    const userId = crypto.randomUUID();
    const membershipId = crypto.randomUUID();
    await recordAuditEvent(t.db, {
      action: "member.disabled",
      target: { type: "membership", id: membershipId, userId },
    });
    await recordAuditEvent(t.db, { action: "user.password_reset", target: { type: "user", id: userId } });
    await recordAuditEvent(t.db, { action: "role.created", target: { type: "role", id: membershipId } });
    const rows = await t.db
      .select({ action: auditEvents.action, targetUserId: auditEvents.targetUserId })
      .from(auditEvents)
      .where(eq(auditEvents.targetId, membershipId));
    expect(rows.sort((a, b) => a.action.localeCompare(b.action))).toEqual([
      { action: "member.disabled", targetUserId: userId },
      { action: "role.created", targetUserId: null },
    ]);
    const [asUser] = await t.db
      .select({ targetUserId: auditEvents.targetUserId })
      .from(auditEvents)
      .where(eq(auditEvents.targetId, userId));
    expect(asUser).toEqual({ targetUserId: userId });
  });
});
