import "server-only";
import { and, eq, ne, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError, uniqueViolation } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { USERNAME_TAKEN } from "@/lib/users/profile";
import { assertMayManage, auditTarget, lockActorAndTarget } from "./manage";

// A person's names and company belong to them (an administrator never takes over an existing
// identity). Only a user this account's administrators made ("New user") and who belongs to no
// other account is the account's to edit or delete; anyone else edits their own profile.

export const NOT_CREATED_HERE =
  "This person's user name, display name and company are their own: they edit them on their profile.";
export const NOT_DELETABLE_HERE =
  "Only a user this account created, who belongs to no other account, can be deleted. Remove them from the account instead.";
const NOT_YOURSELF_EDIT = "You edit your own names and company on your profile.";
const NOT_YOURSELF_DELETE = "You can't delete your own user. To go, leave the account instead.";

export type PersonFields = { username: string; displayName: string; company: string };

const otherMemberships = alias(memberships, "other_memberships");

/**
 * A member's user name, display name and company, and whether the account holds their identity:
 * the user was created here and belongs to no other account.
 */
export async function loadPersonDetails(db: Db, accountId: string, membershipId: string) {
  const [row] = await db
    .select({
      username: users.username,
      displayName: users.displayName,
      company: users.company,
      heldHere: heldHereSql(db, accountId),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.id, membershipId), eq(memberships.accountId, accountId)));
  return row ?? null;
}

/** Whether the account holds the identity of `users` (of the enclosing query), as SQL. */
export const heldHereSql = (db: Db, accountId: string) =>
  sql<boolean>`coalesce(${and(
    eq(users.createdInAccountId, accountId),
    notExists(
      db
        .select({ one: sql`1` })
        .from(otherMemberships)
        .where(and(eq(otherMemberships.userId, users.id), ne(otherMemberships.accountId, accountId))),
    ),
  )}, false)`;

/**
 * Inside the caller's transaction, with the memberships locked: the rank rule, never oneself,
 * then the target's user row locked FOR UPDATE (so no membership of another account can be
 * added meanwhile: its insert waits on the row) and the "held here" condition re-read.
 */
async function lockPersonHeldHere(
  tx: Db,
  ctx: MemberContext,
  membershipId: string,
  refusals: { self: string; notHeld: string },
) {
  const { actor, target } = await lockActorAndTarget(tx, ctx, membershipId);
  if (target.id === actor.id) throw new AppError("forbidden", refusals.self);
  assertMayManage(actor, target);
  const [user] = await tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      username: users.username,
      displayName: users.displayName,
      company: users.company,
      createdInAccountId: users.createdInAccountId,
    })
    .from(users)
    .where(eq(users.id, target.userId))
    .for("update");
  if (!user) throw new AppError("not_found", "This person is not a member of this account (any more).");
  // A later statement than the lock: it sees a membership committed while we waited.
  const [elsewhere] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, user.id), ne(memberships.accountId, ctx.account.id)))
    .limit(1);
  if (user.createdInAccountId !== ctx.account.id || elsewhere) {
    throw new AppError("forbidden", refusals.notHeld);
  }
  return { target, user };
}

/**
 * An administrator edits the user name, display name and company of a person this account
 * created and who belongs to no other account; "" clears a field. Same rank rule as any change
 * to someone's membership; never the owner, never oneself.
 */
export async function updatePersonDetails(
  db: Db,
  ctx: MemberContext,
  membershipId: string,
  input: PersonFields,
  meta: RequestMeta,
) {
  const after = {
    username: input.username || null,
    displayName: input.displayName || null,
    company: input.company || null,
  };
  try {
    return await db.transaction(async (tx) => {
      const { target, user } = await lockPersonHeldHere(tx, ctx, membershipId, {
        self: NOT_YOURSELF_EDIT,
        notHeld: NOT_CREATED_HERE,
      });
      const before = { username: user.username, displayName: user.displayName, company: user.company };
      if (
        before.username === after.username &&
        before.displayName === after.displayName &&
        before.company === after.company
      ) {
        return { changed: false };
      }
      await tx
        .update(users)
        .set({ ...after, updatedAt: new Date() })
        .where(eq(users.id, user.id));
      await recordAuditEvent(tx, {
        action: "member.profile_updated",
        accountId: ctx.account.id,
        actor: ctx.user,
        target: auditTarget(target),
        data: { member: user.email, before, after },
        meta,
      });
      return { changed: true };
    });
  } catch (error) {
    if (uniqueViolation(error) === "users_username_unique")
      throw new AppError("conflict", USERNAME_TAKEN, "username");
    throw error;
  }
}

/**
 * Deletes the user of a person this account created and who belongs to no other account: their
 * membership, sessions, links and project access go with the user row (foreign keys cascade);
 * what they created (projects, repositories, accounts' and invitations' "by") stays, its
 * creator set to nobody. Same rank rule as removal; never the owner, never oneself.
 */
export async function deletePerson(db: Db, ctx: MemberContext, membershipId: string, meta: RequestMeta) {
  return db.transaction(async (tx) => {
    const { target, user } = await lockPersonHeldHere(tx, ctx, membershipId, {
      self: NOT_YOURSELF_DELETE,
      notHeld: NOT_DELETABLE_HERE,
    });
    await tx.delete(users).where(eq(users.id, user.id));
    await recordAuditEvent(tx, {
      action: "member.deleted",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: auditTarget(target),
      data: { userId: user.id, email: user.email, name: user.name, role: target.roleLabel },
      meta,
    });
    return { name: target.name };
  });
}
