import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  accounts,
  customRoles,
  invitationProjects,
  invitations,
  memberships,
  projectMembers,
  projects,
  users,
  type Invitation,
} from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { hashToken } from "@/lib/crypto/tokens";
import { AppError, uniqueViolation } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { roleLabel } from "@/lib/permissions/roles";
import { claimUnverifiedUser } from "@/lib/users/claim-unverified";
import { findUserByEmail } from "@/lib/users/queries";
import { inviterVouchesNow } from "./inviter-reach";

export const INVITER_CANNOT_VOUCH =
  "This invitation is no longer valid: the person who sent it can no longer give this role. Ask an administrator of the account to invite you again.";

export const INVITATION_INVALID =
  "This invitation link is not valid any more. It may have expired, been revoked or already been used.";

const openInvitation = (now: Date) => and(eq(invitations.status, "pending"), gt(invitations.expiresAt, now));

/**
 * What the invitation page shows for a link: the account, who invited, the role, the projects. Null for a
 * link that is unknown, expired, revoked or used — the page says the same for all of them.
 */
export async function findInvitationByToken(db: Db, token: string, now = new Date()) {
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      customRoleName: customRoles.name,
      expiresAt: invitations.expiresAt,
      account: { id: accounts.id, shortName: accounts.shortName, displayName: accounts.displayName },
      inviter: { name: users.name, email: users.email },
    })
    .from(invitations)
    .innerJoin(accounts, eq(accounts.id, invitations.accountId))
    .leftJoin(users, eq(users.id, invitations.invitedByUserId))
    .leftJoin(customRoles, eq(customRoles.id, invitations.customRoleId))
    .where(and(eq(invitations.tokenHash, hashToken(token)), openInvitation(now)))
    .limit(1);
  if (!row) return null;
  const [existing, carried] = await Promise.all([
    findUserByEmail(db, row.email),
    db
      .select({ name: projects.name, role: invitationProjects.role })
      .from(invitationProjects)
      .innerJoin(projects, eq(projects.id, invitationProjects.projectId))
      .where(eq(invitationProjects.invitationId, row.id))
      .orderBy(projects.name),
  ]);
  // A user who never confirmed the address may not own it: the link's holder, who does, sets
  // up the user afresh instead of signing in to someone else's password.
  return {
    ...row,
    roleLabel: roleLabel(row.role, row.customRoleName),
    /** Projects it gives access to, with the project role. */
    projects: carried,
    userExists: Boolean(existing?.emailVerifiedAt),
  };
}

async function membershipIdOf(tx: Db, accountId: string, userId: string) {
  const [membership] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.accountId, accountId), eq(memberships.userId, userId)));
  return membership!.id;
}

/**
 * The project access the invitation carries, given to the new member (a project deleted
 * since is simply gone from it). Access they already had is left as it is. Returns the keys.
 */
async function grantInvitationProjects(tx: Db, invitation: Invitation, membershipId: string) {
  const carried = await tx
    .select({ projectId: invitationProjects.projectId, role: invitationProjects.role, key: projects.key })
    .from(invitationProjects)
    .innerJoin(projects, eq(projects.id, invitationProjects.projectId))
    .where(eq(invitationProjects.invitationId, invitation.id));
  if (carried.length === 0) return [];
  await tx
    .insert(projectMembers)
    .values(
      carried.map((grant) => ({
        accountId: invitation.accountId,
        projectId: grant.projectId,
        membershipId,
        role: grant.role,
      })),
    )
    .onConflictDoNothing();
  return carried.map((grant) => grant.key);
}

/**
 * Turns an open invitation into a membership, once: a conditional pending → accepted update
 * lets exactly one of any concurrent accepts through, and an existing membership (and its
 * role) is left as it is. Returns the account to open.
 */
async function accept(
  tx: Db,
  invitation: Invitation,
  user: { id: string; email: string },
  meta: RequestMeta,
  now: Date,
) {
  if (!(await inviterVouchesNow(tx, invitation))) throw new AppError("forbidden", INVITER_CANNOT_VOUCH);
  const [accepted] = await tx
    .update(invitations)
    .set({ status: "accepted", respondedAt: now, respondedByUserId: user.id })
    .where(and(eq(invitations.id, invitation.id), eq(invitations.email, user.email), openInvitation(now)))
    .returning({ id: invitations.id });
  if (!accepted) throw new AppError("invalid", INVITATION_INVALID);

  const [account] = await tx
    .select({
      shortName: accounts.shortName,
      requireApproval: accounts.requireApproval,
      joinRequiresApproval: accounts.joinRequiresApproval,
    })
    .from(accounts)
    .where(eq(accounts.id, invitation.accountId));
  if (!account) throw new AppError("invalid", INVITATION_INVALID);
  // Where the account requires approval — of everyone, or of those who asked through its join
  // link — the newcomer joins waiting for it (lib/members/approval.ts).
  const needsApproval = account.requireApproval || (invitation.viaJoinLink && account.joinRequiresApproval);
  const [joined] = await tx
    .insert(memberships)
    .values({
      accountId: invitation.accountId,
      userId: user.id,
      role: invitation.role,
      customRoleId: invitation.customRoleId,
      awaitingApprovalSince: needsApproval ? now : null,
    })
    .onConflictDoNothing({ target: [memberships.accountId, memberships.userId] })
    .returning({ id: memberships.id });
  const membershipId = joined?.id ?? (await membershipIdOf(tx, invitation.accountId, user.id));
  const projects = await grantInvitationProjects(tx, invitation, membershipId);
  // The link reached the invited address, so it proves it (for an unconfirmed user, too).
  await tx
    .update(users)
    .set({
      lastAccountId: invitation.accountId,
      emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)`,
    })
    .where(eq(users.id, user.id));
  await recordAuditEvent(tx, {
    action: "invitation.accepted",
    accountId: invitation.accountId,
    actor: user,
    target: { type: "invitation", id: invitation.id, userId: user.id },
    data: {
      email: invitation.email,
      role: invitation.role,
      alreadyMember: !joined,
      awaitingApproval: Boolean(joined && needsApproval),
      ...(invitation.viaJoinLink && { viaJoinLink: true }),
      ...(projects.length > 0 && { projects }),
    },
    meta,
  });
  return { shortName: account.shortName };
}

/**
 * A double-click or a second tab lands here after the first accept won: the user already
 * joined through this very invitation, so the answer is the same account, not an error.
 */
async function acceptedEarlierBy(db: Db, where: ReturnType<typeof and>, userId: string) {
  const [row] = await db
    .select({ shortName: accounts.shortName })
    .from(invitations)
    .innerJoin(accounts, eq(accounts.id, invitations.accountId))
    .where(and(where, eq(invitations.status, "accepted"), eq(invitations.respondedByUserId, userId)));
  return row ?? null;
}

async function acceptWhere(
  db: Db,
  where: ReturnType<typeof and>,
  user: { id: string; email: string },
  meta: RequestMeta,
  now: Date,
) {
  try {
    return await db.transaction(async (tx) => {
      const [invitation] = await tx
        .select()
        .from(invitations)
        .where(and(where, openInvitation(now)))
        .for("update");
      if (!invitation) throw new AppError("invalid", INVITATION_INVALID);
      if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
        throw new AppError("forbidden", `This invitation is for ${invitation.email}, not for ${user.email}.`);
      }
      return accept(tx, invitation, user, meta, now);
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "invalid") {
      const earlier = await acceptedEarlierBy(db, where, user.id);
      if (earlier) return earlier;
    }
    throw error;
  }
}

/** A signed-in user accepts the invitation behind a link; it must be addressed to their email. */
export function acceptInvitationByToken(
  db: Db,
  token: string,
  user: { id: string; email: string },
  meta: RequestMeta,
  now = new Date(),
) {
  return acceptWhere(db, eq(invitations.tokenHash, hashToken(token)), user, meta, now);
}

/**
 * A signed-in user accepts an invitation listed in the app. Only for a verified email: the
 * list is found by address, and without the link nothing else proves the address is theirs.
 */
export async function acceptInvitationById(
  db: Db,
  invitationId: string,
  user: { id: string; email: string; emailVerifiedAt: Date | null },
  meta: RequestMeta,
  now = new Date(),
) {
  if (!user.emailVerifiedAt) {
    throw new AppError(
      "forbidden",
      "Confirm your email address first: use the link we sent you, then accept here.",
    );
  }
  return acceptWhere(db, eq(invitations.id, invitationId), user, meta, now);
}

/**
 * Someone new follows an invitation link: creates their user (email verified, since the link
 * reached that address) and joins, in one transaction. A user who signed up with the address
 * but never confirmed it is taken over by the link's holder (lib/users/claim-unverified.ts).
 */
export async function acceptInvitationAsNewUser(
  db: Db,
  token: string,
  input: { name: string; password: string },
  meta: RequestMeta,
  now = new Date(),
) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [invitation] = await tx
        .select()
        .from(invitations)
        .where(and(eq(invitations.tokenHash, hashToken(token)), openInvitation(now)))
        .for("update");
      if (!invitation) throw new AppError("invalid", INVITATION_INVALID);
      const [existing] = await tx
        .select({ id: users.id, email: users.email, emailVerifiedAt: users.emailVerifiedAt })
        .from(users)
        .where(eq(users.email, invitation.email))
        .for("update");
      if (existing?.emailVerifiedAt) throw new AppError("conflict", USER_EXISTS);
      let user: { id: string; email: string };
      if (existing) {
        await claimUnverifiedUser(tx, existing, { passwordHash, name: input.name }, "invitation", meta, now);
        user = existing;
      } else {
        const [created] = await tx
          .insert(users)
          .values({ email: invitation.email, name: input.name, passwordHash, emailVerifiedAt: now })
          .returning({ id: users.id, email: users.email });
        user = created!;
        await recordAuditEvent(tx, {
          action: "user.signed_up",
          actor: user,
          target: { type: "user", id: user.id },
          data: { via: "invitation" },
          meta,
        });
      }
      const account = await accept(tx, invitation, user, meta, now);
      return { account, email: user.email };
    });
  } catch (error) {
    if (uniqueViolation(error) === "users_email_unique") throw new AppError("conflict", USER_EXISTS);
    throw error;
  }
}

const USER_EXISTS = "There is already a user with this email. Sign in to accept the invitation.";

/** Declines an invitation: it closes, and the account's administrators see it was declined. */
export async function declineInvitation(
  db: Db,
  where: { token: string } | { invitationId: string; user: { id: string; email: string } },
  meta: RequestMeta,
  now = new Date(),
) {
  const condition =
    "token" in where
      ? eq(invitations.tokenHash, hashToken(where.token))
      : and(eq(invitations.id, where.invitationId), eq(invitations.email, where.user.email));
  const actor = "user" in where ? where.user : null;
  return db.transaction(async (tx) => {
    const [declined] = await tx
      .update(invitations)
      .set({ status: "declined", respondedAt: now, respondedByUserId: actor?.id ?? null })
      .where(and(condition, openInvitation(now)))
      .returning({ id: invitations.id, accountId: invitations.accountId, email: invitations.email });
    if (!declined) throw new AppError("invalid", INVITATION_INVALID);
    await recordAuditEvent(tx, {
      action: "invitation.declined",
      accountId: declined.accountId,
      actor,
      target: { type: "invitation", id: declined.id },
      data: { email: declined.email },
      meta,
    });
    return declined;
  });
}
