import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { userTokens, users } from "@/db/schema";
import { hashToken, newToken } from "@/lib/crypto/tokens";

export type UserTokenPurpose = (typeof userTokens.purpose.enumValues)[number];

/** How long each kind of emailed link works. */
export const USER_TOKEN_TTL_MS: Record<UserTokenPurpose, number> = {
  verify_email: 3 * 24 * 60 * 60 * 1000,
  reset_password: 60 * 60 * 1000,
  change_email: 24 * 60 * 60 * 1000,
  set_password: 3 * 60 * 60 * 1000,
  // Not a link: the step between a right password and the second factor (lib/auth/two-factor-sign-in.ts).
  two_factor_sign_in: 10 * 60 * 1000,
};

/**
 * Issues a single-use link token for `purpose`, sent to `email`, and ends the user's earlier
 * unused links of the same purpose: only the newest link works. Returns the token (the only
 * copy; the database keeps its hash).
 */
export async function issueUserToken(
  tx: Db,
  input: { userId: string; purpose: UserTokenPurpose; email: string },
  now = new Date(),
) {
  await tx
    .update(userTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(userTokens.userId, input.userId),
        eq(userTokens.purpose, input.purpose),
        isNull(userTokens.usedAt),
      ),
    );
  const token = newToken();
  await tx.insert(userTokens).values({
    userId: input.userId,
    purpose: input.purpose,
    email: input.email,
    tokenHash: hashToken(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + USER_TOKEN_TTL_MS[input.purpose]),
  });
  return token;
}

const usable = (token: string, purpose: UserTokenPurpose, now: Date) =>
  and(
    eq(userTokens.tokenHash, hashToken(token)),
    eq(userTokens.purpose, purpose),
    isNull(userTokens.usedAt),
    gt(userTokens.expiresAt, now),
  );

/**
 * What a link's page shows: the user it belongs to and the address it was sent to, or null
 * for a link that is unknown, used, superseded or expired (the page says the same for all).
 */
export async function findUserToken(db: Db, token: string, purpose: UserTokenPurpose, now = new Date()) {
  const [row] = await db
    .select({
      email: userTokens.email,
      expiresAt: userTokens.expiresAt,
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        emailVerifiedAt: users.emailVerifiedAt,
        createdAt: users.createdAt,
      },
    })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(usable(token, purpose, now))
    .limit(1);
  return row ?? null;
}

/**
 * Uses a link, once: a conditional update lets exactly one of any concurrent uses through.
 * Null when the link does not work (any more). Call inside the transaction that acts on it.
 */
export async function consumeUserToken(tx: Db, token: string, purpose: UserTokenPurpose, now = new Date()) {
  const [row] = await tx
    .update(userTokens)
    .set({ usedAt: now })
    .where(usable(token, purpose, now))
    .returning({ userId: userTokens.userId, email: userTokens.email });
  return row ?? null;
}
