import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { transferOwnership } from "@/lib/members/transfer-ownership";
import { memberContextOf, PASSWORD, signUp, signUpAndJoin } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { confirmPassword, TOO_MANY_PASSWORD_ATTEMPTS, WRONG_PASSWORD } from "./confirm-password";

const t = testDatabase();
const meta: RequestMeta = { ip: "203.0.113.9", userAgent: "confirm-password test" };

/** The user's own events of these kinds, oldest first. */
const eventsOf = (userId: string) =>
  t.db
    .select({
      action: auditEvents.action,
      accountId: auditEvents.accountId,
      actorEmail: auditEvents.actorEmail,
      data: auditEvents.data,
      ip: auditEvents.ip,
    })
    .from(auditEvents)
    .where(eq(auditEvents.actorUserId, userId))
    .orderBy(asc(auditEvents.id));

const failedConfirmations = async (userId: string) =>
  (await eventsOf(userId)).filter(
    (e) => e.action === "user.password_confirmation_failed" || e.action === "rate_limit.hit",
  );

async function refusal(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, message: error.message, field: error.field };
}

describe("confirming the password", () => {
  it("logs a wrong password (never the password), with where it came from; a right one logs nothing", async () => {
    const { user, email } = await signUp(t.db);
    expect(await refusal(confirmPassword(t.db, user.id, "not my password", "password", { meta }))).toEqual({
      code: "invalid",
      message: WRONG_PASSWORD,
      field: "password",
    });
    await confirmPassword(t.db, user.id, PASSWORD, "password", { meta });

    const events = await failedConfirmations(user.id);
    expect(events).toEqual([
      {
        action: "user.password_confirmation_failed",
        accountId: null,
        actorEmail: email,
        data: {},
        ip: meta.ip,
      },
    ]);
    expect(JSON.stringify(events)).not.toContain("not my password");
  });

  it("logs the attempt that reaches the limit once, as a rate-limit hit", async () => {
    const { user } = await signUp(t.db);
    for (let i = 0; i < 5; i++) {
      await expect(confirmPassword(t.db, user.id, `guess ${i}`, "password", { meta })).rejects.toThrow(
        WRONG_PASSWORD,
      );
    }
    for (let i = 0; i < 2; i++) {
      expect(await refusal(confirmPassword(t.db, user.id, PASSWORD, "password", { meta }))).toEqual({
        code: "rate_limited",
        message: TOO_MANY_PASSWORD_ATTEMPTS,
        field: "password",
      });
    }
    expect((await failedConfirmations(user.id)).map((e) => [e.action, e.data])).toEqual([
      ...Array.from({ length: 5 }, () => ["user.password_confirmation_failed", {}]),
      ["rate_limit.hit", { limit: "password-confirm" }],
    ]);
  });

  it("names the account when the change is inside one (an ownership transfer)", async () => {
    const owner = await signUp(t.db);
    const next = await signUpAndJoin(t.db, owner.account.id, "admin");
    const ownerCtx = await memberContextOf(t.db, owner.user, owner.account.shortName);
    await expect(
      transferOwnership(t.db, ownerCtx, next.membershipId, "wrong password", meta),
    ).rejects.toThrow(WRONG_PASSWORD);
    const [event] = await t.db
      .select({ accountId: auditEvents.accountId, ip: auditEvents.ip })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.actorUserId, owner.user.id),
          eq(auditEvents.action, "user.password_confirmation_failed"),
        ),
      );
    expect(event).toEqual({ accountId: owner.account.id, ip: meta.ip });
  });
});
