import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { AppError } from "@/lib/errors";
import { withHashSlot } from "./hash-slots";

// argon2id (the library's default algorithm) at the OWASP minimum: 19 MiB, 2 passes, 1 lane.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return withHashSlot(() => hash(password, ARGON2_OPTIONS));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await withHashSlot(() => verify(passwordHash, password));
  } catch (error) {
    if (error instanceof AppError) throw error; // too busy: not a wrong password
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for an email nobody has: wrong email and
 * wrong password must not be told apart by how long the answer takes.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("roster-dummy-password-for-timing").catch((error: unknown) => {
    dummyHash = undefined; // busy: try again next time
    throw error;
  });
  await verifyPassword(await dummyHash, password);
  return false;
}
