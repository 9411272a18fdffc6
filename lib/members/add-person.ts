import "server-only";
import { createElement } from "react";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, memberships, projectMembers, users, type ProjectRole } from "@/db/schema";
import Welcome, { welcomeSubject } from "@/emails/welcome";
import type { MemberContext } from "@/lib/accounts/member-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { config } from "@/lib/config";
import { sendEmail } from "@/lib/email/outbox";
import { accountUsage, seatLimitMessage, takeSeat } from "@/lib/plans/limits";
import { AppError, uniqueViolation } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { inviteMembers } from "@/lib/invitations/invite";
import { assertMaySendInvitations } from "@/lib/invitations/sending-limits";
import { assertCanGrantRole } from "@/lib/permissions/grants";
import { lockActor } from "./lock-actor";
import { projectsToGrant } from "@/lib/projects/member-projects";
import { enforceRateLimit } from "@/lib/rate-limit/rate-limit";
import { resolveRoleChoice } from "@/lib/roles/choice";
import { USERNAME_TAKEN } from "@/lib/users/profile";
import { findUserByEmail } from "@/lib/users/queries";
import { issueUserToken } from "@/lib/users/user-tokens";

export type AddPersonInput = {
  name: string;
  email: string;
  username: string;
  displayName: string;
  company: string;
  role: string;
  projectKeys: string[];
  projectRole: ProjectRole;
  sendWelcome: boolean;
  /** Empty: the usual subject. */
  welcomeSubject: string;
  bccMe: boolean;
};

export type AddPersonOutcome =
  | { outcome: "added"; membershipId: string; name: string; welcomeSent: boolean }
  /** The address already belongs to a user: they were invited instead (privacy rule). */
  | { outcome: "invited"; email: string }
  | { outcome: "already_member"; email: string }
  | { outcome: "already_invited"; email: string };

/** People one administrator may add in an hour (on top of the invitations budget they share). */
const ADD_LIMIT = { limit: 200, windowSeconds: 60 * 60 };

export const ADDRESS_JUST_TAKEN =
  "Someone signed up with this address a moment ago. Add them again to send them an invitation.";

/**
 * An administrator adds a person directly: a new user with no password (and the names they
 * were given), a membership with the chosen role — waiting for approval where the account
 * asks for it — and the chosen projects, in one transaction; with `sendWelcome`, an email
 * with a link (valid 3 hours) to choose a password. An address that already has a user is
 * never taken over: that person is invited instead and decides for themselves.
 */
export async function addPersonDirectly(
  db: Db,
  ctx: MemberContext,
  input: AddPersonInput,
  meta: RequestMeta,
  now = new Date(),
): Promise<AddPersonOutcome> {
  // The same guards as an invitation: a confirmed inviter, and budgets per IP and per person.
  await assertMaySendInvitations(db, ctx, meta, 1);
  await enforceRateLimit(
    db,
    {
      name: "add-person",
      subject: ctx.user.id,
      limit: ADD_LIMIT,
      message: "You have added a lot of people in the last hour. Try again later.",
    },
    meta,
    ctx.user,
    now,
  );

  if (await findUserByEmail(db, input.email)) return inviteInstead(db, ctx, input, meta, now);

  try {
    return await db.transaction(async (tx) => {
      await takeSeat(tx, ctx.account.id);
      // Share-locked: the role cannot change or be deleted while it is being given.
      const role = await resolveRoleChoice(tx, ctx.account.id, input.role, { lock: true });
      // Then the adder, re-checked under lock (lib/members/lock-actor.ts).
      const { actorCtx } = await lockActor(tx, ctx, "members.manage");
      assertCanGrantRole(actorCtx, role.role, role.permissions, role.label);
      const projects = await projectsToGrant(tx, actorCtx, input.projectKeys);
      const [account] = await tx
        .select({ requireApproval: accounts.requireApproval })
        .from(accounts)
        .where(eq(accounts.id, ctx.account.id));

      const [user] = await tx
        .insert(users)
        .values({
          name: input.name,
          email: input.email,
          username: input.username || null,
          displayName: input.displayName || null,
          company: input.company || null,
          // No password until they choose one through the link; the link proves the address.
          passwordHash: null,
          lastAccountId: ctx.account.id,
          createdInAccountId: ctx.account.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: users.id, email: users.email });
      if (!user) throw new Error("user insert returned nothing");

      const [membership] = await tx
        .insert(memberships)
        .values({
          accountId: ctx.account.id,
          userId: user.id,
          role: role.role,
          customRoleId: role.customRoleId,
          addedByUserId: ctx.user.id,
          awaitingApprovalSince: account?.requireApproval ? now : null,
          createdAt: now,
        })
        .returning({ id: memberships.id });
      if (!membership) throw new Error("membership insert returned nothing");

      if (projects.length > 0) {
        await tx.insert(projectMembers).values(
          projects.map((project) => ({
            accountId: ctx.account.id,
            projectId: project.id,
            membershipId: membership.id,
            role: input.projectRole,
          })),
        );
      }

      if (input.sendWelcome) await sendWelcome(tx, ctx, { ...input, ...user }, now);

      await recordAuditEvent(tx, {
        action: "member.added",
        accountId: ctx.account.id,
        actor: ctx.user,
        target: { type: "membership", id: membership.id, userId: user.id },
        data: {
          email: user.email,
          role: role.label,
          welcomeSent: input.sendWelcome,
          awaitingApproval: Boolean(account?.requireApproval),
          ...(projects.length > 0 && {
            projects: projects.map((p) => p.key),
            projectRole: input.projectRole,
          }),
        },
        meta,
      });
      return {
        outcome: "added",
        membershipId: membership.id,
        name: input.name,
        welcomeSent: input.sendWelcome,
      };
    });
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === "users_username_unique") throw new AppError("conflict", USERNAME_TAKEN, "username");
    // Two administrators, or a sign-up, took the address in the meantime: nothing was written.
    if (constraint === "users_email_unique") throw new AppError("conflict", ADDRESS_JUST_TAKEN, "email");
    throw error;
  }
}

/** The person exists: an invitation with the same role and projects, which they accept or not. */
async function inviteInstead(
  db: Db,
  ctx: MemberContext,
  input: AddPersonInput,
  meta: RequestMeta,
  now: Date,
): Promise<AddPersonOutcome> {
  const [result] = await inviteMembers(
    db,
    ctx,
    { emails: input.email, role: input.role, projectKeys: input.projectKeys, projectRole: input.projectRole },
    meta,
    now,
    "members.manage",
  );
  if (!result || result.outcome === "invalid") {
    throw new AppError("invalid", "Enter a valid email address, like ada@example.com.", "email");
  }
  if (result.outcome === "over_seat_limit") {
    throw new AppError("forbidden", seatLimitMessage(await accountUsage(db, ctx.account.id)));
  }
  return { outcome: result.outcome, email: result.email };
}

/**
 * Emails a person added directly a link to choose their password (valid 3 hours; a newer link
 * ends the older ones), with the administrator's subject and, if asked, a blind copy to them.
 */
export async function sendWelcome(
  tx: Db,
  ctx: MemberContext,
  person: { id: string; name: string; email: string; welcomeSubject?: string; bccMe?: boolean },
  now = new Date(),
) {
  const token = await issueUserToken(
    tx,
    { userId: person.id, purpose: "set_password", email: person.email },
    now,
  );
  return sendEmail(tx, {
    accountId: ctx.account.id,
    template: "welcome",
    to: person.email,
    bcc: person.bccMe ? ctx.user.email : null,
    subject: person.welcomeSubject || welcomeSubject(ctx.account.displayName),
    react: createElement(Welcome, {
      name: person.name,
      addedBy: { name: ctx.user.name, accountName: ctx.account.displayName },
      setPasswordUrl: `${config.appUrl()}/set-password/${token}`,
    }),
  });
}

/**
 * Whether a member's user was made by an administrator and is still untouched: no password,
 * an unconfirmed address, never signed in. Only such a user is sent a (new) welcome link; a
 * user who signed up themselves gets a reset link, which takes an unconfirmed one over fully.
 */
export async function awaitsFirstPassword(db: Db, accountId: string, membershipId: string) {
  const [row] = await db
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.id, membershipId), eq(memberships.accountId, accountId), userAwaitsFirstPassword),
    );
  return Boolean(row);
}

/** The condition of awaitsFirstPassword on `users` (of the enclosing query), as SQL. */
export const userAwaitsFirstPassword = and(
  isNull(users.passwordHash),
  isNull(users.emailVerifiedAt),
  isNull(users.lastActiveAt),
)!;
