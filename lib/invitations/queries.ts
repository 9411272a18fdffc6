import "server-only";
import { and, desc, eq, gt, gte, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, customRoles, emailOutbox, invitations, users } from "@/db/schema";
import { deliveryStatus } from "@/lib/email/delivery-status";
import { roleLabel } from "@/lib/permissions/roles";

/** How long a declined invitation stays in the account's list, so the inviter sees the answer. */
const DECLINED_VISIBLE_MS = 30 * 24 * 60 * 60 * 1000;
export const INVITATION_LIST_LIMIT = 200;

/**
 * The account's open invitations (pending and expired) and recently declined ones, newest
 * first, with who invited (or that the invitee asked through the join link) and how the latest
 * email fared. Accepted ones are members now.
 */
export async function listAccountInvitations(db: Db, accountId: string, now = new Date()) {
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      customRoleName: customRoles.name,
      status: invitations.status,
      sentAt: invitations.sentAt,
      expiresAt: invitations.expiresAt,
      respondedAt: invitations.respondedAt,
      invitedBy: users.name,
      /** Asked for through the join link: there is no inviter to show. */
      viaJoinLink: invitations.viaJoinLink,
      email_: { status: emailOutbox.status, attempts: emailOutbox.attempts },
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedByUserId))
    .leftJoin(emailOutbox, eq(emailOutbox.id, invitations.lastEmailId))
    .leftJoin(customRoles, eq(customRoles.id, invitations.customRoleId))
    .where(
      and(
        eq(invitations.accountId, accountId),
        or(
          eq(invitations.status, "pending"),
          and(
            eq(invitations.status, "declined"),
            gte(invitations.respondedAt, new Date(now.getTime() - DECLINED_VISIBLE_MS)),
          ),
        ),
      ),
    )
    .orderBy(desc(invitations.sentAt))
    .limit(INVITATION_LIST_LIMIT);
  return rows.map(({ email_, ...row }) => ({
    ...row,
    roleLabel: roleLabel(row.role, row.customRoleName),
    state:
      row.status === "declined"
        ? ("declined" as const)
        : row.expiresAt <= now
          ? ("expired" as const)
          : ("pending" as const),
    delivery: deliveryStatus(email_?.status ? email_ : null),
  }));
}

export type AccountInvitation = Awaited<ReturnType<typeof listAccountInvitations>>[number];

/** Open invitations addressed to an email, across accounts (for a signed-in user with that verified email). */
export async function listInvitationsForEmail(db: Db, email: string, now = new Date()) {
  const rows = await db
    .select({
      id: invitations.id,
      role: invitations.role,
      customRoleName: customRoles.name,
      expiresAt: invitations.expiresAt,
      account: { shortName: accounts.shortName, displayName: accounts.displayName },
      invitedBy: users.name,
    })
    .from(invitations)
    .innerJoin(accounts, eq(accounts.id, invitations.accountId))
    .leftJoin(users, eq(users.id, invitations.invitedByUserId))
    .leftJoin(customRoles, eq(customRoles.id, invitations.customRoleId))
    .where(
      and(eq(invitations.email, email), eq(invitations.status, "pending"), gt(invitations.expiresAt, now)),
    )
    .orderBy(desc(invitations.sentAt));
  return rows.map((row) => ({ ...row, roleLabel: roleLabel(row.role, row.customRoleName) }));
}

export type InvitationForMe = Awaited<ReturnType<typeof listInvitationsForEmail>>[number];
