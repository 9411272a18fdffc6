import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { copyInvitationLinkAction } from "@/app/(app)/a/[account]/members/actions";
import { auditEvents, emailOutbox, invitations } from "@/db/schema";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import {
  callerFor,
  linkInLatestEmail,
  memberContextOf,
  PASSWORD,
  randomEmail,
  signUp,
  signUpAndJoin,
} from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { acceptInvitationAsNewUser, findInvitationByToken } from "./accept";
import { inviteMembers } from "./invite";
import { INVITATION_TTL_MS } from "./links";

const t = testDatabase();
const meta = NO_REQUEST_META;

/** An account whose owner invited one address (the invitation sent a while ago). */
async function invitedByOwner() {
  const owner = await signUp(t.db, { name: "Owner Olga" });
  const ctx = await memberContextOf(t.db, owner.user, owner.account.shortName);
  const email = randomEmail("invitee");
  const sent = new Date(Date.now() - 60_000);
  const [result] = await inviteMembers(t.db, ctx, { emails: email, role: "member" }, meta, sent);
  if (result?.outcome !== "invited") throw new Error(`expected an invitation, got ${JSON.stringify(result)}`);
  const { token } = await linkInLatestEmail(t.db, email, "/invite/");
  return { owner, email, sent, emailedToken: token, invitationId: result.invitationId };
}

const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);

describe("copying an invitation link", () => {
  it("answers a new link that accepts; the emailed one stops working; nothing is sent; it is audited", async () => {
    const { owner, email, sent, emailedToken, invitationId } = await invitedByOwner();
    const emailsBefore = await t.db.select().from(emailOutbox).where(eq(emailOutbox.to, email));

    const result = await copyInvitationLinkAction.runAs(await callerFor(t.db, owner.user.email), {
      account: owner.account.shortName,
      invitationId,
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.data.email).toBe(email);
    expect(result.data.link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
    expect(result.data.expiresAt.getTime()).toBeGreaterThan(sent.getTime() + INVITATION_TTL_MS);

    const copiedToken = tokenOf(result.data.link);
    expect(copiedToken).not.toBe(emailedToken);
    expect(await findInvitationByToken(t.db, emailedToken)).toBeNull();
    expect(await findInvitationByToken(t.db, copiedToken)).toMatchObject({ email });
    // Nothing was emailed: the link is shown once, to the administrator who asked.
    expect(await t.db.select().from(emailOutbox).where(eq(emailOutbox.to, email))).toHaveLength(
      emailsBefore.length,
    );
    const [row] = await t.db.select().from(invitations).where(eq(invitations.id, invitationId));
    expect(row?.sendCount).toBe(1);

    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.accountId, owner.account.id), eq(auditEvents.action, "invitation.link_copied")),
      );
    expect(audit).toEqual([
      expect.objectContaining({
        actorUserId: owner.user.id,
        targetType: "invitation",
        targetId: invitationId,
        data: expect.objectContaining({ email }),
      }),
    ]);
    // The token itself is never logged.
    expect(JSON.stringify(audit)).not.toContain(copiedToken);

    await acceptInvitationAsNewUser(t.db, copiedToken, { name: "Ines Invitee", password: PASSWORD }, meta);
    expect(await findInvitationByToken(t.db, copiedToken)).toBeNull();
  });

  it("is refused to a member who may not invite, and changes nothing", async () => {
    const { owner, emailedToken, invitationId } = await invitedByOwner();
    const member = await signUpAndJoin(t.db, owner.account.id, "member", "Mo Member");
    const result = await copyInvitationLinkAction.runAs(await callerFor(t.db, member.email), {
      account: owner.account.shortName,
      invitationId,
    });
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(await findInvitationByToken(t.db, emailedToken)).not.toBeNull();
    const copied = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.accountId, owner.account.id), eq(auditEvents.action, "invitation.link_copied")),
      );
    expect(copied).toEqual([]);
  });

  it("does not reach an invitation of another account", async () => {
    const { emailedToken, invitationId } = await invitedByOwner();
    const other = await signUp(t.db, { name: "Other Owner" });
    const result = await copyInvitationLinkAction.runAs(await callerFor(t.db, other.user.email), {
      account: other.account.shortName,
      invitationId,
    });
    expect(result).toMatchObject({ ok: false, code: "not_found" });
    expect(await findInvitationByToken(t.db, emailedToken)).not.toBeNull();
  });
});
