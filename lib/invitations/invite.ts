import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invitationProjects, invitations, memberships, users, type ProjectRole } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { hashToken, newToken } from "@/lib/crypto/tokens";
import type { RequestMeta } from "@/lib/http/request-meta";
import { assertCanGrantRole } from "@/lib/permissions/grants";
import { enforceRateLimit } from "@/lib/rate-limit/rate-limit";
import { resolveRoleChoice } from "@/lib/roles/choice";
import { projectsToGrant } from "@/lib/projects/member-projects";
import { lockAccountUsage, seatsLeft } from "@/lib/plans/limits";
import { lockActor } from "@/lib/members/lock-actor";
import { queueInvitationEmail } from "./invitation-email";
import { assertMaySendInvitations } from "./sending-limits";
import { INVITATION_TTL_MS } from "./links";
import { parseEmailList } from "./schemas";

/** Invitations (addresses) a person may send per hour. */
const INVITE_LIMIT = { limit: 200, windowSeconds: 60 * 60 };

export type InviteOutcome =
  | { email: string; outcome: "invited"; invitationId: string }
  | { email: string; outcome: "already_member" }
  | { email: string; outcome: "already_invited"; invitationId: string; expired: boolean }
  | { email: string; outcome: "invalid" }
  | { email: string; outcome: "over_seat_limit" };

/**
 * Invites every address in `rawEmails` with `role`, and answers per address. Each new
 * invitation and its email commit together; an address with an open invitation or an
 * existing membership is reported, never invited twice (a unique index settles races).
 * `projectKeys` are projects (whose access the inviter manages) granted on acceptance.
 * Each invitation takes a seat of the plan: once they are gone, the remaining addresses are
 * answered "over the seat limit" (the account row stays locked until the batch commits).
 */
export async function inviteMembers(
  db: Db,
  ctx: MemberContext,
  input: { emails: string; role: string; projectKeys?: string[]; projectRole?: ProjectRole },
  meta: RequestMeta,
  now = new Date(),
  /** What the caller must hold: `members.manage` when adding a person who already has a user. */
  permission: "members.invite" | "members.manage" = "members.invite",
): Promise<InviteOutcome[]> {
  const { valid, invalid } = parseEmailList(input.emails);
  const outcomes = new Map<string, InviteOutcome>();
  const key = (email: string) => email.toLowerCase();

  await assertMaySendInvitations(db, ctx, meta, valid.length);
  await enforceRateLimit(
    db,
    {
      name: "invitations",
      subject: ctx.user.id,
      limit: INVITE_LIMIT,
      message: "You have invited a lot of people in the last hour. Try again later.",
      cost: valid.length,
    },
    meta,
    ctx.user,
    now,
  );

  await db.transaction(async (tx) => {
    // First the account row, as every transaction that takes a seat does (one lock order).
    let seats = seatsLeft(await lockAccountUsage(tx, ctx.account.id));
    // Share-locked: the role cannot change or be deleted while it is being given.
    const role = await resolveRoleChoice(tx, ctx.account.id, input.role, { lock: true });
    // Then the inviter, re-checked under lock: a demotion a moment ago counts.
    const { actorCtx } = await lockActor(tx, ctx, permission);
    assertCanGrantRole(actorCtx, role.role, role.permissions, role.label);
    const projects = await projectsToGrant(tx, actorCtx, input.projectKeys ?? []);
    const projectRole = input.projectRole ?? "viewer";
    if (valid.length > 0) {
      const members = await tx
        .select({ email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.accountId, ctx.account.id), inArray(users.email, valid)));
      for (const { email } of members) outcomes.set(key(email), { email, outcome: "already_member" });
    }

    for (const email of valid) {
      if (outcomes.has(key(email))) continue;
      if (seats < 1) {
        // "Already invited" needs no seat; anything else would take one.
        outcomes.set(
          key(email),
          (await openInvitation(tx, ctx.account.id, email, now)) ?? { email, outcome: "over_seat_limit" },
        );
        continue;
      }
      const token = newToken();
      const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
      const [created] = await tx
        .insert(invitations)
        .values({
          accountId: ctx.account.id,
          email,
          role: role.role,
          customRoleId: role.customRoleId,
          tokenHash: hashToken(token),
          invitedByUserId: ctx.user.id,
          createdAt: now,
          sentAt: now,
          expiresAt,
        })
        .onConflictDoNothing({
          target: [invitations.accountId, invitations.email],
          where: sql`status = 'pending'`,
        })
        .returning({ id: invitations.id });

      if (!created) {
        // accepted a moment ago, if the open invitation is gone
        outcomes.set(
          key(email),
          (await openInvitation(tx, ctx.account.id, email, now)) ?? { email, outcome: "already_member" },
        );
        continue;
      }

      const emailId = await queueInvitationEmail(
        tx,
        { accountId: ctx.account.id, email, expiresAt },
        { token, accountName: ctx.account.displayName, inviter: ctx.user, roleLabel: role.label },
      );
      await tx.update(invitations).set({ lastEmailId: emailId }).where(eq(invitations.id, created.id));
      if (projects.length > 0) {
        await tx.insert(invitationProjects).values(
          projects.map((project) => ({
            accountId: ctx.account.id,
            invitationId: created.id,
            projectId: project.id,
            role: projectRole,
          })),
        );
      }
      await recordAuditEvent(tx, {
        action: "invitation.created",
        accountId: ctx.account.id,
        actor: ctx.user,
        target: { type: "invitation", id: created.id },
        data: {
          email,
          role: role.label,
          ...(projects.length > 0 && { projects: projects.map((p) => p.key), projectRole }),
        },
        meta,
      });
      seats -= 1;
      outcomes.set(key(email), { email, outcome: "invited", invitationId: created.id });
    }
  });

  return [
    ...valid.map((email) => outcomes.get(key(email))!),
    ...invalid.map((email) => ({ email, outcome: "invalid" as const })),
  ];
}

async function openInvitation(
  tx: Db,
  accountId: string,
  email: string,
  now: Date,
): Promise<InviteOutcome | null> {
  const [open] = await tx
    .select({ id: invitations.id, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(
      and(
        eq(invitations.accountId, accountId),
        eq(invitations.email, email),
        eq(invitations.status, "pending"),
      ),
    );
  return open
    ? { email, outcome: "already_invited", invitationId: open.id, expired: open.expiresAt <= now }
    : null;
}
