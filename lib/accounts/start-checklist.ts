import "server-only";
import { and, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invitations } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { can } from "@/lib/permissions/can";

export type StartItem = {
  key: "invite" | "project" | "two-factor";
  label: string;
  href: string;
  done: boolean;
};

/**
 * The first steps of a new account, as sign-up promised them ("invite the others next"): each
 * one only for whoever may take it, ticked once taken. Shown while the account is still just
 * its creator and a step is open; null otherwise. `createdProject`: one besides the default
 * project every account starts with (the home page reads it from its own list).
 */
export async function startChecklist(
  db: Db,
  ctx: MemberContext,
  createdProject: boolean,
): Promise<StartItem[] | null> {
  // Someone else is in the account: it has started. (No query for every later visit.)
  if (ctx.account.memberCount > 1) return null;
  const base = `/a/${ctx.account.shortName}`;
  const items: StartItem[] = [];
  if (can(ctx, "members.invite")) {
    const [pending] = await db
      .select({ n: count() })
      .from(invitations)
      .where(and(eq(invitations.accountId, ctx.account.id), eq(invitations.status, "pending")));
    items.push({ key: "invite", label: "Invite people", href: `${base}/members`, done: pending!.n > 0 });
  }
  if (can(ctx, "projects.create")) {
    items.push({ key: "project", label: "Create a project", href: `${base}/projects`, done: createdProject });
  }
  items.push({
    key: "two-factor",
    label: "Set up two-factor authentication",
    href: "/profile/two-factor",
    done: ctx.user.twoFactorEnabledAt !== null,
  });
  return items.some((item) => !item.done) ? items : null;
}
