import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships } from "@/db/schema";
import { requireMember } from "@/lib/auth/current";
import { loadMembershipAccess } from "@/lib/members/access";
import { canAny } from "@/lib/permissions/can";
import { SEES_PEOPLE } from "@/lib/permissions/permissions";
import { isUuid } from "@/lib/uuid";

/**
 * The member a member page is about, and the caller's context; 404 for an unknown member or
 * a caller who may not see them. Loaded once per request (React `cache`): the title and the page share it.
 */
export const requireMemberTarget = cache(async (account: string, membershipId: string) => {
  const ctx = await requireMember(account);
  const isSelf = membershipId === ctx.membership.id;
  // Everyone sees their own page; others', those who read, change or approve people.
  if (!isUuid(membershipId) || (!isSelf && !canAny(ctx, SEES_PEOPLE))) notFound();
  const [target] = await loadMembershipAccess(
    await getDb(),
    and(eq(memberships.id, membershipId), eq(memberships.accountId, ctx.account.id)),
  );
  if (!target) notFound();
  return { ctx, target, isSelf };
});
