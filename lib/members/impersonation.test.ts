import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createProjectAction } from "@/app/(app)/a/[account]/projects/actions";
import { updateProfileAction } from "@/app/(app)/profile/actions";
import { auditEvents, users } from "@/db/schema";
import { findActiveSession, revokeAllSessions } from "@/lib/auth/sessions";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { isRedirect, NOT_WHILE_IMPERSONATING } from "@/lib/actions/action";
import {
  memberContextOf,
  PASSWORD,
  passwordSession,
  signUp,
  signUpAndJoin,
  type JoinRole,
} from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { setMemberDisabled } from "./disable";
import { membersExportResponse } from "./export-download";
import {
  ALREADY_IMPERSONATING,
  IMPERSONATION_MINUTES,
  startImpersonation,
  stopImpersonation,
} from "./impersonation";

const t = testDatabase();
const meta = NO_REQUEST_META;

/** An account with its owner, an administrator signed in, and a member who also has an account of their own. */
async function team() {
  const owner = await signUp(t.db, { name: "Olga Owner" });
  const shortName = owner.account.shortName;
  const join = (name: string, role: JoinRole) => signUpAndJoin(t.db, owner.account.id, role, name);
  const admin = await join("Ada Admin", "admin");
  const member = await join("Max Member", "member");
  const { sessionToken: adminToken } = await passwordSession(
    t.db,
    { email: admin.email, password: PASSWORD },
    meta,
  );
  const adminSession = (await findActiveSession(t.db, adminToken))!;
  const adminCtx = await memberContextOf(t.db, admin.user, shortName);
  const ownerCtx = await memberContextOf(t.db, owner.user, shortName);
  return { owner, ownerCtx, shortName, admin, adminCtx, adminToken, adminSession, member, join };
}

const actAs = (token: string) => ({ sessionToken: token, meta });

describe("log in as a member", () => {
  it("opens a session of the member's user in this account only, for an hour, logged with the reason", async () => {
    const { shortName, admin, adminCtx, adminSession, member } = await team();
    const [activeBefore] = await t.db
      .select({ lastActiveAt: users.lastActiveAt })
      .from(users)
      .where(eq(users.id, member.user.id));
    const { token } = await startImpersonation(
      t.db,
      adminCtx,
      adminSession,
      { membershipId: member.membershipId, reason: "They can't see the WEB project" },
      meta,
    );
    const acting = await findActiveSession(t.db, token);
    expect(acting?.user.id).toBe(member.user.id);
    expect(acting?.impersonation).toMatchObject({
      impersonator: { id: admin.user.id, email: admin.email },
      account: { shortName },
      reason: "They can't see the WEB project",
    });
    const [started] = await t.db
      .select({ data: auditEvents.data, actor: auditEvents.actorUserId })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "member.impersonation_started"),
          eq(auditEvents.targetId, member.membershipId),
        ),
      );
    expect(started).toMatchObject({
      actor: admin.user.id,
      data: { reason: "They can't see the WEB project" },
    });

    // In the account: what the member may do, logged with both people.
    const created = await createProjectAction
      .runAs(actAs(token), { account: shortName, name: "Acted", key: "ACT", description: "" })
      .catch((error: unknown) => {
        if (isRedirect(error)) return { ok: true }; // to the new project's page
        throw error;
      });
    expect(created).toMatchObject({ ok: true });
    const events = await t.db
      .select({ actor: auditEvents.actorUserId, impersonator: auditEvents.impersonatorUserId })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "project.created"),
          eq(auditEvents.actorUserId, member.user.id),
          eq(auditEvents.accountId, adminCtx.account.id),
        ),
      );
    expect(events).toEqual([{ actor: member.user.id, impersonator: admin.user.id }]);

    // Not their other account, not their own user, not a download, not acting further.
    expect(
      await createProjectAction.runAs(actAs(token), {
        account: member.account.shortName,
        name: "Elsewhere",
        key: "ELSE",
        description: "",
      }),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect(
      await updateProfileAction.runAs(actAs(token), {
        name: "Renamed",
        displayName: "",
        username: "",
        company: "",
      }),
    ).toMatchObject({ ok: false, code: "forbidden", error: NOT_WHILE_IMPERSONATING });
    const download = await membersExportResponse(t.db, { sessionToken: token, meta, shortName });
    expect(download.status).toBe(403);
    await expect(
      startImpersonation(
        t.db,
        adminCtx,
        acting!,
        { membershipId: member.membershipId, reason: "again" },
        meta,
      ),
    ).rejects.toMatchObject({ message: ALREADY_IMPERSONATING });

    // Acting is not the member being active.
    const [after] = await t.db
      .select({ lastActiveAt: users.lastActiveAt })
      .from(users)
      .where(eq(users.id, member.user.id));
    expect(after?.lastActiveAt ?? null).toEqual(activeBefore?.lastActiveAt ?? null);

    // It ends by itself after an hour, and cannot be extended.
    const later = new Date(Date.now() + IMPERSONATION_MINUTES * 60 * 1000 + 1000);
    expect(await findActiveSession(t.db, token, later)).toBeNull();
  });

  it("stopping ends the acting and gives the administrator's own session back, under a fresh token", async () => {
    const { adminCtx, adminSession, adminToken, member, admin } = await team();
    const { token } = await startImpersonation(
      t.db,
      adminCtx,
      adminSession,
      { membershipId: member.membershipId, reason: "Support ticket 42" },
      meta,
    );
    const acting = (await findActiveSession(t.db, token))!;
    const resumed = await stopImpersonation(t.db, { ...acting, token }, meta);
    expect(resumed).not.toBeNull();
    expect(await findActiveSession(t.db, token)).toBeNull();
    const own = await findActiveSession(t.db, resumed!.token);
    expect(own).toMatchObject({
      sessionId: adminSession.sessionId,
      user: { id: admin.user.id },
      impersonation: null,
    });
    // The token the browser held before is gone with the cookie it was in.
    expect(await findActiveSession(t.db, adminToken)).toBeNull();
    const stopped = await t.db
      .select({ actor: auditEvents.actorUserId, impersonator: auditEvents.impersonatorUserId })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "member.impersonation_stopped"),
          eq(auditEvents.actorUserId, member.user.id),
        ),
      );
    expect(stopped).toEqual([{ actor: member.user.id, impersonator: admin.user.id }]);
  });

  it("ends when the administrator's own session ends", async () => {
    const { adminCtx, adminSession, member, admin } = await team();
    const { token } = await startImpersonation(
      t.db,
      adminCtx,
      adminSession,
      { membershipId: member.membershipId, reason: "Checking their view" },
      meta,
    );
    await revokeAllSessions(t.db, admin.user.id);
    expect(await findActiveSession(t.db, token)).toBeNull();
  });

  it("only as someone of lower rank: never the owner, oneself, an equal, or someone shut out", async () => {
    const { ownerCtx, owner, adminCtx, adminSession, admin, member, join, shortName } = await team();
    const attempt = (membershipId: string, ctx = adminCtx, session = adminSession) =>
      startImpersonation(t.db, ctx, session, { membershipId, reason: "Testing the rules" }, meta);
    const ownerMembershipId = ownerCtx.membership.id;
    await expect(attempt(ownerMembershipId)).rejects.toMatchObject({ code: "forbidden" });
    await expect(attempt(admin.membershipId)).rejects.toMatchObject({ code: "forbidden" });
    const otherAdmin = await join("Avery Admin", "admin");
    await expect(attempt(otherAdmin.membershipId)).rejects.toMatchObject({ code: "forbidden" });
    await setMemberDisabled(t.db, ownerCtx, member.membershipId, true, meta);
    await expect(attempt(member.membershipId)).rejects.toMatchObject({ code: "forbidden" });
    // The owner may act as an administrator: the owner holds more.
    const { sessionToken } = await passwordSession(t.db, { email: owner.email, password: PASSWORD }, meta);
    const ownerSession = (await findActiveSession(t.db, sessionToken))!;
    const ownerActs = await attempt(admin.membershipId, ownerCtx, ownerSession);
    expect((await findActiveSession(t.db, ownerActs.token))?.impersonation?.account.shortName).toBe(
      shortName,
    );
    expect(
      await t.db
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.action, "member.impersonation_started"),
            eq(auditEvents.actorUserId, admin.user.id),
          ),
        ),
    ).toEqual([]);
  });
});
