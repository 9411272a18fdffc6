import "server-only";
import { randomInt } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { recoveryCodes, users } from "@/db/schema";
import { seal, unseal } from "@/lib/crypto/seal";
import { hashToken } from "@/lib/crypto/tokens";

const COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i: codes are typed from paper
const SEAL_USE = "recovery-codes-to-show";

/** A code as typed: case, spaces and dashes do not matter. */
export function normalizeRecoveryCode(code: string) {
  return code.toLowerCase().replace(/[\s-]+/g, "");
}

/** Looks like a recovery code rather than a 6-digit TOTP code. */
export function isRecoveryCodeShaped(code: string) {
  return normalizeRecoveryCode(code).length === 10;
}

function newRecoveryCode(): string {
  // 10 characters from 31: about 50 bits, far past guessing within the attempt limits.
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/**
 * Replaces a user's recovery codes with ten new ones. Only their hashes are kept for
 * checking; the codes themselves are kept sealed just until the user says they saved them.
 */
export async function issueRecoveryCodes(tx: Db, userId: string) {
  const codes = Array.from({ length: COUNT }, newRecoveryCode);
  // Two renewals at once: the second waits here, then replaces the first's codes too.
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx
    .insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashToken(normalizeRecoveryCode(code)) })));
  await tx
    .update(users)
    .set({ recoveryCodesToShow: seal(SEAL_USE, JSON.stringify(codes)) })
    .where(eq(users.id, userId));
  return codes;
}

/** The codes waiting to be saved, if the user has not yet confirmed they did. */
export function recoveryCodesToShow(sealed: string | null): string[] | null {
  return sealed ? (JSON.parse(unseal(SEAL_USE, sealed)) as string[]) : null;
}

/** Uses up one recovery code; false if it is not one of the user's unused codes. */
export async function useRecoveryCode(tx: Db, userId: string, code: string, now = new Date()) {
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashToken(normalizeRecoveryCode(code))),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used.length > 0;
}

/** How many unused recovery codes a user has left. */
export async function countUnusedRecoveryCodes(db: Db, userId: string) {
  const rows = await db
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}
