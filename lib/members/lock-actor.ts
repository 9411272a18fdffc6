import "server-only";
import { and, eq, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/permissions/can";
import type { Permission } from "@/lib/permissions/permissions";
import { loadMembershipAccess, lockMemberships, type MembershipAccess } from "./access";

export const NO_LONGER_A_MEMBER = "You are no longer a member of this account.";
export const ACCESS_DISABLED =
  "An administrator of this account has disabled your access. Ask them to enable it again.";
export const AWAITING_APPROVAL =
  "Your membership of this account waits for an administrator's approval. You can use it once approved.";

/**
 * The first step of every write that decides on the caller's permissions, inside its
 * transaction: locks the caller's membership — and the memberships matching `targets`, all in
 * id order, so two such writes cannot deadlock — then re-reads them and re-checks that the
 * caller is still an active member holding `permission`.
 *
 * The action checked the same on a copy read before the transaction; this re-check is what
 * counts, because a concurrent demotion, removal or disabling commits before the lock is
 * granted, and the write is then judged by what it left behind. Returns the caller as they
 * are now — as a member context too, for code that takes one — and the targets.
 */
export async function lockActor(
  tx: Db,
  ctx: MemberContext,
  permission: Permission | null,
  targets?: SQL,
): Promise<{ actor: MembershipAccess; actorCtx: MemberContext; targets: MembershipAccess[] }> {
  const who = and(
    eq(memberships.accountId, ctx.account.id),
    targets ? or(eq(memberships.id, ctx.membership.id), targets) : eq(memberships.id, ctx.membership.id),
  );
  await lockMemberships(tx, who);
  const rows = await loadMembershipAccess(tx, who);
  const actor = rows.find((row) => row.id === ctx.membership.id);
  if (!actor) throw new AppError("forbidden", NO_LONGER_A_MEMBER);
  if (actor.disabledAt) throw new AppError("forbidden", ACCESS_DISABLED);
  if (actor.awaitingApprovalSince) throw new AppError("forbidden", AWAITING_APPROVAL);
  if (permission) assertCan(actor, permission);
  const actorCtx: MemberContext = { ...ctx, membership: actor, permissions: actor.permissions };
  return { actor, actorCtx, targets: rows.filter((row) => row !== actor) };
}
