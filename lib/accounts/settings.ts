import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { MemberContext } from "./member-context";

/** Renames an account (its display name; the short name never changes). */
export async function updateAccountDisplayName(
  db: Db,
  ctx: MemberContext,
  displayName: string,
  meta: RequestMeta,
) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ displayName: accounts.displayName })
      .from(accounts)
      .where(eq(accounts.id, ctx.account.id))
      .for("update");
    if (!before || before.displayName === displayName) return;
    await tx
      .update(accounts)
      .set({ displayName, updatedAt: new Date() })
      .where(eq(accounts.id, ctx.account.id));
    await recordAuditEvent(tx, {
      action: "account.updated",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "account", id: ctx.account.id },
      data: { before: { displayName: before.displayName }, after: { displayName } },
      meta,
    });
  });
}

/** Remembers the account a user opened, so that `/` returns there. Writes only on a change. */
export async function rememberLastAccount(db: Db, userId: string, accountId: string) {
  await db
    .update(users)
    .set({ lastAccountId: accountId })
    .where(and(eq(users.id, userId), sql`${users.lastAccountId} IS DISTINCT FROM ${accountId}`));
}
