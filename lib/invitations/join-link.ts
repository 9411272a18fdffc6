import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, customRoles, invitations, memberships, users } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { defaultRoleChoice } from "@/lib/accounts/settings";
import { recordAuditEvent } from "@/lib/audit/record";
import { seal, unseal } from "@/lib/crypto/seal";
import { hashToken, newToken } from "@/lib/crypto/tokens";
import { lockAccountUsage, seatsLeft } from "@/lib/plans/limits";
import { AppError, notFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { roleLabel } from "@/lib/permissions/roles";
import { enforceRateLimit, takeRateLimit } from "@/lib/rate-limit/rate-limit";
import { resolveRoleChoice } from "@/lib/roles/choice";
import { queueInvitationEmail } from "./invitation-email";
import { INVITATION_TTL_MS, joinLinkUrl } from "./links";
import { lockActor } from "@/lib/members/lock-actor";
import { renewInvitationLink, takeResendBudget } from "./manage";
import { takeInvitationNetworkBudget } from "./sending-limits";

// An account's join link (`/join/<code>`) is a self-service invitation: whoever holds it asks
// for one with their email address, and the link to join arrives there as any invitation's
// does. The address is proven by the email, never by what was typed.

/** The sealing use of join codes (lib/crypto/seal.ts): administrators read the link back. */
const SEAL_USE = "join-link";

/** Join requests one network may make per hour. */
const PER_IP = { limit: 10, windowSeconds: 60 * 60 };
/** Emails one address may be sent through join links per hour; silently, so nothing is told. */
const PER_EMAIL = { limit: 3, windowSeconds: 60 * 60 };

export type JoinLinkChange = "on" | "regenerate" | "off";

export type JoinLinkSettings = {
  on: boolean;
  /** The full link to share; null while off (or when the sealed code cannot be read back). */
  url: string | null;
  domains: string[];
  requiresApproval: boolean;
};

function readCode(sealed: string | null): string | null {
  if (!sealed) return null;
  try {
    return unseal(SEAL_USE, sealed);
  } catch {
    return null; // sealed under another AUTH_SECRET: a new code must be made
  }
}

/** The join link's settings as administrators see them on the settings page. */
export async function loadJoinLinkSettings(db: Db, accountId: string): Promise<JoinLinkSettings> {
  const [row] = await db
    .select({
      hash: accounts.joinCodeHash,
      sealed: accounts.joinCodeSealed,
      domains: accounts.joinDomains,
      requiresApproval: accounts.joinRequiresApproval,
    })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!row) throw notFoundError();
  const code = row.hash ? readCode(row.sealed) : null;
  return {
    on: row.hash !== null,
    url: code ? joinLinkUrl(code) : null,
    domains: row.domains,
    requiresApproval: row.requiresApproval,
  };
}

/**
 * Turns the join link on (a new random code), makes a new code (the old link dies at once), or
 * turns it off. Turning it on again while it is on changes nothing. Like sending invitations,
 * giving out a link that makes Roster email people takes a confirmed address. Returns the code
 * now in force (null when off).
 */
export async function changeJoinLink(
  db: Db,
  ctx: MemberContext,
  change: JoinLinkChange,
  meta: RequestMeta,
): Promise<{ code: string | null }> {
  if (change !== "off" && !ctx.user.emailVerifiedAt) {
    throw new AppError(
      "forbidden",
      "Confirm your email address before turning on the join link: use the link we sent you.",
    );
  }
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ hash: accounts.joinCodeHash, sealed: accounts.joinCodeSealed })
      .from(accounts)
      .where(eq(accounts.id, ctx.account.id))
      .for("update");
    if (!before) throw notFoundError();
    await lockActor(tx, ctx, "account.manage");
    const wasOn = before.hash !== null;
    if (change === "off" && !wasOn) return { code: null };
    if (change === "on" && wasOn) {
      const current = readCode(before.sealed);
      if (current) return { code: current };
    }
    const code = change === "off" ? null : newToken();
    await tx
      .update(accounts)
      .set({
        joinCodeHash: code ? hashToken(code) : null,
        joinCodeSealed: code ? seal(SEAL_USE, code) : null,
        updatedAt: new Date(),
      })
      .where(eq(accounts.id, ctx.account.id));
    await recordAuditEvent(tx, {
      action: "account.join_link_changed",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "account", id: ctx.account.id },
      data: { change: !code ? "turned_off" : wasOn ? "regenerated" : "turned_on" },
      meta,
    });
    return { code };
  });
}

/** Sets who may use the join link (email domains; empty: any) and whether they wait for approval. */
export async function updateJoinLinkSettings(
  db: Db,
  ctx: MemberContext,
  input: { domains: string[]; requiresApproval: boolean },
  meta: RequestMeta,
) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ domains: accounts.joinDomains, requiresApproval: accounts.joinRequiresApproval })
      .from(accounts)
      .where(eq(accounts.id, ctx.account.id))
      .for("update");
    if (!before) throw notFoundError();
    await lockActor(tx, ctx, "account.manage");
    const same =
      before.requiresApproval === input.requiresApproval &&
      before.domains.join(" ") === input.domains.join(" ");
    if (same) return;
    await tx
      .update(accounts)
      .set({
        joinDomains: input.domains,
        joinRequiresApproval: input.requiresApproval,
        updatedAt: new Date(),
      })
      .where(eq(accounts.id, ctx.account.id));
    await recordAuditEvent(tx, {
      action: "account.join_link_settings_changed",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "account", id: ctx.account.id },
      data: { before, after: input },
      meta,
    });
  });
}

/** The account behind a join link that is on; null for any other code (the page answers 404). */
export async function findJoinLinkAccount(db: Db, code: string) {
  if (code.length === 0 || code.length > 200) return null;
  const [account] = await db
    .select({ id: accounts.id, displayName: accounts.displayName, domains: accounts.joinDomains })
    .from(accounts)
    .where(eq(accounts.joinCodeHash, hashToken(code)))
    .limit(1);
  return account ?? null;
}

/** Whether an address may use a join link limited to `domains` (none: any address). */
export function emailDomainAllowed(email: string, domains: readonly string[]): boolean {
  if (domains.length === 0) return true;
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  return domains.includes(domain);
}

export const domainRefusal = (domains: readonly string[]) =>
  domains.length === 1
    ? `Use your ${domains[0]} address: only those can join through this link.`
    : `Use an address at ${domains.join(", ")}: only those can join through this link.`;

/**
 * Someone asks to join through a join link. The answer is the same whoever the address
 * belongs to (nobody learns who has a user or who is a member): behind it, an address that is
 * not a member gets an invitation with the account's default role, asked for (no inviter); one
 * with an open invitation gets it again with a new link (within that invitation's resend
 * budget); a member gets nothing. The emailed link then works as any invitation's.
 */
const JOIN_LINK_FULL =
  "This account cannot take anyone new right now. Ask its administrators to make room or move to a larger plan.";

export async function requestToJoin(
  db: Db,
  input: { code: string; email: string },
  meta: RequestMeta,
  now = new Date(),
) {
  const account = await findJoinLinkAccount(db, input.code);
  if (!account) throw notFoundError();
  const { email } = input;
  if (!emailDomainAllowed(email, account.domains)) {
    throw new AppError("invalid", domainRefusal(account.domains), "email");
  }
  await enforceRateLimit(
    db,
    {
      name: "join-link:ip",
      subject: meta.ip,
      limit: PER_IP,
      message: "Too many requests to join from your network. Try again in an hour.",
    },
    meta,
  );
  // Counted for every request, sent or not, so that the budget tells nothing either.
  await takeInvitationNetworkBudget(db, meta, 1, null);
  const answer = { accountName: account.displayName, email };
  if (!(await takeRateLimit(db, `join-link:email:${email.toLowerCase()}`, PER_EMAIL, now)).allowed) {
    return answer;
  }

  await db.transaction(async (tx) => {
    // The same answer whoever asks: a full account turns everyone away, members included.
    if (seatsLeft(await lockAccountUsage(tx, account.id)) < 1)
      throw new AppError("forbidden", JOIN_LINK_FULL);
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.accountId, account.id), eq(users.email, email)))
      .limit(1);
    if (member) return;

    const [open] = await tx
      .select({ invitation: invitations, customRoleName: customRoles.name })
      .from(invitations)
      .leftJoin(customRoles, eq(customRoles.id, invitations.customRoleId))
      .where(
        and(
          eq(invitations.accountId, account.id),
          eq(invitations.email, email),
          eq(invitations.status, "pending"),
        ),
      )
      .for("update", { of: invitations });
    if (open) {
      const { invitation } = open;
      if (!(await takeResendBudget(tx, invitation.id, now))) return;
      await renewInvitationLink(
        tx,
        invitation,
        {
          accountName: account.displayName,
          inviter: null,
          roleLabel: roleLabel(invitation.role, open.customRoleName),
        },
        now,
      );
      await recordAuditEvent(tx, {
        action: "invitation.resent",
        accountId: account.id,
        target: { type: "invitation", id: invitation.id },
        data: {
          email: invitation.email,
          role: invitation.role,
          wasExpired: invitation.expiresAt <= now,
          viaJoinLink: true,
        },
        meta,
      });
      return;
    }

    // Share-locked: the default role cannot change or be deleted while it is being given.
    const role = await resolveRoleChoice(tx, account.id, await defaultRoleChoice(tx, account.id), {
      lock: true,
    });
    const token = newToken();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    const [created] = await tx
      .insert(invitations)
      .values({
        accountId: account.id,
        email,
        role: role.role,
        customRoleId: role.customRoleId,
        tokenHash: hashToken(token),
        invitedByUserId: null,
        viaJoinLink: true,
        createdAt: now,
        sentAt: now,
        expiresAt,
      })
      .onConflictDoNothing({
        target: [invitations.accountId, invitations.email],
        where: sql`status = 'pending'`,
      })
      .returning({ id: invitations.id });
    if (!created) return; // a request a moment ago made it, and its email is on the way
    const emailId = await queueInvitationEmail(
      tx,
      { accountId: account.id, email, expiresAt },
      { token, accountName: account.displayName, inviter: null, roleLabel: role.label },
    );
    await tx.update(invitations).set({ lastEmailId: emailId }).where(eq(invitations.id, created.id));
    await recordAuditEvent(tx, {
      action: "invitation.created",
      accountId: account.id,
      target: { type: "invitation", id: created.id },
      data: { email, role: role.label, viaJoinLink: true },
      meta,
    });
  });
  return answer;
}
