import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, memberships, users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError, uniqueViolation } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { defaultProjectKey, insertProject } from "@/lib/projects/projects";
import { claimShortNameForAccount, SHORT_NAME_TAKEN } from "./short-name-holds";

/**
 * Creates an account owned by `owner` and makes it their last used account. Runs inside the
 * caller's transaction; a held short name is refused here, and one another account has
 * surfaces as a unique violation for the caller.
 */
export async function insertAccountWithOwner(
  tx: Db,
  owner: { id: string; email: string },
  input: { shortName: string; displayName?: string },
  meta: RequestMeta,
) {
  await claimShortNameForAccount(tx, input.shortName);
  const [account] = await tx
    .insert(accounts)
    .values({
      shortName: input.shortName,
      displayName: input.displayName?.trim() || input.shortName,
      createdByUserId: owner.id,
    })
    .returning({ id: accounts.id, shortName: accounts.shortName, displayName: accounts.displayName });
  if (!account) throw new Error("account insert returned nothing");
  const [membership] = await tx
    .insert(memberships)
    .values({ accountId: account.id, userId: owner.id, role: "owner" })
    .returning({ id: memberships.id });
  await tx.update(users).set({ lastAccountId: account.id }).where(eq(users.id, owner.id));
  await recordAuditEvent(tx, {
    action: "account.created",
    accountId: account.id,
    actor: owner,
    target: { type: "account", id: account.id },
    data: { shortName: account.shortName, displayName: account.displayName },
    meta,
  });
  // A first project, so that the new account opens on a space its creator can use at once.
  await insertProject(
    tx,
    account,
    { ...owner, membershipId: membership!.id },
    { name: account.displayName, key: defaultProjectKey(account.shortName), description: "" },
    meta,
  );
  return account;
}

/** A signed-in user adds another account, which they own. */
export async function createAccount(
  db: Db,
  owner: { id: string; email: string },
  input: { shortName: string; displayName?: string },
  meta: RequestMeta,
) {
  try {
    return await db.transaction((tx) => insertAccountWithOwner(tx, owner, input, meta));
  } catch (error) {
    if (uniqueViolation(error) === "accounts_short_name_unique") {
      throw new AppError("conflict", SHORT_NAME_TAKEN, "shortName");
    }
    throw error;
  }
}
