import { AppError } from "@/lib/errors";

/**
 * A cap on password hashes running at once in this process. Each argon2id hash takes 19 MiB
 * and most of a core: a flood of sign-ins must queue (and past a point be turned away), not
 * run the server out of memory. The cap protects this process only, so it lives in memory.
 */
const MAX_RUNNING = 4;
const MAX_WAITING = 64;

let running = 0;
const waiting: (() => void)[] = [];

export const HASHING_BUSY = "Roster is busy right now. Try again in a moment.";

/** Runs `work` (a password hash or check) when a slot is free. */
export async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_RUNNING) {
    if (waiting.length >= MAX_WAITING) throw new AppError("rate_limited", HASHING_BUSY);
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running += 1;
  }
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next)
      next(); // the slot passes straight to the next in line
    else running -= 1;
  }
}
