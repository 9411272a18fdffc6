import "server-only";
import { eq, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, shortNameHolds } from "@/db/schema";
import { AppError } from "@/lib/errors";

export const SHORT_NAME_TAKEN = "This short name is taken. Choose another one.";

const taken = () => new AppError("conflict", SHORT_NAME_TAKEN, "shortName");

/**
 * Takes the row of `shortName` in short_name_holds, inside the caller's transaction: a new
 * row, or an expired hold renewed to `expiresAt`. Nothing when someone else holds the name
 * now. A row being written by another transaction makes this one wait for it to end, so
 * whoever passes holds the name's row lock until commit.
 */
async function takeHoldRow(tx: Db, shortName: string, expiresAt: Date, now: Date) {
  const [row] = await tx
    .insert(shortNameHolds)
    .values({ shortName, expiresAt })
    .onConflictDoUpdate({
      target: shortNameHolds.shortName,
      set: { expiresAt },
      setWhere: lte(shortNameHolds.expiresAt, now),
    })
    .returning({ shortName: shortNameHolds.shortName });
  return row ?? null;
}

/**
 * Keeps `shortName` from use until `until`, as if an account had taken it; refuses it (like
 * an account would) when an account has it or it is held already. Inside the caller's
 * transaction: refused, the transaction must roll back. The accounts are read only once the
 * name's row is ours, and every account creation takes that row first
 * (`claimShortNameForAccount`), so an account committed meanwhile is seen here.
 */
export async function holdShortName(tx: Db, shortName: string, until: Date, now = new Date()) {
  if (!(await takeHoldRow(tx, shortName, until, now))) throw taken();
  const [account] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.shortName, shortName))
    .limit(1);
  if (account) throw taken();
}

/**
 * Before an account is created with `shortName`, inside its transaction: refuses a name held
 * now, else takes the name's row (dropping an expired hold) and deletes it again. The deleted
 * row stays locked until the transaction ends, so a hold placed meanwhile waits for the
 * account and then sees it; a name taken by another account is refused by the accounts'
 * unique index.
 */
export async function claimShortNameForAccount(tx: Db, shortName: string, now = new Date()) {
  if (!(await takeHoldRow(tx, shortName, now, now))) throw taken();
  await tx.delete(shortNameHolds).where(eq(shortNameHolds.shortName, shortName));
}

/** Deletes holds that have run out (housekeeping; an expired hold already holds nothing). */
export async function purgeExpiredShortNameHolds(db: Db, now = new Date()) {
  const purged = await db
    .delete(shortNameHolds)
    .where(lte(shortNameHolds.expiresAt, now))
    .returning({ shortName: shortNameHolds.shortName });
  return purged.length;
}
