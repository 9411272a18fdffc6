import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";

export type RateLimit = { limit: number; windowSeconds: number };

/** Counters older than this are gone: no limit here has a longer window. */
const KEEP_COUNTERS_MS = 24 * 60 * 60 * 1000;

/**
 * Counts one attempt against `key` in a fixed window kept in the database (so every app
 * instance shares it) and says whether the attempt is within the limit. `firstRefusal` is
 * true for the one attempt that crossed the limit (to log a limit hit once, not per attempt).
 */
export async function takeRateLimit(
  db: Db,
  key: string,
  { limit, windowSeconds }: RateLimit,
  now = new Date(),
  /** How many attempts this one counts for (an invitation to 20 people counts 20). */
  cost = 1,
) {
  const windowExpired = sql`${rateLimits.windowStartedAt} <= ${now.toISOString()}::timestamptz - make_interval(secs => ${windowSeconds})`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStartedAt: now, count: cost, lastHitAt: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${windowExpired} THEN ${cost}::int ELSE ${rateLimits.count} + ${cost}::int END`,
        windowStartedAt: sql`CASE WHEN ${windowExpired} THEN ${now.toISOString()}::timestamptz ELSE ${rateLimits.windowStartedAt} END`,
        lastHitAt: now,
      },
    })
    .returning({ count: rateLimits.count });
  const count = row?.count ?? cost;
  return { allowed: count <= limit, count, firstRefusal: count > limit && count - cost <= limit };
}

/**
 * How many attempts `key` has counted in its current window, without counting one — for
 * limits that count failures only, checked before the attempt is judged.
 */
export async function peekRateLimit(db: Db, key: string, { windowSeconds }: RateLimit, now = new Date()) {
  const [row] = await db
    .select({ count: rateLimits.count, lastHitAt: rateLimits.lastHitAt })
    .from(rateLimits)
    .where(
      and(
        eq(rateLimits.key, key),
        sql`${rateLimits.windowStartedAt} > ${now.toISOString()}::timestamptz - make_interval(secs => ${windowSeconds})`,
      ),
    );
  return row ?? { count: 0, lastHitAt: null };
}

/** Forgets the attempts counted against `key` (a correct password ends a run of failures). */
export async function clearRateLimit(db: Db, key: string) {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/**
 * Takes one attempt from a per-requester budget (an IP address, a user) and refuses with
 * `message` past it; the first refusal of each window is audit-logged. A request whose IP is
 * unknown (never from the app itself, which always knows the socket) has no per-IP budget.
 */
export async function enforceRateLimit(
  db: Db,
  options: { name: string; subject: string | null; limit: RateLimit; message: string; cost?: number },
  meta: RequestMeta,
  actor: { id: string; email: string } | null = null,
  now = new Date(),
) {
  if (options.subject === null) return;
  const { allowed, firstRefusal } = await takeRateLimit(
    db,
    `${options.name}:${options.subject}`,
    options.limit,
    now,
    options.cost,
  );
  if (allowed) return;
  if (firstRefusal) {
    await recordAuditEvent(db, { action: "rate_limit.hit", actor, data: { limit: options.name }, meta });
  }
  throw new AppError("rate_limited", options.message);
}

/** Deletes counters whose window ended long ago (the email worker calls it now and then). */
export async function purgeRateLimits(db: Db, now = new Date()) {
  await db.delete(rateLimits).where(lt(rateLimits.lastHitAt, new Date(now.getTime() - KEEP_COUNTERS_MS)));
}
